#include "adam.h"

#include <math.h>

void adam_update(const adam_config *c, long t, float *value, const float *grad, float *m,
                 float *v, size_t n)
{
    /* torch: denom = sqrt(v) / sqrt(1 - b2^t) + eps; p -= lr / (1 - b1^t) * m / denom. */
    const double bc1 = 1.0 - pow(c->beta1, (double)t);
    const double bc2 = 1.0 - pow(c->beta2, (double)t);
    const float step = (float)(c->lr / bc1);
    const float sqrt_bc2 = (float)sqrt(bc2);
    const float b1 = c->beta1, b2 = c->beta2;
    for (size_t i = 0; i < n; i++) {
        float g = grad[i];
        m[i] = b1 * m[i] + (1.0f - b1) * g;
        v[i] = b2 * v[i] + (1.0f - b2) * g * g;
        float denom = sqrtf(v[i]) / sqrt_bc2 + c->eps;
        value[i] -= step * m[i] / denom;
    }
}
