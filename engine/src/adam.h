/* adam.h: Adam exactly as torch.optim.Adam (no weight decay), which the
 * official CycleGAN uses with betas (0.5, 0.999). */
#ifndef EDCG_ADAM_H
#define EDCG_ADAM_H

#include <stddef.h>

typedef struct adam_config {
    float lr, beta1, beta2, eps;
} adam_config;

/* One update of n values at step t (1-based): m, v are the moments. */
void adam_update(const adam_config *c, long t, float *value, const float *grad, float *m,
                 float *v, size_t n);

#endif
