#include "resample.h"

#include <math.h>

/* 1-D box filter from n samples to m (m <= n): output j averages the input
 * interval [j*n/m, (j+1)*n/m) with fractional end weights. */
static void area_1d(const float *in, size_t in_step, int n, float *out, size_t out_step, int m,
                    int channels_in, int c)
{
    const double scale = (double)n / m;
    for (int j = 0; j < m; j++) {
        double x0 = j * scale, x1 = (j + 1) * scale, sum = 0.0;
        int i0 = (int)floor(x0), i1 = (int)ceil(x1);
        if (i1 > n)
            i1 = n;
        for (int i = i0; i < i1; i++) {
            double lo = i > x0 ? i : x0, hi = i + 1 < x1 ? i + 1 : x1;
            sum += (hi - lo) * in[(size_t)i * in_step * channels_in + c];
        }
        out[(size_t)j * out_step + c] = (float)(sum / scale);
    }
}

typedef struct area_job {
    const float *src;
    int sw, sh, channels;
    size_t stride;
    float *dst, *tmp;
    int dw, dh;
} area_job;

static void area_rows(void *arg, int part, int y0, int y1)
{
    const area_job *j = arg;
    (void)part;
    for (int y = y0; y < y1; y++)
        for (int c = 0; c < 3; c++)
            area_1d(j->src + (size_t)y * j->stride, 1, j->sw, j->tmp + (size_t)y * j->dw * 3, 3,
                    j->dw, j->channels, c);
}

static void area_columns(void *arg, int part, int x0, int x1)
{
    const area_job *j = arg;
    (void)part;
    for (int x = x0; x < x1; x++)
        for (int c = 0; c < 3; c++)
            area_1d(j->tmp + (size_t)x * 3, (size_t)j->dw, j->sh, j->dst + (size_t)x * 3,
                    (size_t)j->dw * 3, j->dh, 3, c);
}

void resample_area_down(const float *src, int sw, int sh, int channels, size_t stride,
                        float *dst, int dw, int dh, float *tmp, exec_ctx *e)
{
    /* Rows first (sw -> dw) into tmp (dw x sh x 3), then columns (sh -> dh):
     * each pass shares its independent lines among the threads. */
    area_job j = {src, sw, sh, channels, stride, dst, tmp, dw, dh};
    exec_run(e, sh, area_rows, &j);
    exec_run(e, dw, area_columns, &j);
}

bilinear_tap bilinear_tap_for(int i, int n, int m)
{
    /* Centre of full-res pixel i in grid coordinates (align_corners=False). */
    double x = (i + 0.5) * m / n - 0.5;
    if (x < 0.0)
        x = 0.0;
    if (x > m - 1)
        x = m - 1;
    bilinear_tap t;
    t.i0 = (int)floor(x);
    t.i1 = t.i0 + 1 < m ? t.i0 + 1 : t.i0;
    t.w1 = (float)(x - t.i0);
    return t;
}
