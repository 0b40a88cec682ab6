/* conv_transpose2d.h: 2-D transposed convolution (the decoder's upsampling),
 * forward and backward, on one CHW image: GEMM + col2im in bands of input rows. */
#ifndef EDCG_CONV_TRANSPOSE2D_H
#define EDCG_CONV_TRANSPOSE2D_H

#include <stddef.h>

#include "exec.h"
#include "param.h"

typedef struct conv_transpose2d {
    int cin, cout, k, stride, pad, output_pad;
    param *weight; /* [cin, cout, k, k], PyTorch's ConvTranspose2d layout */
    param *bias;   /* [cout] */
} conv_transpose2d;

int conv_transpose2d_out_size(const conv_transpose2d *c, int in);
size_t conv_transpose2d_scratch_floats(const conv_transpose2d *c, int h, int w);
/* y = convT(x), without the bias (the layer adds it, or drops it before
 * instance norm). Scratch must hold conv_transpose2d_scratch_floats. */
void conv_transpose2d_forward(const conv_transpose2d *c, const float *x, int h, int w,
                              float *y, exec_ctx *e);
void conv_transpose2d_backward(const conv_transpose2d *c, const float *x, int h, int w,
                               const float *dy, float *dx, exec_ctx *e);

#endif
