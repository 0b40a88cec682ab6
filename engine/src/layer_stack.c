#include "layer_stack.h"

#include <string.h>

int layer_stack_forward(const layer *layers, int n, const float *x, int h, int w,
                        layer_tape *tapes, exec_ctx *e)
{
    for (int i = 0; i < n; i++) {
        if (layer_forward(&layers[i], x, h, w, &tapes[i], e))
            return -1;
        x = tapes[i].a.data;
        h = tapes[i].ho;
        w = tapes[i].wo;
    }
    return 0;
}

static size_t tape_out_floats(const layer *l, const layer_tape *t)
{
    return (size_t)layer_cout(l) * t->ho * t->wo;
}

static size_t tape_in_floats(const layer *l, const layer_tape *t)
{
    return (size_t)layer_cin(l) * t->h * t->w;
}

int layer_stack_reserve_grads(const layer *layers, int n, const layer_tape *tapes, fbuf grad[2])
{
    size_t most = 0;
    for (int i = 0; i < n; i++) {
        size_t in = tape_in_floats(&layers[i], &tapes[i]);
        size_t out = tape_out_floats(&layers[i], &tapes[i]);
        if (in > most) most = in;
        if (out > most) most = out;
    }
    return fbuf_reserve(&grad[0], most) || fbuf_reserve(&grad[1], most) ? -1 : 0;
}

static int layer_has_trainable(const layer *l)
{
    const param *w = l->transposed ? l->convt.weight : l->conv.weight;
    const param *b = l->transposed ? l->convt.bias : l->conv.bias;
    return param_grad(w) || param_grad(b);
}

void layer_stack_backward(const layer *layers, int n, const layer_tape *tapes,
                          const float *dy, const float *const *extra, float *dx,
                          fbuf grad[2], exec_ctx *e)
{
    /* Below the lowest layer that trains, only dx needs the walk. */
    int lowest = n;
    for (int i = 0; i < n; i++)
        if (layer_has_trainable(&layers[i])) {
            lowest = i;
            break;
        }
    int stop = dx ? 0 : lowest;
    if (stop >= n)
        return;

    float *cur = grad[0].data, *next = grad[1].data;
    memcpy(cur, dy, sizeof(float) * tape_out_floats(&layers[n - 1], &tapes[n - 1]));
    for (int i = n - 1; i >= stop; i--) {
        if (extra && extra[i]) {
            size_t count = tape_out_floats(&layers[i], &tapes[i]);
            for (size_t j = 0; j < count; j++)
                cur[j] += extra[i][j];
        }
        float *out = i == 0 ? dx : (i > stop ? next : NULL);
        layer_backward(&layers[i], &tapes[i], cur, out, e);
        float *t = cur;
        cur = next;
        next = t;
    }
}
