/* cmd_apply.c: `edcg apply`: translate image files with a trained pair,
 * through the same GEGL path as the GIMP filter (common/gegl_translate.h),
 * keeping each input's alpha, bit depth and file type. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "commands.h"
#include "diag.h"
#include "gegl_translate.h"
#include "image_io.h"
#include "interrupt.h"
#include "memory_check.h"
#include "model_open.h"
#include "paths.h"
#include "progress.h"

static const char usage[] =
    "Usage: edcg apply -m MODEL (--direction a2b|b2a|NAME | --to NAME) IN...\n"
    "                  [-o OUT | --out-dir DIR | --in-place] [options]\n"
    "Translate images with a trained pair. Each output keeps its input's alpha, bit\n"
    "depth and file type (the output name's extension chooses the type) and is written\n"
    "atomically. Without -o or --out-dir, IN.ext gives IN-TARGET.ext beside it.\n"
    "An input is never overwritten unless --in-place is given.\n\n"
    "Options:\n"
    "  -m, --model MODEL     model file, or the name of an installed model (edcg list)\n"
    "  --direction D         a2b, b2a, or a domain name meaning 'into that domain'\n"
    "  --to NAME             the target domain (same as --direction NAME)\n"
    "  -o, --output OUT      output file (one input only)\n"
    "  --out-dir DIR         write each output as DIR/<input file name> (created if needed)\n"
    "  --in-place            replace each input with its translation\n"
    "  --strength S          0..1, blend of the translation over the original (1)\n"
    "  --edge K              0..2, edge-map strength: G(s) + K * s_edge (1, the paper's)\n"
    "  --work-size PIXELS    longest side the network runs at; larger images get their\n"
    "                        full-resolution detail added back; 0 = full resolution\n"
    "                        (default: the model's, from its training size)\n"
    "  --threads N           worker threads (default: one per core)\n";

typedef struct apply_options {
    const char *model, *direction, *to, *output, *out_dir;
    int in_place, work_size, threads;
    double strength, edge;
    arg_list inputs; /* the images to translate */
} apply_options;

typedef struct apply_job {
    const edcg_model *model;
    edcg_direction direction;
    edcg_translate_options topts;
    const char *target_name;
    progress_line line;
    char label[64];
} apply_job;

static int report_progress(void *data, double fraction)
{
    apply_job *job = data;
    progress_show(&job->line, "%s %3.0f%%", job->label, 100.0 * fraction);
    return interrupt_requested() != 0;
}

/* IN.ext -> IN-TARGET.ext beside it, DIR/IN.ext, or -o. */
static char *output_path(const apply_options *o, const char *in, const char *target)
{
    if (o->output)
        return str_printf("%s", o->output);
    if (o->in_place)
        return str_printf("%s", in);
    char *base = path_basename(in);
    char *out = NULL;
    if (o->out_dir) {
        out = base ? path_join(o->out_dir, base) : NULL;
    } else if (base) {
        const char *ext = path_extension(in);
        out = str_printf("%.*s-%s%s", (int)(ext - in), in, target, ext);
    }
    free(base);
    return out;
}

static int check_output(const apply_options *o, const char *in, const char *out)
{
    if (!o->in_place && path_same_file(in, out)) {
        diag_error("%s: the output would overwrite the input (use --in-place to replace it)",
                   out);
        return -1;
    }
    char why[512];
    if (image_check_output(out, why, sizeof why)) {
        diag_error("%s: %s", out, why);
        return -1;
    }
    return 0;
}

/* Load, check memory, translate, save: one file. */
static int translate_file(apply_job *job, const apply_options *o, const char *in,
                          const char *out)
{
    char why[512];
    GeglBuffer *src = image_load(in, why, sizeof why);
    if (!src) {
        diag_error("%s: %s", in, why);
        return -1;
    }
    const GeglRectangle *r = gegl_buffer_get_extent(src);
    int rc = -1;
    if (check_output(o, in, out)) {
        g_object_unref(src);
        return -1;
    }
    if (memory_check_apply(job->model, r->width, r->height, o->work_size, why, sizeof why)) {
        diag_error("%s: %s", in, why);
        g_object_unref(src);
        return -1;
    }
    GeglBuffer *dst = gegl_buffer_new(r, edcg_gegl_format());
    edcg_error err;
    edcg_status s = edcg_gegl_translate(job->model, job->direction, src, r, dst, &job->topts,
                                        &err);
    progress_clear(&job->line);
    if (s == EDCG_ERR_CANCELLED)
        diag_error("%s: interrupted; %s was not written", in, out);
    else if (s)
        diag_error("%s: %s", in, err.message);
    else if (image_save(out, dst, image_output_format(gegl_buffer_get_format(src)), why,
                        sizeof why))
        diag_error("%s: %s", out, why);
    else
        rc = 0;
    g_object_unref(dst);
    g_object_unref(src);
    return rc;
}

static int seen_before(char **outs, size_t n, const char *out)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(outs[i], out) == 0)
            return 1;
    return 0;
}

