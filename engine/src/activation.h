/* activation.h: ReLU, LeakyReLU(0.2) and tanh, in place. Every backward works
 * from the activation's OUTPUT, so a layer keeps one tensor, not two:
 * ReLU and LeakyReLU keep the sign of their input, and tanh' = 1 - tanh^2. */
#ifndef EDCG_ACTIVATION_H
#define EDCG_ACTIVATION_H

#include <stddef.h>

typedef enum act_kind { ACT_NONE = 0, ACT_RELU, ACT_LRELU, ACT_TANH } act_kind;

#define LEAKY_RELU_SLOPE 0.2f

void activation_forward(act_kind act, float *x, size_t n);

/* d[i] *= act'(at output y[i]). */
void activation_backward(act_kind act, const float *y, float *d, size_t n);

#endif
