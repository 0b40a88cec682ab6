#include "im2col.h"

#include <string.h>

int reflect_index(int i, int n)
{
    if (n == 1)
        return 0;
    int period = 2 * (n - 1);
    i %= period;
    if (i < 0)
        i += period;
    return i < n ? i : period - i;
}

/* Maps a tap's image coordinate to a valid index, or -1 for zero padding. */
static inline int source_index(int pos, int n, pad_mode mode)
{
    if (pos >= 0 && pos < n)
        return pos;
    return mode == PAD_REFLECT ? reflect_index(pos, n) : -1;
}

void im2col_gather(const im2col_geom *g, const float *image, int g0, int g1, float *col)
{
    const int k = g->k, s = g->stride, p = g->pad, gw = g->grid_w;
    const size_t ncols = (size_t)(g1 - g0) * gw;
    const size_t plane = (size_t)g->height * g->width;
    for (int c = 0; c < g->channels; c++) {
        const float *img = image + c * plane;
        for (int ky = 0; ky < k; ky++)
            for (int kx = 0; kx < k; kx++) {
                float *row = col + ((size_t)(c * k + ky) * k + kx) * ncols;
                for (int gy = g0; gy < g1; gy++) {
                    float *dst = row + (size_t)(gy - g0) * gw;
                    int iy = source_index(gy * s - p + ky, g->height, g->mode);
                    if (iy < 0) {
                        memset(dst, 0, sizeof(float) * gw);
                        continue;
                    }
                    const float *src = img + (size_t)iy * g->width;
                    if (s == 1) {
                        /* Contiguous interior, edges handled one by one. */
                        int lo = p - kx, hi = g->width + p - kx; /* gx in [lo, hi) is inside */
                        if (lo < 0) lo = 0;
                        if (hi > gw) hi = gw;
                        for (int gx = 0; gx < lo && gx < gw; gx++) {
                            int ix = source_index(gx - p + kx, g->width, g->mode);
                            dst[gx] = ix < 0 ? 0.0f : src[ix];
                        }
                        if (hi > lo)
                            memcpy(dst + lo, src + lo - p + kx, sizeof(float) * (hi - lo));
                        for (int gx = hi > lo ? hi : lo; gx < gw; gx++) {
                            int ix = source_index(gx - p + kx, g->width, g->mode);
                            dst[gx] = ix < 0 ? 0.0f : src[ix];
                        }
                    } else {
                        for (int gx = 0; gx < gw; gx++) {
                            int ix = source_index(gx * s - p + kx, g->width, g->mode);
                            dst[gx] = ix < 0 ? 0.0f : src[ix];
                        }
                    }
                }
            }
    }
}

void col2im_scatter(const im2col_geom *g, const float *col, int g0, int g1, float *image)
{
    const int k = g->k, s = g->stride, p = g->pad, gw = g->grid_w;
    const size_t ncols = (size_t)(g1 - g0) * gw;
    const size_t plane = (size_t)g->height * g->width;
    for (int c = 0; c < g->channels; c++) {
        float *img = image + c * plane;
        for (int ky = 0; ky < k; ky++)
            for (int kx = 0; kx < k; kx++) {
                const float *row = col + ((size_t)(c * k + ky) * k + kx) * ncols;
                for (int gy = g0; gy < g1; gy++) {
                    const float *src = row + (size_t)(gy - g0) * gw;
                    int iy = source_index(gy * s - p + ky, g->height, g->mode);
                    if (iy < 0)
                        continue;
                    float *dst = img + (size_t)iy * g->width;
                    for (int gx = 0; gx < gw; gx++) {
                        int ix = source_index(gx * s - p + kx, g->width, g->mode);
                        if (ix >= 0)
                            dst[ix] += src[gx];
                    }
                }
            }
    }
}
