#include "losses.h"

#include <math.h>

double loss_l1(const float *x, const float *target, size_t n, float scale, float *grad)
{
    double sum = 0.0;
    const float g = scale / (float)n;
    for (size_t i = 0; i < n; i++) {
        float d = x[i] - target[i];
        sum += fabsf(d);
        if (grad)
            grad[i] = d > 0.0f ? g : (d < 0.0f ? -g : 0.0f);
    }
    return sum / (double)n;
}

double loss_lsgan(const float *x, float label, size_t n, float scale, float *grad)
{
    double sum = 0.0;
    const float g = 2.0f * scale / (float)n;
    for (size_t i = 0; i < n; i++) {
        float d = x[i] - label;
        sum += (double)d * d;
        if (grad)
            grad[i] = g * d;
    }
    return sum / (double)n;
}

double loss_bce_logits(const float *x, float label, size_t n, float scale, float *grad)
{
    double sum = 0.0;
    const float g = scale / (float)n;
    for (size_t i = 0; i < n; i++) {
        double v = x[i];
        /* max(v, 0) - v * y + log(1 + exp(-|v|)): no overflow for any logit. */
        sum += (v > 0.0 ? v : 0.0) - v * label + log1p(exp(-fabs(v)));
        if (grad)
            grad[i] = g * (float)(1.0 / (1.0 + exp(-v)) - label);
    }
    return sum / (double)n;
}
