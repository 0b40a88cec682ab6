/* translate_network.c: one image through the ED-Block and a generator:
 * out = G(s) + k * (s - ED(s)), the paper's Eq. 2 with an edge strength k.
 *
 * Inference keeps no tapes: a handful of buffers, each sized once for the
 * image, are reused layer after layer, and the encoder runs once for both
 * the ED-Block and the generator (they share it, frozen).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "blas.h"
#include "error.h"
#include "im2col.h"
#include "model.h"
#include "translate.h"

typedef struct infer_ws {
    int h, w;              /* padded to multiples of 4 */
    fbuf src, edge, out;   /* 3 x h x w */
    fbuf big, big2;        /* F x h x w (big2: skip variant) */
    fbuf med, med2;        /* 2F x h/2 x w/2 */
    fbuf small[3];         /* 4F x h/4 x w/4 */
    exec_ctx *e;           /* the caller's threads and scratch */
} infer_ws;

typedef struct infer_run {
    const edcg_translate_options *opt;
    int done, total;
} infer_run;

static int pad4(int n)
{
    return (n + 3) / 4 * 4;
}

static void ws_free(infer_ws *ws)
{
    fbuf *all[] = {&ws->src, &ws->edge, &ws->out, &ws->big, &ws->big2, &ws->med, &ws->med2,
                   &ws->small[0], &ws->small[1], &ws->small[2]};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        fbuf_free(all[i]);
}

/* Floats of every buffer but the scratch, which layer_apply sizes itself. */
static size_t ws_floats(const edcg_model *m, int h, int w, size_t *parts)
{
    size_t p = (size_t)pad4(h) * pad4(w), f = (size_t)m->arch.ngf;
    int skip = m->arch.variant == EDCG_VARIANT_SKIP;
    parts[0] = 3 * p;
    parts[1] = f * p;
    parts[2] = 2 * f * p / 4;
    parts[3] = 4 * f * p / 16;
    return 3 * parts[0] + (skip ? 2 : 1) * (parts[1] + parts[2]) + 3 * parts[3];
}

static int ws_reserve(infer_ws *ws, const edcg_model *m)
{
    size_t parts[4];
    ws_floats(m, ws->h, ws->w, parts);
    int skip = m->arch.variant == EDCG_VARIANT_SKIP;
    return fbuf_reserve(&ws->src, parts[0]) || fbuf_reserve(&ws->edge, parts[0]) ||
           fbuf_reserve(&ws->out, parts[0]) || fbuf_reserve(&ws->big, parts[1]) ||
           fbuf_reserve(&ws->med, parts[2]) || fbuf_reserve(&ws->small[0], parts[3]) ||
           fbuf_reserve(&ws->small[1], parts[3]) || fbuf_reserve(&ws->small[2], parts[3]) ||
           (skip && (fbuf_reserve(&ws->big2, parts[1]) || fbuf_reserve(&ws->med2, parts[2])));
}

/* Progress and cancel between layers: returns nonzero to stop. */
static int step(infer_run *run)
{
    run->done++;
    const edcg_translate_options *o = run->opt;
    if (o->cancel && *o->cancel)
        return 1;
    if (o->progress && o->progress(o->progress_data, (double)run->done / run->total))
        return 1;
    return 0;
}

/* n layers from `x` at h x w, layer i writing outs[i] (plus adds[i] when
 * given: the skip variant adds it after the activation, in the layer's
 * own pass). */
static int run_layers(const layer *ls, int n, const float *x, int h, int w, float *const *outs,
                      const float *const *adds, infer_ws *ws, infer_run *run, int *status)
{
    for (int i = 0; i < n; i++) {
        if (layer_apply(&ls[i], x, h, w, outs[i], adds ? adds[i] : NULL, ws->e))
            return *status = EDCG_ERR_NOMEM;
        h = layer_out_size(&ls[i], h);
        w = layer_out_size(&ls[i], w);
        x = outs[i];
        if (step(run))
            return *status = EDCG_ERR_CANCELLED;
    }
    return 0;
}

/* Runs the encoder from ws->src into ws->small[0]. */
static int run_encoder(const layer *enc, infer_ws *ws, infer_run *run, int *status)
{
    float *const outs[ENCODER_LAYERS] = {ws->big.data, ws->med.data, ws->small[0].data};
    return run_layers(enc, ENCODER_LAYERS, ws->src.data, ws->h, ws->w, outs, NULL, ws, run,
                      status);
}

