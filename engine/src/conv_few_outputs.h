/* conv_few_outputs.h: stride-1 convolution with very few output channels
 * (the decoder's last c7s1-3, the discriminator's c4s1-1), forward and
 * backward.
 *
 * im2col + GEMM is poor there: the column matrix has cin*k*k rows (3136 for
 * c7s1-3) and each of its entries meets only cout (3) weights, so the time
 * goes into writing and packing columns. Instead one GEMM per output
 * channel computes every tap's product at every input pixel,
 * Z[(o, tap)][pixel] = sum_c w[o, c, tap] x[c, pixel] (no im2col, k*k
 * multiply-adds per packed entry), and the output is the sum of the k*k
 * shifted planes of Z, with the layer's padding.
 */
#ifndef EDCG_CONV_FEW_OUTPUTS_H
#define EDCG_CONV_FEW_OUTPUTS_H

#include <stddef.h>

#include "conv2d.h"

int conv_few_outputs_applies(const conv2d *c);
size_t conv_few_outputs_scratch_floats(const conv2d *c, int h, int w);
/* y [cout, ho, wo] = conv(x), no bias. */
void conv_few_outputs_forward(const conv2d *c, const float *x, int h, int w, float *y,
                              exec_ctx *e);
/* Adds the weight gradient into dw (when not NULL) and overwrites dx
 * [cin, h, w] with the input gradient (when not NULL), given dy. */
void conv_few_outputs_backward(const conv2d *c, const float *x, int h, int w, const float *dy,
                               float *dw, float *dx, exec_ctx *e);

#endif
