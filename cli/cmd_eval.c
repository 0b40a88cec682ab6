/* cmd_eval.c: `edcg eval`: the paper's metric (section 4.4, Table 2): SSIM
 * and PSNR between each real test image and its cycle reconstruction, per
 * domain, one row per model. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "commands.h"
#include "cycle.h"
#include "diag.h"
#include "image_folder.h"
#include "image_io.h"
#include "interrupt.h"
#include "metrics.h"
#include "model_open.h"
#include "paths.h"
#include "progress.h"

static const char usage[] =
    "Usage: edcg eval -m MODEL [-m MODEL...] --a DIR --b DIR [--csv] [--light] [--change]\n"
    "Score pairs like the paper (Table 2): SSIM and PSNR between each real image and\n"
    "its cycle reconstruction (A -> B -> A for --a, B -> A -> B for --b), at the\n"
    "image's own size, averaged per domain. Several -m give one row each.\n"
    "SSIM: Wang et al. 2004, 11x11 Gaussian window (sigma 1.5), K1 0.01, K2 0.03,\n"
    "on each RGB channel, averaged (as scikit-image with channel_axis and MATLAB).\n"
    "PSNR: dB on [0, 1] data, all channels.\n\n"
    "Options:\n"
    "  -m, --model MODEL   model file or installed name (repeatable)\n"
    "  --a DIR             test images of domain A\n"
    "  --b DIR             test images of domain B\n"
    "  --csv               print CSV instead of the table\n"
    "  --light             also score the translation itself (not the paper's): the mean\n"
    "                      luminance it gives the input's light pixels (luminance > 0.85);\n"
    "                      near 1 kept, near 0 turned dark, which the cycle scores miss\n"
    "  --change            also report how much the translation changes the image (not\n"
    "                      the paper's): the mean |translation - input| in 8-bit levels;\n"
    "                      a model that changes nothing cycles back perfectly\n"
    "  --save DIR          keep the reconstructions as DIR/<model>/<domain>/<image>.png\n"
    "  --limit N           use at most N images per domain\n"
    "  --threads N         worker threads (default: one per core)\n";

typedef struct eval_options {
    arg_list models;
    const char *dir[2], *save;
    int csv, light, change, limit, threads;
} eval_options;

typedef struct domain_score {
    double ssim, psnr; /* sums, then means */
    int images;
    double light_sum; /* --light: metrics_light_luma over all images */
    size_t light_pixels;
    double change; /* --change: per-image mean |fake - src| * 255, summed, then the mean */
} domain_score;

static int save_reconstruction(const eval_options *o, const char *model_name,
                               const char *domain, const char *image_path, const float *rec,
                               int w, int h)
{
    char *stem = path_stem(image_path), *dir = str_printf("%s/%s/%s", o->save, model_name,
                                                          domain);
    char *file = stem ? str_printf("%s.png", stem) : NULL, *path = NULL, why[512];
    int rc = -1;
    if (!dir || !file || path_mkdirs(dir))
        diag_error("%s: cannot create the folder", dir ? dir : o->save);
    else if (!(path = path_join(dir, file)) || image_save_rgb(path, rec, w, h, why, sizeof why))
        diag_error("%s: %s", path ? path : dir, path ? why : "out of memory");
    else
        rc = 0;
    free(stem);
    free(dir);
    free(file);
    free(path);
    return rc;
}

/* Scores one image; 1 scored, 0 skipped (not an image), -1 failed. */
static int score_image(const eval_options *o, const edcg_model *m, const char *model_name,
                       int d, const char *domain, const char *path, domain_score *score)
{
    int w, h;
    float *src = image_folder_load_rgb(path, &w, &h);
    if (!src)
        return 0;
    const size_t n = (size_t)w * h * 3;
    const int want_fake = o->light || o->change;
    float *rec = malloc(sizeof(float) * n), *fake = want_fake ? malloc(sizeof(float) * n) : NULL;
    edcg_error err;
    int rc = -1;
    if (!rec || (want_fake && !fake))
        diag_error("%s: out of memory", path);
    else if (cycle_reconstruct(m, d == 0 ? EDCG_A_TO_B : EDCG_B_TO_A, src, w, h, o->threads,
                               fake, rec, NULL, &err))
        diag_error("%s: %s", path, err.message);
    else if (w < METRICS_SSIM_WINDOW || h < METRICS_SSIM_WINDOW)
        diag_warning("%s: smaller than SSIM's 11x11 window, skipped", path), rc = 0;
    else {
        score->ssim += metrics_ssim(src, rec, w, h, 3);
        score->psnr += metrics_psnr(src, rec, n);
        score->images++;
        if (o->light)
            score->light_pixels +=
                metrics_light_luma(src, fake, (size_t)w * h, &score->light_sum);
        if (o->change)
            score->change += 255.0 * metrics_mean_abs_diff(src, fake, n);
        rc = o->save ? save_reconstruction(o, model_name, domain, path, rec, w, h) : 0;
        rc = rc == 0 ? 1 : -1;
    }
    free(fake);
    free(rec);
    free(src);
    return rc;
}

