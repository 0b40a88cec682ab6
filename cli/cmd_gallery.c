/* cmd_gallery.c: `edcg gallery`: several models side by side on the first
 * few test images of each domain, in one picture (gallery.h), to compare
 * them at a glance. Translations use `edcg apply`'s defaults, so a cell
 * shows what apply would give, scaled down. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "command.h"
#include "commands.h"
#include "diag.h"
#include "gallery.h"
#include "image_folder.h"
#include "image_io.h"
#include "interrupt.h"
#include "memory_check.h"
#include "model_open.h"
#include "paths.h"
#include "progress.h"
#include "resample.h"

static const char usage[] =
    "Usage: edcg gallery -m MODEL [-m MODEL...] --a DIR --b DIR -o OUT.png [options]\n"
    "Compare models side by side: one picture with, for each of the first N images\n"
    "(by name) of DIR A, a row with the image and each model's A -> B translation,\n"
    "then the same for DIR B with B -> A. Translations use edcg apply's defaults\n"
    "(strength 1, edge 1, the model's working resolution) at the image's own size;\n"
    "each cell shows the result scaled to fit S x S. Files that are not images are\n"
    "skipped with a warning, as in edcg eval. Every model must name the same domain\n"
    "A (and B). The picture is written atomically: on any error nothing is written.\n\n"
    "Options:\n"
    "  -m, --model MODEL   model file or installed name (repeatable: one column each)\n"
    "  --a DIR             test images of domain A\n"
    "  --b DIR             test images of domain B (either or both of --a, --b)\n"
    "  -o, --output OUT    the picture to write (.png; .jpg, .tif, .webp also work)\n"
    "  --count N           images per domain (4)\n"
    "  --size S            side of a cell in pixels (256)\n"
    "  --threads N         worker threads (default: one per core)\n";

typedef struct gallery_options {
    arg_list models;
    const char *dir[2], *output;
    int count, size, threads;
} gallery_options;

typedef struct gallery_run {
    const gallery_options *o;
    edcg_model **models;
    char **paths, **names;
    gallery picture;
    edcg_translate_options topts;
    progress_line line;
    double start;
    int done, total; /* translations finished, and expected in all */
    char what[128];  /* what is being translated, for the progress line */
} gallery_run;

/* Columns of one gallery must translate the same way: a model that names
 * its domains the other way round (or other domains) is refused rather
 * than shown under a wrong heading. */
static int check_domains(const gallery_run *run, size_t k)
{
    const edcg_model *first = run->models[0], *m = run->models[k];
    if (strcasecmp(edcg_model_domain(m, 0), edcg_model_domain(first, 0)) == 0 &&
        strcasecmp(edcg_model_domain(m, 1), edcg_model_domain(first, 1)) == 0)
        return 0;
    diag_error("%s: domains %s (A) <-> %s (B), but %s has %s (A) <-> %s (B); every model of a "
               "gallery needs the same A and B",
               run->paths[k], edcg_model_domain(m, 0), edcg_model_domain(m, 1), run->paths[0],
               edcg_model_domain(first, 0), edcg_model_domain(first, 1));
    return -1;
}

static int open_models(gallery_run *run)
{
    const size_t n = run->o->models.count;
    run->models = calloc(n, sizeof *run->models);
    run->paths = calloc(n, sizeof *run->paths);
    run->names = calloc(n, sizeof *run->names);
    if (!run->models || !run->paths || !run->names) {
        diag_error("out of memory");
        return -1;
    }
    for (size_t k = 0; k < n; k++) {
        run->models[k] = model_open(run->o->models.items[k], &run->paths[k]);
        if (!run->models[k] || !(run->names[k] = model_display_name(run->paths[k])) ||
            (k > 0 && check_domains(run, k)))
            return -1;
    }
    return 0;
}

/* Fails before any translation when the picture could not be written. */
static int check_output(const char *out)
{
    char why[512];
    if (image_check_output(out, why, sizeof why) == 0)
        return 0;
    diag_error("%s: %s", out, why);
    return -1;
}

static int report_progress(void *data, double fraction)
{
    gallery_run *run = data;
    const double done = (run->done + fraction) / run->total, took = progress_now() - run->start;
    char eta[32];
    progress_show(&run->line, "gallery: %s %3.0f%%, ETA %s", run->what, 100.0 * done,
                  done > 0.0 ? format_duration(took * (1.0 - done) / done, eta, sizeof eta)
                             : "?");
    return interrupt_requested() != 0;
}

