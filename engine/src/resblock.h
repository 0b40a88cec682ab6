/* resblock.h: the residual block of Johnson et al. as CycleGAN builds it:
 * reflect pad 1, conv3x3, IN, ReLU, reflect pad 1, conv3x3, IN, plus the input. */
#ifndef EDCG_RESBLOCK_H
#define EDCG_RESBLOCK_H

#include "layer.h"

typedef struct resblock {
    layer conv1, conv2;
} resblock;

typedef struct resblock_tape {
    layer_tape t1, t2;
    fbuf y; /* x + conv2 path */
} resblock_tape;

/* Inference: y = block(x); tmp holds c * h * w floats; y may not alias x. */
int resblock_apply(const resblock *b, const float *x, int c, int h, int w, float *y,
                   float *tmp, exec_ctx *e);

int resblock_forward(const resblock *b, const float *x, int c, int h, int w, resblock_tape *t,
                     exec_ctx *e);

/* dx = dL/dx from dy; tmp holds 2 * c * h * w floats; dx may not alias dy. */
void resblock_backward(const resblock *b, const resblock_tape *t, const float *dy, float *dx,
                       float *tmp, exec_ctx *e);

void resblock_tape_free(resblock_tape *t);

#endif