static int score_domain(const eval_options *o, const edcg_model *m, const char *model_name,
                        int d, const char *domain, domain_score *score)
{
    char **files = NULL;
    long n = image_folder_list(o->dir[d], &files);
    if (n < 0) {
        diag_error("%s: cannot read the folder", o->dir[d]);
        return -1;
    }
    progress_line line;
    progress_init(&line, stderr);
    int rc = 0;
    for (long i = 0; i < n && rc == 0 && !interrupt_requested(); i++) {
        if (o->limit && score->images >= o->limit)
            break;
        progress_show(&line, "%s: %s %ld/%ld", model_name, domain, i + 1, n);
        if (score_image(o, m, model_name, d, domain, files[i], score) < 0)
            rc = -1;
    }
    progress_clear(&line);
    image_folder_free(files, n);
    if (rc == 0 && score->images == 0 && !interrupt_requested()) {
        diag_error("%s: no usable image", o->dir[d]);
        rc = -1;
    }
    if (score->images) {
        score->ssim /= score->images;
        score->psnr /= score->images;
        score->change /= score->images;
    }
    if (score->light_pixels)
        score->light_sum /= (double)score->light_pixels;
    else
        score->light_sum = NAN; /* no light pixel to judge */
    return rc;
}

/* One line of the table: the model and variant columns, then `cells`, each
 * padded to `width` but the last. */
static void print_line(const char *model, const char *variant, const char *const *cells, int n,
                       int width)
{
    printf("%-24s %-9s", model, variant);
    for (int i = 0; i + 1 < n; i++)
        printf(" %-*s", width, cells[i]);
    printf(" %s\n", cells[n - 1]);
}

/* The column groups: SSIM and PSNR, then the optional ones; two columns each. */
enum { GROUP_SSIM, GROUP_PSNR, GROUP_LIGHT, GROUP_CHANGE, GROUPS };
static const char *const group_title[GROUPS] = {"SSIM", "PSNR (dB)",
                                                "translation: light pixels' luminance",
                                                "translation: mean change (8-bit levels)"};
static const char *const group_prefix[GROUPS] = {"consistent", "consistent", "light", "change"};
static const char *const group_format[GROUPS] = {"%.4f", "%.3f", "%.3f", "%.2f"};

/* The groups this run prints, in order; returns how many. */
static int groups_of(const eval_options *o, int ids[GROUPS])
{
    const int on[GROUPS] = {1, 1, o->light, o->change};
    int n = 0;
    for (int g = 0; g < GROUPS; g++)
        if (on[g])
            ids[n++] = g;
    return n;
}

static void print_header(const eval_options *o, const char *names[2])
{
    if (o->csv) {
        printf("model,variant,domain_a,domain_b,images_a,images_b,ssim_a,ssim_b,psnr_a,psnr_b%s%s\n",
               o->light ? ",light_a,light_b" : "", o->change ? ",change_a,change_b" : "");
        return;
    }
    int ids[GROUPS];
    const int n = groups_of(o, ids);
    const char *titles[GROUPS], *cells[2 * GROUPS];
    char cols[2 * GROUPS][80];
    for (int g = 0; g < n; g++) {
        titles[g] = group_title[ids[g]];
        for (int d = 0; d < 2; d++) {
            snprintf(cols[2 * g + d], sizeof cols[0], "%s-%s", group_prefix[ids[g]], names[d]);
            cells[2 * g + d] = cols[2 * g + d];
        }
    }
    print_line("Model", "Variant", titles, n, 2 * 20 + 1);
    print_line("", "", cells, 2 * n, 20);
}

