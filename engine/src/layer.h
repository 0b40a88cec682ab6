/* layer.h: one entry of CycleGAN's notation (c7s1-64-R, ct3s2-128-R, c4s2-64-LR):
 * a convolution or transposed convolution, optional instance norm, optional
 * activation, forward and backward on one CHW image.
 *
 * A layer_tape records one forward pass for the backward pass. Its buffers
 * grow to the largest image seen and are reused, so a training loop
 * allocates only on its first step.
 */
#ifndef EDCG_LAYER_H
#define EDCG_LAYER_H

#include "activation.h"
#include "conv2d.h"
#include "conv_transpose2d.h"
#include "exec.h"
#include "fbuf.h"

typedef struct layer {
    int transposed;
    conv2d conv;               /* when !transposed */
    conv_transpose2d convt;    /* when transposed */
    int norm;                  /* instance norm after the convolution */
    act_kind act;
} layer;

typedef struct layer_tape {
    const float *x; /* the input, borrowed: must outlive the backward pass */
    int h, w, ho, wo;
    fbuf a;         /* output */
    fbuf n;         /* normalised pre-activation, kept only when norm and act are both on */
    fbuf rstd;
    fbuf col;       /* storage of the convolution's kept column matrix */
    const float *cols; /* col.data when the last forward kept it, else NULL */
} layer_tape;

int layer_cin(const layer *l);
int layer_cout(const layer *l);
int layer_out_size(const layer *l, int in);
size_t layer_scratch_floats(const layer *l, const exec_ctx *e, int h, int w);

/* Inference: y [cout, ho, wo] = layer(x) (+ residual, when not NULL: the
 * residual block's sum, fused into the same pass); no tape. The context's
 * scratch grows as needed. Returns 0, or -1 when out of memory. */
int layer_apply(const layer *l, const float *x, int h, int w, float *y, const float *residual,
                exec_ctx *e);

/* Training: like layer_apply, recording what backward needs. */
int layer_forward(const layer *l, const float *x, int h, int w, layer_tape *t, exec_ctx *e);

/* da: gradient of the output, overwritten. dx (may be NULL): receives the
 * input gradient. Parameter gradients accumulate where they require grad. */
void layer_backward(const layer *l, const layer_tape *t, float *da, float *dx, exec_ctx *e);

void layer_tape_free(layer_tape *t);

#endif