/* Decoder from `x` (4F x h/4 x w/4) into `y` (3 x h x w). With skips, the
 * encoder's outputs still sit in ws->med and ws->big. */
static int run_decoder(const layer *dec, int skip, const float *x, float *y, infer_ws *ws,
                       infer_run *run, int *status)
{
    float *const outs[DECODER_LAYERS] = {skip ? ws->med2.data : ws->med.data,
                                         skip ? ws->big2.data : ws->big.data, y};
    const float *const adds[DECODER_LAYERS] = {ws->med.data, ws->big.data, NULL};
    return run_layers(dec, DECODER_LAYERS, x, ws->h / 4, ws->w / 4, outs, skip ? adds : NULL, ws,
                      run, status);
}

/* ws->out = G(src), ws->edge = src - ED(src) (ED variants). */
static int run_networks(const edcg_model *m, edcg_direction dir, infer_ws *ws, infer_run *run)
{
    int status = 0, ed = variant_has_ed(m->arch.variant);
    const generator *g = &m->gen[dir];
    if (run_encoder(g->encoder, ws, run, &status))
        return status;
    const int c = 4 * m->arch.ngf, h = ws->h / 4, w = ws->w / 4;
    const size_t n = (size_t)c * h * w;
    if (ed) {
        /* The encoder output feeds both: keep a copy for the generator. */
        memcpy(ws->small[1].data, ws->small[0].data, sizeof(float) * n);
        if (run_decoder(m->ed_decoder, 0, ws->small[1].data, ws->edge.data, ws, run, &status))
            return status;
        size_t count = (size_t)3 * ws->h * ws->w;
        for (size_t i = 0; i < count; i++)
            ws->edge.data[i] = ws->src.data[i] - ws->edge.data[i];
    }
    float *x = ws->small[0].data, *y = ws->small[1].data, *tmp = ws->small[2].data;
    for (int i = 0; i < g->nblocks; i++) {
        if (resblock_apply(&g->blocks[i], x, c, h, w, y, tmp, ws->e))
            return EDCG_ERR_NOMEM;
        float *t = x;
        x = y;
        y = t;
        if (step(run))
            return EDCG_ERR_CANCELLED;
    }
    if (run_decoder(g->decoder, g->skip, x, ws->out.data, ws, run, &status))
        return status;
    return 0;
}

/* Planar, in [-1, 1], reflection-padded to multiples of 4 (the two
 * stride-2 layers and their transposes must give back the same size). */
static void load_planar(infer_ws *ws, const float *rgb, int width, int height, size_t stride,
                        int channels)
{
    const size_t plane = (size_t)ws->h * ws->w;
    for (int c = 0; c < 3; c++)
        for (int y = 0; y < ws->h; y++) {
            const float *row = rgb + (size_t)reflect_index(y, height) * stride;
            float *d = ws->src.data + c * plane + (size_t)y * ws->w;
            for (int x = 0; x < ws->w; x++)
                d[x] = 2.0f * row[(size_t)reflect_index(x, width) * channels + c] - 1.0f;
        }
}

/* out (packed RGB in [0, 1]) = clamp(g + k * e) cropped to width x height. */
static void store_clamped(const float *g, const float *e, float k, int ph, int pw, int width,
                          int height, float *out)
{
    const size_t plane = (size_t)ph * pw;
    for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
            for (int c = 0; c < 3; c++) {
                size_t at = c * plane + (size_t)y * pw + x;
                float v = g[at] + (e ? k * e[at] : 0.0f);
                v = v < -1.0f ? -1.0f : (v > 1.0f ? 1.0f : v);
                out[((size_t)y * width + x) * 3 + c] = 0.5f * (v + 1.0f);
            }
}

static edcg_status network_failure(edcg_status s, int width, int height, edcg_error *err)
{
    return s == EDCG_ERR_CANCELLED
               ? edcg_fail(err, s, "translation cancelled")
               : edcg_fail(err, s, "not enough memory to translate %dx%d pixels", width, height);
}

/* The largest scratch any layer of the generator asks for at this size
 * (the ED decoder has the generator's shapes). */
