/* layer_stack.h: layers run one after another (the encoder, the
 * discriminator), forward and backward, with one tape per layer. */
#ifndef EDCG_LAYER_STACK_H
#define EDCG_LAYER_STACK_H

#include "layer.h"

/* Output: tapes[n-1].a. Returns 0, or -1 when out of memory. */
int layer_stack_forward(const layer *layers, int n, const float *x, int h, int w,
                        layer_tape *tapes, exec_ctx *e);

/* Gradient buffers big enough for any activation of the stack's last forward. */
int layer_stack_reserve_grads(const layer *layers, int n, const layer_tape *tapes, fbuf grad[2]);

/* dy: gradient of the output. extra (NULL, or n pointers each NULL or not):
 * gradients arriving at layer i's output from elsewhere (skip connections),
 * added before layer i's backward. dx (may be NULL) receives the input's
 * gradient; when it is NULL and no parameter of layers [0, k) requires grad,
 * the walk stops early. grad: from layer_stack_reserve_grads. */
void layer_stack_backward(const layer *layers, int n, const layer_tape *tapes,
                          const float *dy, const float *const *extra, float *dx,
                          fbuf grad[2], exec_ctx *e);

#endif
