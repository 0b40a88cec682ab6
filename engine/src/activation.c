#include "activation.h"

#include <math.h>

void activation_forward(act_kind act, float *x, size_t n)
{
    switch (act) {
    case ACT_NONE:
        break;
    case ACT_RELU:
        for (size_t i = 0; i < n; i++)
            x[i] = x[i] > 0.0f ? x[i] : 0.0f;
        break;
    case ACT_LRELU: {
        /* x * 1 == x exactly: the same values as a branch, but gcc
         * vectorises the indexed factor, not x > 0 ? x : slope * x. */
        const float factor[2] = {LEAKY_RELU_SLOPE, 1.0f};
        for (size_t i = 0; i < n; i++)
            x[i] *= factor[x[i] > 0.0f];
        break;
    }
    case ACT_TANH:
        for (size_t i = 0; i < n; i++)
            x[i] = tanhf(x[i]);
        break;
    }
}

void activation_backward(act_kind act, const float *y, float *d, size_t n)
{
    switch (act) {
    case ACT_NONE:
        break;
    case ACT_RELU:
        for (size_t i = 0; i < n; i++)
            d[i] = y[i] > 0.0f ? d[i] : 0.0f;
        break;
    case ACT_LRELU: {
        const float factor[2] = {LEAKY_RELU_SLOPE, 1.0f}; /* as above */
        for (size_t i = 0; i < n; i++)
            d[i] *= factor[y[i] > 0.0f];
        break;
    }
    case ACT_TANH:
        for (size_t i = 0; i < n; i++)
            d[i] *= 1.0f - y[i] * y[i];
        break;
    }
}
