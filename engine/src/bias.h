/* bias.h: per-channel bias of a convolution, forward and backward. */
#ifndef EDCG_BIAS_H
#define EDCG_BIAS_H

#include <stddef.h>

/* y[c][i] += bias[c] for channels planes of `plane` floats. */
void bias_forward(float *y, const float *bias, int channels, size_t plane);
/* dbias[c] += sum_i dy[c][i], summed in double: a 1024x1024 plane of small
 * gradients loses digits in a float sum. */
void bias_backward(const float *dy, int channels, size_t plane, float *dbias);

#endif
