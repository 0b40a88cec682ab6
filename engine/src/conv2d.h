/* conv2d.h: 2-D convolution, forward and backward, on one CHW image.
 * im2col + GEMM in bands of output rows, so the column matrix stays small
 * whatever the image size (a whole 7x7 im2col at 1024x1024 would be 13 GB);
 * 3x3 stride-1 convolutions can go through Winograd instead (winograd.h). */
#ifndef EDCG_CONV2D_H
#define EDCG_CONV2D_H

#include <stddef.h>

#include "exec.h"
#include "im2col.h"
#include "param.h"

typedef struct conv2d {
    int cin, cout, k, stride, pad;
    pad_mode mode;
    param *weight; /* [cout, cin, k, k] */
    param *bias;   /* [cout] */
} conv2d;

int conv2d_out_size(const conv2d *c, int in);
/* Floats of scratch forward and backward need for an h x w input. */
size_t conv2d_scratch_floats(const conv2d *c, const exec_ctx *e, int h, int w);

/* y [cout, ho, wo] = conv(x [cin, h, w]), without the bias: the layer adds
 * it in the same pass as its activation, or drops it before instance norm,
 * which subtracts it again. Scratch must hold conv2d_scratch_floats. */
void conv2d_forward(const conv2d *c, const float *x, int h, int w, float *y, exec_ctx *e);

/* Training keeps the column matrix from forward for the weight gradient, so
 * backward does not gather it again. Floats it takes for an h x w input: 0
 * when nothing is kept (the weight is frozen, a fast path needs no column
 * matrix, or it would exceed CONV2D_KEEP_COLS_MAX). */
#define CONV2D_KEEP_COLS_MAX ((size_t)16 << 20)
size_t conv2d_kept_cols_floats(const conv2d *c, const exec_ctx *e, int h, int w);

/* conv2d_forward, also leaving the column matrix in keep (NULL: nothing
 * kept; else conv2d_kept_cols_floats floats, not 0). */
void conv2d_forward_keep(const conv2d *c, const float *x, int h, int w, float *y, float *keep,
                         exec_ctx *e);

/* Given dy, accumulates the weight gradient (when it requires grad; the
 * layer takes the bias's) and,
 * if dx is not NULL, overwrites dx [cin, h, w] with the input gradient. */
void conv2d_backward(const conv2d *c, const float *x, int h, int w, const float *dy,
                     float *dx, exec_ctx *e);

/* conv2d_backward with the columns conv2d_forward_keep left in kept (NULL:
 * gathered again) for the same x and weights: the same arithmetic. */
void conv2d_backward_kept(const conv2d *c, const float *x, int h, int w, const float *dy,
                          const float *kept, float *dx, exec_ctx *e);

#endif
