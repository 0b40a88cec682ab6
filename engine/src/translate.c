/* translate.c: a whole layer, any size, in bounded memory.
 *
 * Instance norm uses whole-image statistics, so tiles would give seams.
 * Instead, an image larger than the working resolution is translated at
 * that resolution and the detail the downscale removed, s - up(down(s)),
 * is added back at full resolution: the same idea as the paper's edge map
 * (s - ED(s)), one level up. Time beyond the network is linear in pixels,
 * memory is the network's at the working size plus two small images.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "error.h"
#include "resample.h"
#include "translate.h"

void edcg_translate_options_init(edcg_translate_options *o)
{
    memset(o, 0, sizeof *o);
    o->edge_strength = 1.0f;
    o->strength = 1.0f;
    o->work_size = EDCG_WORK_SIZE_AUTO;
}

int edcg_model_default_work_size(const edcg_model *m)
{
    /* Four training crops across, within [512, 1280]: the scale of the
     * objects the model learnt stays near, and it runs in about a second
     * per 1024 px on a few cores. Unknown scale: 1024. */
    const char *v = edcg_model_get_meta(m, "train_size");
    char *end = NULL;
    long size = v ? strtol(v, &end, 10) : 0;
    if (!v || *end || size <= 0)
        return 1024;
    long ws = 4 * size;
    return (int)(ws < 512 ? 512 : (ws > 1280 ? 1280 : ws));
}

static edcg_status check_image(const edcg_image *im, const char *what, edcg_error *err)
{
    if (!im || !im->pixels)
        return edcg_fail(err, EDCG_ERR_INVALID, "%s image has no pixels", what);
    if (im->width < 1 || im->height < 1 || im->width > (1 << 20) || im->height > (1 << 20))
        return edcg_fail(err, EDCG_ERR_INVALID, "%s image size %dx%d is not supported", what,
                         im->width, im->height);
    if (im->channels < 3 || im->row_stride < (size_t)im->width * im->channels)
        return edcg_fail(err, EDCG_ERR_INVALID,
                         "%s image needs >= 3 channels and a row stride >= width * channels",
                         what);
    return EDCG_OK;
}

/* What every translation call needs: a model, a direction, two images of
 * one size. */
static edcg_status check_call(const edcg_model *m, edcg_direction dir, const edcg_image *src,
                              const edcg_image *dst, edcg_error *err)
{
    edcg_status s;
    if (!m || (dir != EDCG_A_TO_B && dir != EDCG_B_TO_A))
        return edcg_fail(err, EDCG_ERR_INVALID, "translation needs a model and a direction");
    if ((s = check_image(src, "source", err)) || (s = check_image(dst, "destination", err)))
        return s;
    if (src->width != dst->width || src->height != dst->height)
        return edcg_fail(err, EDCG_ERR_INVALID, "source and destination sizes differ");
    return EDCG_OK;
}

static edcg_status check_options(const edcg_translate_options *o, edcg_error *err)
{
    if (!(o->edge_strength >= 0.0f && o->edge_strength <= 2.0f))
        return edcg_fail(err, EDCG_ERR_INVALID, "edge strength %g is outside 0..2",
                         (double)o->edge_strength);
    if (!(o->strength >= 0.0f && o->strength <= 1.0f))
        return edcg_fail(err, EDCG_ERR_INVALID, "strength %g is outside 0..1",
                         (double)o->strength);
    if (o->work_size < EDCG_WORK_SIZE_AUTO || (o->work_size > 0 && o->work_size < 32))
        return edcg_fail(err, EDCG_ERR_INVALID,
                         "working size %d: use 0 (full resolution) or at least 32", o->work_size);
    return EDCG_OK;
}

/* The network's size for an image: the image's own, or scaled so its
 * longest side is work_size. */
static void work_dims(const edcg_model *m, const edcg_translate_options *o, int w, int h,
                      int *ww, int *wh)
{
    int ws = o->work_size == EDCG_WORK_SIZE_AUTO ? edcg_model_default_work_size(m) : o->work_size;
    int longest = w > h ? w : h;
    *ww = w;
    *wh = h;
    if (ws > 0 && longest > ws) {
        double scale = (double)ws / longest;
        *ww = (int)lround(w * scale);
        *wh = (int)lround(h * scale);
        if (*ww < 1) *ww = 1;
        if (*wh < 1) *wh = 1;
    }
}

size_t edcg_translate_memory_with(const edcg_model *m, int width, int height,
                                  const edcg_translate_options *o)
{
    edcg_translate_options defaults;
    edcg_translate_options_init(&defaults);
    int ww, wh;
    work_dims(m, o ? o : &defaults, width, height, &ww, &wh);
    size_t small = (size_t)ww * wh * 3 * sizeof(float);
    size_t rows = (size_t)ww * height * 3 * sizeof(float);
    return translate_network_memory(m, ww, wh) + 2 * small + rows;
}