static size_t scratch_floats(const edcg_model *m, edcg_direction dir, int h, int w)
{
    exec_ctx shape = {.fast_conv = 1}; /* sizes only: fast paths on, as translate runs */
    const generator *g = &m->gen[dir];
    size_t most = 0;
    for (int i = 0; i < ENCODER_LAYERS; i++) {
        size_t f = layer_scratch_floats(&g->encoder[i], &shape, h, w);
        most = f > most ? f : most;
        h = layer_out_size(&g->encoder[i], h);
        w = layer_out_size(&g->encoder[i], w);
    }
    if (g->nblocks) {
        size_t f = layer_scratch_floats(&g->blocks[0].conv1, &shape, h, w);
        most = f > most ? f : most;
    }
    for (int i = 0; i < DECODER_LAYERS; i++) {
        size_t f = layer_scratch_floats(&g->decoder[i], &shape, h, w);
        most = f > most ? f : most;
        h = layer_out_size(&g->decoder[i], h);
        w = layer_out_size(&g->decoder[i], w);
    }
    return most;
}

size_t translate_network_memory(const edcg_model *m, int width, int height)
{
    size_t parts[4];
    int h = pad4(height), w = pad4(width);
    return (ws_floats(m, h, w, parts) + scratch_floats(m, EDCG_A_TO_B, h, w)) * sizeof(float);
}

edcg_status translate_network(const edcg_model *m, edcg_direction dir, const float *rgb,
                              int width, int height, size_t stride, int channels, float *out,
                              const edcg_translate_options *o, exec_ctx *e, edcg_error *err)
{
    infer_ws ws;
    memset(&ws, 0, sizeof ws);
    ws.e = e;
    ws.h = pad4(height);
    ws.w = pad4(width);
    if (ws_reserve(&ws, m)) {
        ws_free(&ws);
        return edcg_fail(err, EDCG_ERR_NOMEM, "not enough memory to translate %dx%d pixels",
                         width, height);
    }
    load_planar(&ws, rgb, width, height, stride, channels);
    const int ed = variant_has_ed(m->arch.variant);
    infer_run run = {o, 0, ENCODER_LAYERS + DECODER_LAYERS * (ed ? 2 : 1) + m->arch.blocks};
    edcg_status s = run_networks(m, dir, &ws, &run);
    if (s) {
        ws_free(&ws);
        return network_failure(s, width, height, err);
    }
    store_clamped(ws.out.data, ed ? ws.edge.data : NULL, ed ? o->edge_strength : 0.0f, ws.h, ws.w,
                  width, height, out);
    ws_free(&ws);
    return EDCG_OK;
}

edcg_status translate_cycle(const edcg_model *m, edcg_direction dir, const float *rgb, int width,
                            int height, size_t stride, int channels, float *out,
                            const edcg_translate_options *o, exec_ctx *e, edcg_error *err)
{
    infer_ws ws;
    memset(&ws, 0, sizeof ws);
    ws.e = e;
    ws.h = pad4(height);
    ws.w = pad4(width);
    const size_t count = (size_t)3 * ws.h * ws.w;
    fbuf s_edge = {0};
    if (ws_reserve(&ws, m) || fbuf_reserve(&s_edge, count)) {
        ws_free(&ws);
        fbuf_free(&s_edge);
        return edcg_fail(err, EDCG_ERR_NOMEM, "not enough memory to translate %dx%d pixels",
                         width, height);
    }
    load_planar(&ws, rgb, width, height, stride, channels);
    const int variant = m->arch.variant, ed = variant_has_ed(variant);
    infer_run run = {o, 0, 2 * (ENCODER_LAYERS + DECODER_LAYERS * (ed ? 2 : 1) + m->arch.blocks)};
    edcg_status s = run_networks(m, dir, &ws, &run);
    if (!s) {
        /* The fake is not clamped: training feeds G_ts the raw sum. */
        for (size_t i = 0; i < count; i++)
            ws.src.data[i] = ws.out.data[i] + (ed ? ws.edge.data[i] : 0.0f);
        memcpy(s_edge.data, ws.edge.data, sizeof(float) * count);
        s = run_networks(m, 1 - dir, &ws, &run);
    }
    if (!s) {
        /* Eq. 4: + s_edge; the t_edge variant adds the fake's own edge map,
         * which run_networks just left in ws.edge. */
        const float *edge = variant == EDCG_VARIANT_ED ? s_edge.data
                            : variant == EDCG_VARIANT_ED_TEDGE ? ws.edge.data : NULL;
        store_clamped(ws.out.data, edge, 1.0f, ws.h, ws.w, width, height, out);
    }
    ws_free(&ws);
    fbuf_free(&s_edge);
    return s ? network_failure(s, width, height, err) : EDCG_OK;
}
