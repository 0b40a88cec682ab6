/* bias.h: per-channel bias of a convolution, backward (the forward is fused into layer.c). */
#ifndef EDCG_BIAS_H
#define EDCG_BIAS_H

#include <stddef.h>

/* dbias[c] += sum_i dy[c][i], summed in double: a 1024x1024 plane of small
 * gradients loses digits in a float sum. */
void bias_backward(const float *dy, int channels, size_t plane, float *dbias);

#endif