size_t edcg_translate_memory(const edcg_model *m, int width, int height)
{
    return edcg_translate_memory_with(m, width, height, NULL);
}

/* Half the machine's memory: the plug-in runs inside GIMP, which holds the
 * image too; above this a full-resolution run would rather be refused than
 * killed by the kernel. */
static size_t default_memory_limit(void)
{
    long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    if (pages <= 0 || page <= 0)
        return (size_t)4 << 30;
    return (size_t)pages / 2 * (size_t)page;
}

static edcg_status check_memory(const edcg_model *m, const edcg_image *src,
                                const edcg_translate_options *o, edcg_error *err)
{
    const size_t limit = o->memory_limit ? o->memory_limit : default_memory_limit();
    const size_t need = edcg_translate_memory_with(m, src->width, src->height, o);
    if (need <= limit)
        return EDCG_OK;
    const double mp = (double)src->width * src->height / 1e6;
    return edcg_fail(err, EDCG_ERR_NOMEM,
                     "translating %dx%d pixels at %s needs %.0f MiB (%.0f MiB per megapixel), "
                     "above the limit of %.0f MiB: use a smaller working resolution",
                     src->width, src->height, o->work_size == 0 ? "full resolution" : "this working resolution",
                     need / 1048576.0, need / 1048576.0 / (mp > 0 ? mp : 1), limit / 1048576.0);
}

/* dst = src + strength * (t - src) for the first three channels. */
static void blend_row(const float *s, const float *t, float *d, int width, int channels,
                      float strength)
{
    for (int x = 0; x < width; x++)
        for (int c = 0; c < 3; c++) {
            float v = s[(size_t)x * channels + c];
            d[(size_t)x * channels + c] = v + strength * (t[(size_t)x * 3 + c] - v);
        }
}

static float lerp2(const float *img, int w, const bilinear_tap *tx, const bilinear_tap *ty, int c)
{
    const float *r0 = img + (size_t)ty->i0 * w * 3, *r1 = img + (size_t)ty->i1 * w * 3;
    float a = r0[tx->i0 * 3 + c] + tx->w1 * (r0[tx->i1 * 3 + c] - r0[tx->i0 * 3 + c]);
    float b = r1[tx->i0 * 3 + c] + tx->w1 * (r1[tx->i1 * 3 + c] - r1[tx->i0 * 3 + c]);
    return a + ty->w1 * (b - a);
}

/* The full-resolution result, rows shared among the threads: for a scaled
 * run up(t) + (s - up(down(s))) (down is NULL otherwise, and trans is the
 * image's own translation), blended over the source by strength. */
typedef struct compose_job {
    const edcg_image *src, *dst;
    const float *down, *trans;
    int ww, wh;
    float strength;
    float *rows; /* one row of 3 * width floats per thread */
    const bilinear_tap *tx;
} compose_job;

static void compose_rows(void *arg, int part, int y0, int y1)
{
    const compose_job *j = arg;
    const edcg_image *src = j->src;
    float *row = j->rows + (size_t)part * 3 * src->width;
    for (int y = y0; y < y1; y++) {
        const float *s = src->pixels + (size_t)y * src->row_stride;
        float *d = j->dst->pixels + (size_t)y * j->dst->row_stride;
        if (!j->down) {
            blend_row(s, j->trans + (size_t)y * j->ww * 3, d, src->width, j->dst->channels,
                      j->strength);
            continue;
        }
        bilinear_tap ty = bilinear_tap_for(y, src->height, j->wh);
        for (int x = 0; x < src->width; x++)
            for (int c = 0; c < 3; c++) {
                const bilinear_tap *tx = &j->tx[x];
                float detail = s[(size_t)x * src->channels + c] - lerp2(j->down, j->ww, tx, &ty, c);
                float v = lerp2(j->trans, j->ww, tx, &ty, c) + detail;
                row[(size_t)x * 3 + c] = v < 0.0f ? 0.0f : (v > 1.0f ? 1.0f : v);
            }
        blend_row(s, row, d, src->width, j->dst->channels, j->strength);
    }
}

/* The call's own threads: never shared with another call. */
static edcg_status start_threads(exec_ctx *e, int threads, edcg_error *err)
{
    if (exec_init(e, threads) == 0)
        return EDCG_OK;
    exec_free(e);
    return edcg_fail(err, EDCG_ERR_RUNTIME, "cannot start %d threads", threads);
}

