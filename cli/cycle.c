#include "cycle.h"

#include <stdlib.h>
#include <stdio.h>

static edcg_image rgb_view(const float *pixels, int width, int height)
{
    edcg_image im = {(float *)pixels, width, height, 3, (size_t)width * 3};
    return im;
}

static void full_resolution(edcg_translate_options *o, float edge, int threads)
{
    edcg_translate_options_init(o);
    o->work_size = 0; /* scores and samples are taken at the image's own size */
    o->edge_strength = edge;
    o->threads = threads;
}

static edcg_status translate(const edcg_model *m, edcg_direction dir, const float *src,
                             float *dst, int width, int height, float edge, int threads,
                             edcg_error *err)
{
    edcg_translate_options o;
    full_resolution(&o, edge, threads);
    edcg_image s = rgb_view(src, width, height), d = rgb_view(dst, width, height);
    return edcg_translate(m, dir, &s, &d, &o, err);
}

/* The translation and its edge map, for the sample grids. */
static edcg_status fake_and_edge(const edcg_model *m, edcg_direction dir, const float *src,
                                 int width, int height, int threads, float *fake, float *edge,
                                 edcg_error *err)
{
    const size_t n = (size_t)width * height * 3;
    const edcg_variant v = edcg_model_arch(m)->variant;
    const int has_ed = v == EDCG_VARIANT_ED || v == EDCG_VARIANT_ED_TEDGE;
    float *plain = malloc(sizeof(float) * n), *t = fake ? fake : malloc(sizeof(float) * n);
    edcg_status s = plain && t ? EDCG_OK : EDCG_ERR_NOMEM;
    if (s)
        snprintf(err->message, sizeof err->message, "out of memory for a %dx%d sample", width,
                 height);
    if (!s)
        s = translate(m, dir, src, t, width, height, 1.0f, threads, err);
    if (!s && edge && has_ed)
        s = translate(m, dir, src, plain, width, height, 0.0f, threads, err);
    for (size_t i = 0; !s && edge && i < n; i++)
        edge[i] = has_ed ? t[i] - plain[i] : 0.0f;
    free(plain);
    if (!fake)
        free(t);
    return s;
}

edcg_status cycle_reconstruct(const edcg_model *m, edcg_direction dir, const float *src,
                              int width, int height, int threads, float *fake, float *rec,
                              float *edge, edcg_error *err)
{
    edcg_translate_options o;
    full_resolution(&o, 1.0f, threads);
    edcg_image s = rgb_view(src, width, height), d = rgb_view(rec, width, height);
    edcg_status st = edcg_cycle(m, dir, &s, &d, &o, err);
    if (st == EDCG_OK && (fake || edge))
        st = fake_and_edge(m, dir, src, width, height, threads, fake, edge, err);
    return st;
}
