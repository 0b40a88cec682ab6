/* cmd_export.c: `edcg export`: a model file from a training checkpoint, so
 * a run that is still going (or was stopped) can be shipped or shared. */
#include <stdio.h>
#include <string.h>

#include "command.h"
#include "commands.h"
#include "diag.h"
#include "edcg.h"

static const char usage[] =
    "Usage: edcg export CHECKPOINT -o MODEL.safetensors [--dtype f32|f16|bf16]\n"
    "                   [--with-discriminators]\n"
    "Write the model inside a training checkpoint (the checkpoint.safetensors in a\n"
    "training folder) as a model file for 'edcg apply' and GIMP, without the\n"
    "optimizer state. --dtype f16 or bf16 halves the file (computation stays\n"
    "float32); the discriminators are left out unless asked for. The model's\n"
    "metadata (domains, provenance) is kept. The output is written atomically.\n";

static int parse_dtype(const char *text, edcg_dtype *out)
{
    static const char *const names[] = {"f32", "f16", "bf16"};
    for (int i = 0; i < 3; i++)
        if (strcmp(text, names[i]) == 0) {
            *out = (edcg_dtype)i;
            return 0;
        }
    return -1;
}

int cmd_export(int argc, char **argv)
{
    const char *output = NULL, *dtype = "f32";
    int with_disc = 0;
    arg_list pos = {0};
    const arg_spec specs[] = {
        {"output", 'o', ARG_STRING, &output, 0, 0},
        {"dtype", 0, ARG_STRING, &dtype, 0, 0},
        {"with-discriminators", 0, ARG_FLAG, &with_disc, 0, 0},
        {NULL, 0, ARG_FLAG, NULL, 0, 0},
    };
    int rc = command_parse("export", usage, specs, argc, argv, &pos);
    if (rc != COMMAND_CONTINUE) {
        arg_list_free(&pos);
        return rc;
    }
    edcg_save_options so = {EDCG_DTYPE_F32, with_disc};
    rc = EXIT_USAGE;
    if (pos.count != 1)
        diag_usage("export", "give exactly one checkpoint file");
    else if (!output)
        diag_usage("export", "-o MODEL.safetensors is required");
    else if (parse_dtype(dtype, &so.dtype))
        diag_usage("export", "unknown --dtype '%s': use f32, f16 or bf16", dtype);
    else
        rc = EXIT_RUNTIME;
    if (rc == EXIT_RUNTIME) {
        edcg_error err;
        edcg_model *m = edcg_model_load(pos.items[0], &err);
        if (!m)
            diag_error("%s", err.message);
        else if (edcg_model_save(m, output, &so, &err))
            diag_error("%s", err.message);
        else {
            printf("wrote %s (%s, %s)\n", output, edcg_variant_name(edcg_model_arch(m)->variant),
                   dtype);
            rc = 0;
        }
        edcg_model_free(m);
    }
    arg_list_free(&pos);
    return rc;
}