edcg_status edcg_translate(const edcg_model *m, edcg_direction dir, const edcg_image *src,
                           const edcg_image *dst, const edcg_translate_options *options,
                           edcg_error *err)
{
    edcg_translate_options defaults;
    edcg_translate_options_init(&defaults);
    const edcg_translate_options *o = options ? options : &defaults;
    edcg_status s;
    if ((s = check_call(m, dir, src, dst, err)) || (s = check_options(o, err)))
        return s;
    if ((s = edcg_runtime_init(err)) || (s = check_memory(m, src, o, err)))
        return s;
    exec_ctx e;
    if ((s = start_threads(&e, o->threads, err)))
        return s;

    int ww, wh;
    work_dims(m, o, src->width, src->height, &ww, &wh);
    const int scaled = ww != src->width || wh != src->height;
    const size_t small = (size_t)ww * wh * 3;
    float *trans = malloc(sizeof(float) * small);
    float *down = scaled ? malloc(sizeof(float) * small) : NULL;
    /* The downscale's row pass, or one composed row per thread. */
    const size_t rows = 3 * (size_t)src->width * exec_threads(&e);
    const size_t pass = scaled ? 3 * (size_t)ww * src->height : 0;
    float *tmp = malloc(sizeof(float) * (rows > pass ? rows : pass));
    bilinear_tap *tx = malloc(sizeof *tx * (size_t)src->width);
    if (!trans || !tmp || !tx || (scaled && !down)) {
        s = edcg_fail(err, EDCG_ERR_NOMEM, "not enough memory to translate %dx%d pixels",
                      src->width, src->height);
        goto done;
    }
    if (scaled) {
        resample_area_down(src->pixels, src->width, src->height, src->channels, src->row_stride,
                           down, ww, wh, tmp, &e);
        s = translate_network(m, dir, down, ww, wh, (size_t)ww * 3, 3, trans, o, &e, err);
    } else {
        s = translate_network(m, dir, src->pixels, ww, wh, src->row_stride, src->channels, trans,
                              o, &e, err);
    }
    if (s)
        goto done; /* dst untouched on failure and cancel */
    for (int x = 0; x < src->width; x++)
        tx[x] = bilinear_tap_for(x, src->width, ww);
    compose_job j = {src, dst, down, trans, ww, wh, o->strength, tmp, tx};
    exec_run(&e, src->height, compose_rows, &j);
done:
    free(trans);
    free(down);
    free(tmp);
    free(tx);
    exec_free(&e);
    return s;
}

edcg_status edcg_cycle(const edcg_model *m, edcg_direction dir, const edcg_image *src,
                       const edcg_image *dst, const edcg_translate_options *options,
                       edcg_error *err)
{
    edcg_translate_options defaults;
    edcg_translate_options_init(&defaults);
    const edcg_translate_options *o = options ? options : &defaults;
    edcg_status s;
    if ((s = check_call(m, dir, src, dst, err)))
        return s;
    if ((s = edcg_runtime_init(err)))
        return s;
    exec_ctx e;
    if ((s = start_threads(&e, o->threads, err)))
        return s;
    float *rec = malloc(sizeof(float) * 3 * (size_t)src->width * src->height);
    if (!rec) {
        exec_free(&e);
        return edcg_fail(err, EDCG_ERR_NOMEM, "not enough memory to translate %dx%d pixels",
                         src->width, src->height);
    }
    s = translate_cycle(m, dir, src->pixels, src->width, src->height, src->row_stride,
                        src->channels, rec, o, &e, err);
    exec_free(&e);
    for (int y = 0; y < src->height && !s; y++)
        blend_row(src->pixels + (size_t)y * src->row_stride, rec + (size_t)y * src->width * 3,
                  dst->pixels + (size_t)y * dst->row_stride, src->width, dst->channels, 1.0f);
    free(rec);
    return s;
}

edcg_status edcg_direction_parse_names(const char *a, const char *b, const char *text,
                                       edcg_direction *out, edcg_error *err)
{
    if (text && (strcasecmp(text, "a2b") == 0 || (b && strcasecmp(text, b) == 0))) {
        *out = EDCG_A_TO_B;
        return EDCG_OK;
    }
    if (text && (strcasecmp(text, "b2a") == 0 || (a && strcasecmp(text, a) == 0))) {
        *out = EDCG_B_TO_A;
        return EDCG_OK;
    }
    return edcg_fail(err, EDCG_ERR_INVALID, "unknown direction '%s': use a2b, b2a%s%s%s%s",
                     text ? text : "", a ? ", " : "", a ? a : "", b ? " or " : "", b ? b : "");
}

edcg_status edcg_direction_parse(const edcg_model *m, const char *text, edcg_direction *out,
                                 edcg_error *err)
{
    return edcg_direction_parse_names(edcg_model_get_meta(m, "domain_a"),
                                      edcg_model_get_meta(m, "domain_b"), text, out, err);
}