/* The picture scaled to fit a size x size cell, aspect kept; small images
 * are enlarged, so every row is as tall as the next. */
static int fit_cell(const float *rgb, int w, int h, int size, const char *path,
                    gallery_cell *cell)
{
    cell->w = w >= h ? size : (int)fmax(1.0, round((double)w * size / h));
    cell->h = w >= h ? (int)fmax(1.0, round((double)h * size / w)) : size;
    cell->rgb = malloc(sizeof(float) * 3 * (size_t)cell->w * cell->h);
    if (cell->rgb && resample_rgb(rgb, w, h, cell->rgb, cell->w, cell->h) == 0)
        return 0;
    free(cell->rgb);
    cell->rgb = NULL;
    diag_error("%s: out of memory", path);
    return -1;
}

/* Model k's translation of one image, into its cell. */
static int translate_cell(gallery_run *run, size_t k, int d, const char *path, float *src, int w,
                          int h, gallery_cell *cell)
{
    const edcg_model *m = run->models[k];
    char why[512];
    if (memory_check_apply(m, w, h, run->topts.work_size, why, sizeof why)) {
        diag_error("%s: %s", path, why);
        return -1;
    }
    float *dst = malloc(sizeof(float) * 3 * (size_t)w * h);
    if (!dst) {
        diag_error("%s: out of memory", path);
        return -1;
    }
    const edcg_image in = {src, w, h, 3, (size_t)w * 3}, out = {dst, w, h, 3, (size_t)w * 3};
    edcg_error err;
    edcg_status s = edcg_translate(m, d ? EDCG_B_TO_A : EDCG_A_TO_B, &in, &out, &run->topts,
                                   &err);
    progress_clear(&run->line);
    int rc = -1;
    if (s && s != EDCG_ERR_CANCELLED) /* a cancel is reported once, by the caller */
        diag_error("%s: %s", path, err.message);
    else if (!s)
        rc = fit_cell(dst, w, h, run->o->size, path, cell);
    free(dst);
    run->done++;
    return rc;
}

/* One row: the image, then each model's translation. 1 added, 0 skipped
 * (not an image), -1 failed. */
static int add_row(gallery_run *run, int d, const char *path)
{
    int w, h;
    float *src = image_folder_load_rgb(path, &w, &h);
    if (!src)
        return 0;
    const size_t models = run->o->models.count;
    gallery_cell *row = run->picture.cells[d] + (size_t)run->picture.rows[d] * (1 + models);
    int rc = fit_cell(src, w, h, run->o->size, path, &row[0]);
    char *base = path_basename(path);
    for (size_t k = 0; k < models && rc == 0 && !interrupt_requested(); k++) {
        snprintf(run->what, sizeof run->what, "%s with %s", base ? base : path, run->names[k]);
        rc = translate_cell(run, k, d, path, src, w, h, &row[1 + k]);
    }
    free(base);
    free(src);
    if (rc == 0 && !interrupt_requested())
        run->picture.rows[d]++;
    return rc == 0 ? 1 : -1;
}

static int fill_domain(gallery_run *run, int d, char **files, long n)
{
    int rc = 0;
    for (long i = 0; i < n && run->picture.rows[d] < run->o->count && rc >= 0; i++) {
        if (interrupt_requested())
            return -1;
        rc = add_row(run, d, files[i]);
    }
    progress_clear(&run->line);
    if (rc >= 0 && run->picture.rows[d] == 0 && !interrupt_requested()) {
        diag_error("%s: no usable image", run->o->dir[d]);
        return -1;
    }
    return rc < 0 ? -1 : 0;
}

/* Lists both folders first, so a missing one fails before any work and the
 * progress line knows how many translations there will be. */
