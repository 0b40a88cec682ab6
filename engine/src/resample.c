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

void resample_area_down(const float *src, int sw, int sh, int channels, size_t stride,
                        float *dst, int dw, int dh, float *tmp)
{
    /* Rows first (sw -> dw) into tmp (dw x sh x 3), then columns (sh -> dh). */
    for (int y = 0; y < sh; y++)
        for (int c = 0; c < 3; c++)
            area_1d(src + (size_t)y * stride, 1, sw, tmp + (size_t)y * dw * 3, 3, dw, channels, c);
    for (int x = 0; x < dw; x++)
        for (int c = 0; c < 3; c++)
            area_1d(tmp + (size_t)x * 3, (size_t)dw, sh, dst + (size_t)x * 3, (size_t)dw * 3, dh,
                    3, c);
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
