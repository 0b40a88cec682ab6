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

/* The grid columns [lo, hi) whose tap kx lands inside the image: there the
 * source index is gx*s - p + kx, with no padding to resolve. */
static void inside_span(const im2col_geom *g, int kx, int *lo, int *hi)
{
    const int s = g->stride, p = g->pad, gw = g->grid_w;
    int a = p - kx, b = g->width - 1 + p - kx; /* need a <= gx*s <= b */
    int l = a <= 0 ? 0 : (a + s - 1) / s;
    int h = b < 0 ? 0 : b / s + 1;
    *lo = l < gw ? l : gw;
    *hi = h < gw ? h : gw;
    if (*hi < *lo)
        *hi = *lo;
}

void im2col_gather(const im2col_geom *g, const float *image, int g0, int g1, float *col,
                   int c0, int c1)
{
    const int k = g->k, s = g->stride, p = g->pad, gw = g->grid_w;
    const size_t ncols = (size_t)(g1 - g0) * gw;
    const size_t plane = (size_t)g->height * g->width;
    for (int c = c0; c < c1; c++) {
        const float *img = image + c * plane;
        for (int ky = 0; ky < k; ky++)
            for (int kx = 0; kx < k; kx++) {
                float *row = col + ((size_t)(c * k + ky) * k + kx) * ncols;
                int lo, hi;
                inside_span(g, kx, &lo, &hi);
                for (int gy = g0; gy < g1; gy++) {
                    float *dst = row + (size_t)(gy - g0) * gw;
                    int iy = source_index(gy * s - p + ky, g->height, g->mode);
                    if (iy < 0) {
                        memset(dst, 0, sizeof(float) * gw);
                        continue;
                    }
                    const float *src = img + (size_t)iy * g->width;
                    for (int gx = 0; gx < lo; gx++) {
                        int ix = source_index(gx * s - p + kx, g->width, g->mode);
                        dst[gx] = ix < 0 ? 0.0f : src[ix];
                    }
                    if (s == 1 && hi > lo)
                        memcpy(dst + lo, src + lo - p + kx, sizeof(float) * (hi - lo));
                    else
                        for (int gx = lo; gx < hi; gx++)
                            dst[gx] = src[gx * s - p + kx];
                    for (int gx = hi; gx < gw; gx++) {
                        int ix = source_index(gx * s - p + kx, g->width, g->mode);
                        dst[gx] = ix < 0 ? 0.0f : src[ix];
                    }
                }
            }
    }
}

void col2im_scatter(const im2col_geom *g, const float *col, int g0, int g1, float *image,
                    int c0, int c1)
{
    const int k = g->k, s = g->stride, p = g->pad, gw = g->grid_w;
    const size_t ncols = (size_t)(g1 - g0) * gw;
    const size_t plane = (size_t)g->height * g->width;
    for (int c = c0; c < c1; c++) {
        float *img = image + c * plane;
        for (int ky = 0; ky < k; ky++)
            for (int kx = 0; kx < k; kx++) {
                const float *row = col + ((size_t)(c * k + ky) * k + kx) * ncols;
                int lo, hi;
                inside_span(g, kx, &lo, &hi);
                for (int gy = g0; gy < g1; gy++) {
                    const float *src = row + (size_t)(gy - g0) * gw;
                    int iy = source_index(gy * s - p + ky, g->height, g->mode);
                    if (iy < 0)
                        continue;
                    float *dst = img + (size_t)iy * g->width;
                    for (int gx = 0; gx < lo; gx++) {
                        int ix = source_index(gx * s - p + kx, g->width, g->mode);
                        if (ix >= 0)
                            dst[ix] += src[gx];
                    }
                    if (s == 1) {
                        float *to = dst + lo - p + kx; /* in the image: lo - p + kx >= 0 */
                        for (int gx = 0; gx < hi - lo; gx++)
                            to[gx] += src[lo + gx];
                    } else {
                        for (int gx = lo; gx < hi; gx++)
                            dst[gx * s - p + kx] += src[gx];
                    }
                    for (int gx = hi; gx < gw; gx++) {
                        int ix = source_index(gx * s - p + kx, g->width, g->mode);
                        if (ix >= 0)
                            dst[ix] += src[gx];
                    }
                }
            }
    }
}

typedef struct im2col_job {
    const im2col_geom *g;
    const float *from;
    float *to;
    int g0, g1, scatter;
} im2col_job;

static void im2col_share(void *arg, int part, int begin, int end)
{
    const im2col_job *j = arg;
    (void)part;
    if (j->scatter)
        col2im_scatter(j->g, j->from, j->g0, j->g1, j->to, begin, end);
    else
        im2col_gather(j->g, j->from, j->g0, j->g1, j->to, begin, end);
}

void im2col_gather_threaded(exec_ctx *e, const im2col_geom *g, const float *image, int g0,
                            int g1, float *col)
{
    im2col_job j = {g, image, col, g0, g1, 0};
    exec_run(e, g->channels, im2col_share, &j);
}

void col2im_scatter_threaded(exec_ctx *e, const im2col_geom *g, const float *col, int g0,
                             int g1, float *image)
{
    im2col_job j = {g, col, image, g0, g1, 1};
    exec_run(e, g->channels, im2col_share, &j);
}
