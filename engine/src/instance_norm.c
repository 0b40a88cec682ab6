#include "instance_norm.h"

#include <math.h>

void instance_norm_forward(const float *x, int channels, size_t plane, float *y, float *rstd)
{
    for (int c = 0; c < channels; c++) {
        const float *xc = x + c * plane;
        float *yc = y + c * plane;
        /* Two passes in double: one pass (E[x^2] - E[x]^2) cancels badly on
         * the large flat planes of real photos. */
        double sum = 0.0;
        for (size_t i = 0; i < plane; i++)
            sum += xc[i];
        double mean = sum / (double)plane, sq = 0.0;
        for (size_t i = 0; i < plane; i++) {
            double d = xc[i] - mean;
            sq += d * d;
        }
        double r = 1.0 / sqrt(sq / (double)plane + INSTANCE_NORM_EPS);
        float fmean = (float)mean, fr = (float)r;
        for (size_t i = 0; i < plane; i++)
            yc[i] = (xc[i] - fmean) * fr;
        if (rstd)
            rstd[c] = fr;
    }
}

/* With y = (x - mean) * rstd: dx = rstd * (dy - mean(dy) - y * mean(dy * y)). */
void instance_norm_backward(const float *y, const float *rstd, int channels, size_t plane,
                            const float *dy, float *dx)
{
    for (int c = 0; c < channels; c++) {
        const float *yc = y + c * plane, *dyc = dy + c * plane;
        float *dxc = dx + c * plane;
        double sum_dy = 0.0, sum_dy_y = 0.0;
        for (size_t i = 0; i < plane; i++) {
            sum_dy += dyc[i];
            sum_dy_y += (double)dyc[i] * yc[i];
        }
        float mean_dy = (float)(sum_dy / (double)plane);
        float mean_dy_y = (float)(sum_dy_y / (double)plane);
        float r = rstd[c];
        for (size_t i = 0; i < plane; i++)
            dxc[i] = r * (dyc[i] - mean_dy - yc[i] * mean_dy_y);
    }
}
