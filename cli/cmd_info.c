/* cmd_info.c: `edcg info`: a model's metadata and parameter counts, or the
 * parameter counts of an architecture (the paper's Table 1). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "command.h"
#include "commands.h"
#include "diag.h"
#include "edcg.h"
#include "model_open.h"
#include "runtime_line.h"

static const char usage[] =
    "Usage: edcg info MODEL\n"
    "       edcg info --params [--variant V] [--ngf N] [--ndf N] [--blocks B]\n"
    "Show a model's metadata, architecture and parameter counts, and the runtime\n"
    "(BLAS kernel, threads). MODEL is a file or the name of an installed model.\n"
    "With --params, show the parameter counts of an architecture without a file\n"
    "(defaults: the paper's: variant ed, ngf 64, ndf 64, 9 blocks = Table 1).\n\n"
    "Options:\n"
    "  --params          parameter counts of an architecture, no model file\n"
    "  --variant V       ed, ed-tedge, cyclegan or skip\n"
    "  --ngf N           generator width (64)\n"
    "  --ndf N           discriminator width (64)\n"
    "  --blocks B        residual blocks per generator (9)\n";

static void print_counts(const edcg_param_counts *c, int ed)
{
    char b[32], e[32];
    printf("parameters:\n");
    if (ed)
        printf("  ED-Block        %14s  (shared encoder %s + ED decoder)\n",
               format_count(c->ed_block, b, sizeof b), format_count(c->encoder, e, sizeof e));
    printf("  generator       %14s  (each of 2, encoder included)\n",
           format_count(c->generator, b, sizeof b));
    printf("  discriminator   %14s  (each of 2)\n", format_count(c->discriminator, b, sizeof b));
    printf("  CycleGAN total  %14s  (2 generators + 2 discriminators)\n",
           format_count(c->cyclegan_total, b, sizeof b));
    printf("  trainable       %14s  (%s)\n", format_count(c->trainable, b, sizeof b),
           ed ? "total minus the frozen shared encoders" : "all of them");
}

static int print_arch_counts(const edcg_arch *arch)
{
    edcg_param_counts counts;
    edcg_error err;
    if (edcg_arch_param_counts(arch, &counts, &err)) {
        diag_error("%s", err.message);
        return EXIT_RUNTIME;
    }
    print_counts(&counts, arch->variant == EDCG_VARIANT_ED || arch->variant == EDCG_VARIANT_ED_TEDGE);
    return 0;
}

static void print_runtime(void)
{
    char line[512];
    int rc = runtime_line(line, sizeof line, 0);
    printf("runtime: %s%s\n", rc ? "unavailable: " : "", line);
}

static int info_params(const char *variant, int ngf, int ndf, int blocks)
{
    edcg_arch arch;
    edcg_arch_default(&arch);
    if (variant && edcg_variant_parse(variant, &arch.variant))
        return diag_usage("info", "unknown variant '%s' (use ed, ed-tedge, cyclegan or skip)",
                          variant);
    arch.ngf = ngf ? ngf : arch.ngf;
    arch.ndf = ndf ? ndf : arch.ndf;
    arch.blocks = blocks >= 0 ? blocks : arch.blocks;
    edcg_error err;
    if (edcg_arch_validate(&arch, &err))
        return diag_usage("info", "%s", err.message);
    printf("architecture: variant %s, ngf %d, ndf %d, %d blocks\n",
           edcg_variant_name(arch.variant), arch.ngf, arch.ndf, arch.blocks);
    int rc = print_arch_counts(&arch);
    print_runtime();
    return rc;
}

static void print_model(const edcg_model *m, const char *path)
{
    const edcg_arch *arch = edcg_model_arch(m);
    struct stat st;
    printf("model: %s (%.1f MB)\n", path, stat(path, &st) == 0 ? st.st_size / 1e6 : 0.0);
    printf("domains: %s (A) <-> %s (B)\n", edcg_model_domain(m, 0), edcg_model_domain(m, 1));
    printf("architecture: variant %s, ngf %d, ndf %d, %d blocks%s\n",
           edcg_variant_name(arch->variant), arch->ngf, arch->ndf, arch->blocks,
           edcg_model_has_discriminators(m) ? ", discriminators included" : "");
    printf("default working size: %d pixels\n", edcg_model_default_work_size(m));
    printf("tensors: %zu\nmetadata:\n", edcg_model_tensor_count(m));
    for (size_t i = 0; i < edcg_model_meta_count(m); i++) {
        const char *key, *value;
        edcg_model_meta_at(m, i, &key, &value);
        printf("  %-16s %s\n", key, value);
    }
}

int cmd_info(int argc, char **argv)
{
    int params = 0, ngf = 0, ndf = 0, blocks = -1;
    const char *variant = NULL;
    arg_list pos = {0};
    const arg_spec specs[] = {
        {"params", 0, ARG_FLAG, &params, 0, 0},
        {"variant", 0, ARG_STRING, &variant, 0, 0},
        {"ngf", 0, ARG_INT, &ngf, 1, 1024},
        {"ndf", 0, ARG_INT, &ndf, 1, 1024},
        {"blocks", 0, ARG_INT, &blocks, 0, 64},
        {NULL, 0, ARG_FLAG, NULL, 0, 0},
    };
    int rc = command_parse("info", usage, specs, argc, argv, &pos);
    if (rc != COMMAND_CONTINUE) {
        arg_list_free(&pos);
        return rc;
    }
    if (params && pos.count == 0) {
        rc = info_params(variant, ngf, ndf, blocks);
    } else if (params || pos.count != 1 || variant || ngf || ndf || blocks >= 0) {
        rc = diag_usage("info", "give one MODEL, or --params with architecture options");
    } else {
        char *path = NULL;
        edcg_model *m = model_open(pos.items[0], &path);
        rc = EXIT_RUNTIME;
        if (m) {
            print_model(m, path);
            rc = print_arch_counts(edcg_model_arch(m));
            print_runtime();
            edcg_model_free(m);
        }
        free(path);
    }
    arg_list_free(&pos);
    return rc;
}
