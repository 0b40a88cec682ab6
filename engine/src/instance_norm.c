#include "instance_norm.h"

#include <math.h>

#include "simd_clones.h"

/* Sums run in LANES independent double accumulators: one accumulator is a
 * serial chain of dependent adds (4 cycles each), which made the statistics
 * cost as much as the convolution's GEMM; independent lanes become vectors. */
#define LANES 8

static double lane_total(const double acc[LANES])
{
    double t = 0.0;
    for (int l = 0; l < LANES; l++)
        t += acc[l];
    return t;
}

/* The clones are static: clang 14 resolves target_clones only for calls
 * within the translation unit. */
SIMD_CLONES static void stats(const float *x, size_t plane, float *mean, float *rstd)
{
    /* Two passes in double: one pass (E[x^2] - E[x]^2) cancels badly on the
     * large flat planes of real photos. */
    double acc[LANES] = {0};
    const size_t whole = plane / LANES * LANES;
    for (size_t i = 0; i < whole; i += LANES)
        for (int l = 0; l < LANES; l++)
            acc[l] += x[i + l];
    for (size_t i = whole; i < plane; i++)
        acc[0] += x[i];
    const double m = lane_total(acc) / (double)plane;
    double sq[LANES] = {0};
    for (size_t i = 0; i < whole; i += LANES)
        for (int l = 0; l < LANES; l++) {
            double d = x[i + l] - m;
            sq[l] += d * d;
        }
    for (size_t i = whole; i < plane; i++)
        sq[0] += (x[i] - m) * (x[i] - m);
    *mean = (float)m;
    *rstd = (float)(1.0 / sqrt(lane_total(sq) / (double)plane + INSTANCE_NORM_EPS));
}

void instance_norm_stats(const float *x, size_t plane, float *mean, float *rstd)
{
    stats(x, plane, mean, rstd);
}

void instance_norm_forward(const float *x, int channels, size_t plane, float *y, float *rstd)
{
    for (int c = 0; c < channels; c++) {
        const float *xc = x + c * plane;
        float *yc = y + c * plane;
        float mean, r;
        instance_norm_stats(xc, plane, &mean, &r);
        for (size_t i = 0; i < plane; i++)
            yc[i] = (xc[i] - mean) * r;
        if (rstd)
            rstd[c] = r;
    }
}

/* With y = (x - mean) * rstd: dx = rstd * (dy - mean(dy) - y * mean(dy * y)). */
SIMD_CLONES static void backward_plane(const float *y, float rstd, size_t plane, const float *dy,
                                       float *dx)
{
    double s1[LANES] = {0}, s2[LANES] = {0};
    const size_t whole = plane / LANES * LANES;
    for (size_t i = 0; i < whole; i += LANES)
        for (int l = 0; l < LANES; l++) {
            s1[l] += dy[i + l];
            s2[l] += (double)dy[i + l] * y[i + l];
        }
    for (size_t i = whole; i < plane; i++) {
        s1[0] += dy[i];
        s2[0] += (double)dy[i] * y[i];
    }
    float mean_dy = (float)(lane_total(s1) / (double)plane);
    float mean_dy_y = (float)(lane_total(s2) / (double)plane);
    for (size_t i = 0; i < plane; i++)
        dx[i] = rstd * (dy[i] - mean_dy - y[i] * mean_dy_y);
}

void instance_norm_backward_plane(const float *y, float rstd, size_t plane, const float *dy,
                                  float *dx)
{
    backward_plane(y, rstd, plane, dy, dx);
}

void instance_norm_backward(const float *y, const float *rstd, int channels, size_t plane,
                            const float *dy, float *dx)
{
    for (int c = 0; c < channels; c++)
        instance_norm_backward_plane(y + c * plane, rstd[c], plane, dy + c * plane,
                                     dx + c * plane);
}