static void print_row(const eval_options *o, const char *name, const edcg_model *m,
                      const char *names[2], const domain_score s[2])
{
    const char *variant = edcg_variant_name(edcg_model_arch(m)->variant);
    if (o->csv) {
        printf("%s,%s,%s,%s,%d,%d,%.6f,%.6f,%.4f,%.4f", name, variant, names[0], names[1],
               s[0].images, s[1].images, o->dir[0] ? s[0].ssim : NAN,
               o->dir[1] ? s[1].ssim : NAN, o->dir[0] ? s[0].psnr : NAN,
               o->dir[1] ? s[1].psnr : NAN);
        if (o->light)
            printf(",%.4f,%.4f", o->dir[0] ? s[0].light_sum : NAN,
                   o->dir[1] ? s[1].light_sum : NAN);
        if (o->change)
            printf(",%.3f,%.3f", o->dir[0] ? s[0].change : NAN, o->dir[1] ? s[1].change : NAN);
        printf("\n");
        return;
    }
    int ids[GROUPS];
    const int n = groups_of(o, ids);
    const char *cells[2 * GROUPS];
    char cell[2 * GROUPS][32];
    for (int g = 0; g < n; g++)
        for (int d = 0; d < 2; d++) {
            const double v[GROUPS] = {s[d].ssim, s[d].psnr, s[d].light_sum, s[d].change};
            snprintf(cell[2 * g + d], 32, o->dir[d] ? group_format[ids[g]] : "-", v[ids[g]]);
            cells[2 * g + d] = cell[2 * g + d];
        }
    print_line(name, variant, cells, 2 * n, 20);
}

static int eval_model(const eval_options *o, size_t k, const char *names[2])
{
    char *path = NULL;
    edcg_model *m = model_open(o->models.items[k], &path);
    if (!m)
        return -1;
    char *name = model_display_name(path);
    domain_score s[2];
    memset(s, 0, sizeof s);
    if (k == 0) {
        names[0] = strdup(edcg_model_domain(m, 0));
        names[1] = strdup(edcg_model_domain(m, 1));
        print_header(o, names);
    }
    int rc = 0;
    for (int d = 0; d < 2 && rc == 0; d++)
        if (o->dir[d])
            rc = score_domain(o, m, name, d, names[d], &s[d]);
    if (rc == 0 && !interrupt_requested()) {
        print_row(o, name, m, names, s);
        fflush(stdout);
    }
    free(name);
    free(path);
    edcg_model_free(m);
    return rc;
}

static int run_eval(const void *options)
{
    const eval_options *o = options;
    const char *names[2] = {NULL, NULL};
    int failed = 0;
    for (size_t k = 0; k < o->models.count && !interrupt_requested(); k++)
        failed |= eval_model(o, k, names) != 0;
    free((char *)names[0]);
    free((char *)names[1]);
    if (interrupt_requested())
        return interrupt_exit_status();
    return failed ? EXIT_RUNTIME : 0;
}

int cmd_eval(int argc, char **argv)
{
    eval_options o;
    memset(&o, 0, sizeof o);
    const arg_spec specs[] = {
        {"model", 'm', ARG_LIST, &o.models, 0, 0},
        {"a", 0, ARG_STRING, &o.dir[0], 0, 0},
        {"b", 0, ARG_STRING, &o.dir[1], 0, 0},
        {"csv", 0, ARG_FLAG, &o.csv, 0, 0},
        {"light", 0, ARG_FLAG, &o.light, 0, 0},
        {"change", 0, ARG_FLAG, &o.change, 0, 0},
        {"save", 0, ARG_STRING, &o.save, 0, 0},
        {"limit", 0, ARG_INT, &o.limit, 1, 1e9},
        {"threads", 0, ARG_INT, &o.threads, 0, 1024},
        {NULL, 0, ARG_FLAG, NULL, 0, 0},
    };
    int rc = command_parse("eval", usage, specs, argc, argv, NULL);
    if (rc == COMMAND_CONTINUE)
        rc = command_check_models_and_sets("eval", o.models.count, o.dir)
                 ? EXIT_USAGE
                 : command_run_with_images(run_eval, &o);
    arg_list_free(&o.models);
    return rc;
}
