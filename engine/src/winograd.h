/* winograd.h: 3x3 stride-1 convolution by Winograd's minimal filtering
 * F(4x4, 3x3) (Lavin & Gray 2016): each 4x4 block of output comes from a
 * 6x6 block of input with 36 multiplications per channel pair instead of
 * 144, so the residual blocks (83% of the generator's work) need 4x fewer
 * multiply-adds. The 36 products are 36 independent GEMMs
 * [cout x cin] x [cin x tiles], shared among the threads by transform point.
 *
 * Rounding differs from the direct sum (the transforms scale by up to 8 and
 * 1/24); tests/test_winograd.c bounds the difference on realistic images.
 */
#ifndef EDCG_WINOGRAD_H
#define EDCG_WINOGRAD_H

#include <stddef.h>

#include "exec.h"
#include "im2col.h"

/* Whether a convolution has the shape Winograd handles: k 3, stride 1, pad 1. */
int winograd_applies(int k, int stride, int pad);

/* Floats of scratch winograd_conv3x3 needs for an h x w input. */
size_t winograd_scratch_floats(int cin, int cout, int h, int w);

/* y [cout, h, w] = conv3x3(x [cin, h, w]) with padding 1 of the given mode,
 * no bias. weight: [cout, cin, 3, 3]. Uses e->scratch (sized as above). */
void winograd_conv3x3(const float *weight, int cin, int cout, pad_mode mode, const float *x,
                      int h, int w, float *y, exec_ctx *e);

/* Floats of scratch winograd_conv3x3_backward needs for an h x w input. */
size_t winograd_backward_scratch_floats(int cin, int cout, int h, int w);

/* Given dy [cout, h, w] of winograd_conv3x3 on x, adds the weight gradient
 * into dw (when not NULL) and overwrites dx [cin, h, w] with the input
 * gradient (when not NULL). Uses e->scratch (sized as above). */
void winograd_conv3x3_backward(const float *weight, int cin, int cout, pad_mode mode,
                               const float *x, int h, int w, const float *dy, float *dw,
                               float *dx, exec_ctx *e);

#endif