static int apply_all(apply_job *job, const apply_options *o, const arg_list *inputs)
{
    int failures = 0;
    double start = progress_now();
    char **outs = calloc(inputs->count, sizeof *outs), eta[32], took[32];
    for (size_t i = 0; i < inputs->count && outs && !interrupt_requested(); i++) {
        const char *in = inputs->items[i];
        char *out = output_path(o, in, job->target_name);
        double t0 = progress_now();
        snprintf(job->label, sizeof job->label, "[%zu/%zu]", i + 1, inputs->count);
        if (!out || (seen_before(outs, i, out) &&
             (diag_error("%s: two inputs would both be written to this file", out), 1)) ||
            translate_file(job, o, in, out)) {
            failures++;
        } else {
            double done = progress_now() - start;
            printf("%s %s -> %s (%s", job->label, in, out,
                   format_duration(progress_now() - t0, took, sizeof took));
            if (i + 1 < inputs->count)
                printf(", ETA %s", format_duration(done / (double)(i + 1) *
                                                       (double)(inputs->count - i - 1),
                                                   eta, sizeof eta));
            printf(")\n");
            fflush(stdout);
        }
        outs[i] = out;
    }
    for (size_t i = 0; outs && i < inputs->count; i++)
        free(outs[i]);
    free(outs);
    if (interrupt_requested())
        return interrupt_exit_status();
    return failures || !outs ? EXIT_RUNTIME : 0;
}

static int check_usage(const apply_options *o)
{
    const arg_list *inputs = &o->inputs;
    if (!o->model)
        return diag_usage("apply", "-m MODEL is required");
    if (!o->direction == !o->to)
        return diag_usage("apply", "give one of --direction or --to");
    if (inputs->count == 0)
        return diag_usage("apply", "no input images given");
    if ((o->output != NULL) + (o->out_dir != NULL) + (o->in_place != 0) > 1)
        return diag_usage("apply", "-o, --out-dir and --in-place exclude each other");
    if (o->output && inputs->count != 1)
        return diag_usage("apply", "-o takes one input; use --out-dir for several");
    if (o->work_size > 0 && o->work_size < 32)
        return diag_usage("apply", "--work-size must be 0 (full resolution) or at least 32");
    return 0;
}

static int run_apply(const void *options)
{
    const apply_options *o = options;
    apply_job job;
    memset(&job, 0, sizeof job);
    edcg_model *model = model_open(o->model, NULL);
    if (!model)
        return EXIT_RUNTIME;
    edcg_error err;
    int rc = EXIT_USAGE;
    if (edcg_direction_parse(model, o->direction ? o->direction : o->to, &job.direction, &err)) {
        diag_usage("apply", "%s", err.message);
    } else if (o->out_dir && path_mkdirs(o->out_dir)) {
        diag_error("%s: cannot create the folder", o->out_dir);
        rc = EXIT_RUNTIME;
    } else {
        job.target_name = edcg_model_domain(model, job.direction == EDCG_A_TO_B ? 1 : 0);
        job.model = model;
        edcg_translate_options_init(&job.topts);
        job.topts.strength = (float)o->strength;
        job.topts.edge_strength = (float)o->edge;
        job.topts.work_size = o->work_size;
        job.topts.threads = o->threads;
        job.topts.progress = report_progress;
        job.topts.progress_data = &job;
        progress_init(&job.line, stderr);
        rc = apply_all(&job, o, &o->inputs);
    }
    edcg_model_free(model);
    return rc;
}

int cmd_apply(int argc, char **argv)
{
    apply_options o = {NULL, NULL, NULL, NULL, NULL, 0, EDCG_WORK_SIZE_AUTO, 0, 1.0, 1.0, {NULL, 0}};
    const arg_spec specs[] = {
        {"model", 'm', ARG_STRING, &o.model, 0, 0},
        {"direction", 'd', ARG_STRING, &o.direction, 0, 0},
        {"to", 0, ARG_STRING, &o.to, 0, 0},
        {"output", 'o', ARG_STRING, &o.output, 0, 0},
        {"out-dir", 0, ARG_STRING, &o.out_dir, 0, 0},
        {"in-place", 0, ARG_FLAG, &o.in_place, 0, 0},
        {"strength", 0, ARG_DOUBLE, &o.strength, 0, 1},
        {"edge", 0, ARG_DOUBLE, &o.edge, 0, 2},
        {"work-size", 0, ARG_INT, &o.work_size, 0, 1 << 20},
        {"threads", 0, ARG_INT, &o.threads, 0, 1024},
        {NULL, 0, ARG_FLAG, NULL, 0, 0},
    };
    int rc = command_parse("apply", usage, specs, argc, argv, &o.inputs);
    if (rc == COMMAND_CONTINUE)
        rc = check_usage(&o) ? EXIT_USAGE : command_run_with_images(run_apply, &o);
    arg_list_free(&o.inputs);
    return rc;
}
