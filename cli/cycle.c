#include "cycle.h"

#include <stdlib.h>
#include <string.h>

static edcg_image rgb_view(const float *pixels, int width, int height)
{
    edcg_image im = {(float *)pixels, width, height, 3, (size_t)width * 3};
    return im;
}

static edcg_status translate(const edcg_model *m, edcg_direction dir, const float *src,
                             float *dst, int width, int height, float edge, int threads,
                             edcg_error *err)
{
    edcg_translate_options o;
    edcg_translate_options_init(&o);
    o.work_size = 0; /* scores are taken at the image's own size */
    o.edge_strength = edge;
    o.threads = threads;
    edcg_image s = rgb_view(src, width, height), d = rgb_view(dst, width, height);
    return edcg_translate(m, dir, &s, &d, &o, err);
}

static float clamp01(float v)
{
    return v < 0.0f ? 0.0f : (v > 1.0f ? 1.0f : v);
}

edcg_status cycle_reconstruct(const edcg_model *m, edcg_direction dir, const float *src,
                              int width, int height, int threads, float *fake_out, float *rec,
                              float *edge_out, edcg_error *err)
{
    const size_t n = (size_t)width * height * 3;
    const edcg_variant v = edcg_model_arch(m)->variant;
    const int has_ed = v == EDCG_VARIANT_ED || v == EDCG_VARIANT_ED_TEDGE;
    const edcg_direction back = dir == EDCG_A_TO_B ? EDCG_B_TO_A : EDCG_A_TO_B;
    float *fake = fake_out ? fake_out : malloc(sizeof(float) * n);
    float *edge = edge_out ? edge_out : malloc(sizeof(float) * n);
    edcg_status s = fake && edge ? EDCG_OK : EDCG_ERR_NOMEM;
    if (s == EDCG_OK)
        s = translate(m, dir, src, fake, width, height, 1.0f, threads, err);
    if (s == EDCG_OK && has_ed)
        s = translate(m, dir, src, edge, width, height, 0.0f, threads, err);
    if (s == EDCG_OK) {
        for (size_t i = 0; i < n; i++)
            edge[i] = has_ed ? fake[i] - edge[i] : 0.0f;
        /* Eq. 4 adds s_edge after G_ts; ed-tedge lets the engine add t_edge. */
        float back_edge = v == EDCG_VARIANT_ED_TEDGE ? 1.0f : 0.0f;
        s = translate(m, back, fake, rec, width, height, back_edge, threads, err);
    }
    if (s == EDCG_OK && v == EDCG_VARIANT_ED)
        for (size_t i = 0; i < n; i++)
            rec[i] = clamp01(rec[i] + edge[i]);
    if (s == EDCG_ERR_NOMEM && err && !(fake && edge))
        strcpy(err->message, "out of memory for a cycle reconstruction");
    if (!fake_out)
        free(fake);
    if (!edge_out)
        free(edge);
    return s;
}