static int fill_cells(gallery_run *run)
{
    char **files[2] = {NULL, NULL};
    long n[2] = {0, 0};
    int rc = 0;
    for (int d = 0; d < 2 && rc == 0; d++) {
        if (!run->o->dir[d])
            continue;
        n[d] = image_folder_list(run->o->dir[d], &files[d]);
        run->picture.cells[d] = calloc((size_t)run->o->count * (1 + run->o->models.count),
                                       sizeof(gallery_cell));
        if (n[d] < 0)
            diag_error("%s: cannot read the folder", run->o->dir[d]), rc = -1;
        else if (!run->picture.cells[d])
            diag_error("out of memory"), rc = -1;
        else
            run->total += (int)(n[d] < run->o->count ? n[d] : run->o->count) *
                          (int)run->o->models.count;
    }
    run->start = progress_now();
    for (int d = 0; d < 2 && rc == 0; d++)
        if (run->o->dir[d])
            rc = fill_domain(run, d, files[d], n[d]);
    for (int d = 0; d < 2; d++)
        if (n[d] > 0)
            image_folder_free(files[d], n[d]);
    return rc;
}

static int save_picture(gallery_run *run)
{
    char why[512], took[32];
    int width, height;
    if (gallery_save(&run->picture, run->o->output, why, sizeof why)) {
        diag_error("%s: %s", run->o->output, why);
        return EXIT_RUNTIME;
    }
    gallery_dimensions(&run->picture, &width, &height);
    printf("wrote %s (%dx%d: %zu model%s, %d + %d images, %s)\n", run->o->output, width, height,
           run->o->models.count, run->o->models.count == 1 ? "" : "s", run->picture.rows[0],
           run->picture.rows[1], format_duration(progress_now() - run->start, took, sizeof took));
    return 0;
}

static void free_run(gallery_run *run)
{
    const size_t models = run->o->models.count;
    for (size_t k = 0; k < models; k++) {
        if (run->models)
            edcg_model_free(run->models[k]);
        if (run->paths)
            free(run->paths[k]);
        if (run->names)
            free(run->names[k]);
    }
    for (int d = 0; d < 2; d++) {
        for (size_t i = 0; run->picture.cells[d] && i < (size_t)run->o->count * (1 + models); i++)
            free(run->picture.cells[d][i].rgb);
        free(run->picture.cells[d]);
    }
    free(run->models);
    free(run->paths);
    free(run->names);
}

static int run_gallery(const void *options)
{
    const gallery_options *o = options;
    gallery_run run;
    memset(&run, 0, sizeof run);
    run.o = o;
    progress_init(&run.line, stderr);
    edcg_translate_options_init(&run.topts); /* edcg apply's defaults */
    run.topts.threads = o->threads;
    run.topts.progress = report_progress;
    run.topts.progress_data = &run;
    int rc = EXIT_RUNTIME;
    if (open_models(&run) == 0 && check_output(o->output) == 0) {
        run.picture.cell_size = o->size;
        run.picture.models = (int)o->models.count;
        run.picture.model_names = (const char **)run.names;
        run.picture.domain[0] = edcg_model_domain(run.models[0], 0);
        run.picture.domain[1] = edcg_model_domain(run.models[0], 1);
        if (fill_cells(&run) == 0 && !interrupt_requested())
            rc = save_picture(&run);
    }
    progress_clear(&run.line);
    if (interrupt_requested()) {
        diag_error("interrupted; %s was not written", o->output);
        rc = interrupt_exit_status();
    }
    free_run(&run);
    return rc;
}

int cmd_gallery(int argc, char **argv)
{
    gallery_options o;
    memset(&o, 0, sizeof o);
    o.count = 4;
    o.size = 256;
    const arg_spec specs[] = {
        {"model", 'm', ARG_LIST, &o.models, 0, 0},
        {"a", 0, ARG_STRING, &o.dir[0], 0, 0},
        {"b", 0, ARG_STRING, &o.dir[1], 0, 0},
        {"output", 'o', ARG_STRING, &o.output, 0, 0},
        {"count", 0, ARG_INT, &o.count, 1, 1000},
        {"size", 0, ARG_INT, &o.size, 16, 4096},
        {"threads", 0, ARG_INT, &o.threads, 0, 1024},
        {NULL, 0, ARG_FLAG, NULL, 0, 0},
    };
    int rc = command_parse("gallery", usage, specs, argc, argv, NULL);
    if (rc == COMMAND_CONTINUE) {
        if (command_check_models_and_sets("gallery", o.models.count, o.dir))
            rc = EXIT_USAGE;
        else if (!o.output)
            rc = diag_usage("gallery", "-o OUT.png is required");
        else
            rc = command_run_with_images(run_gallery, &o);
    }
    arg_list_free(&o.models);
    return rc;
}
