#include "resample.h"

#include <stdlib.h>

/* Weights of source samples for one destination sample along one axis. */
typedef struct taps {
    int first, count;
    float w[64];
} taps;

/* Area average when shrinking (each output covers `scale` inputs), tent
 * between the two nearest centres when enlarging. */
static void taps_for(int i, int src_len, int dst_len, taps *t)
{
    const double scale = (double)src_len / dst_len;
    if (scale > 1.0) {
        double a = i * scale, b = a + scale;
        int lo = (int)a, hi = (int)b < src_len ? (int)b : src_len - 1;
        if (hi - lo + 1 > 64)
            hi = lo + 63; /* shrinking more than 63x: nearest 64 pixels suffice */
        t->first = lo;
        t->count = 0;
        double total = 0.0;
        for (int k = lo; k <= hi; k++) {
            double cover = (k + 1 < b ? k + 1 : b) - (k > a ? k : a);
            t->w[t->count++] = (float)(cover > 0 ? cover : 0);
            total += cover > 0 ? cover : 0;
        }
        for (int k = 0; k < t->count; k++)
            t->w[k] = (float)(t->w[k] / total);
        return;
    }
    double x = (i + 0.5) * scale - 0.5;
    int x0 = x < 0 ? 0 : (int)x, x1 = x0 + 1 < src_len ? x0 + 1 : x0;
    float f = x < 0 ? 0.0f : (float)(x - x0);
    t->first = x0;
    t->count = x1 > x0 ? 2 : 1;
    t->w[0] = t->count == 2 ? 1.0f - f : 1.0f;
    t->w[1] = f;
}

static void resample_rows(const float *src, int sw, int h, float *dst, int dw)
{
    taps t;
    for (int x = 0; x < dw; x++) {
        taps_for(x, sw, dw, &t);
        for (int y = 0; y < h; y++) {
            float acc[3] = {0, 0, 0};
            const float *s = src + ((size_t)y * sw + t.first) * 3;
            for (int k = 0; k < t.count; k++)
                for (int c = 0; c < 3; c++)
                    acc[c] += t.w[k] * s[k * 3 + c];
            for (int c = 0; c < 3; c++)
                dst[((size_t)y * dw + x) * 3 + c] = acc[c];
        }
    }
}

static void resample_columns(const float *src, int w, int sh, float *dst, int dh)
{
    taps t;
    for (int y = 0; y < dh; y++) {
        taps_for(y, sh, dh, &t);
        float *d = dst + (size_t)y * w * 3;
        for (int i = 0; i < w * 3; i++)
            d[i] = 0.0f;
        for (int k = 0; k < t.count; k++) {
            const float *s = src + (size_t)(t.first + k) * w * 3;
            for (int i = 0; i < w * 3; i++)
                d[i] += t.w[k] * s[i];
        }
    }
}

int resample_rgb(const float *src, int sw, int sh, float *dst, int dw, int dh)
{
    float *tmp = malloc(sizeof(float) * 3 * (size_t)dw * sh);
    if (!tmp)
        return -1;
    resample_rows(src, sw, sh, tmp, dw);
    resample_columns(tmp, dw, sh, dst, dh);
    free(tmp);
    return 0;
}
