#include "resblock.h"

#include <string.h>

int resblock_apply(const resblock *b, const float *x, int c, int h, int w, float *y,
                   float *tmp, exec_ctx *e)
{
    (void)c;
    /* The sum x + IN(conv2) is fused into conv2's normalisation pass. */
    if (layer_apply(&b->conv1, x, h, w, tmp, NULL, e) || layer_apply(&b->conv2, tmp, h, w, y, x, e))
        return -1;
    return 0;
}

int resblock_forward(const resblock *b, const float *x, int c, int h, int w, resblock_tape *t,
                     exec_ctx *e)
{
    const size_t count = (size_t)c * h * w;
    if (layer_forward(&b->conv1, x, h, w, &t->t1, e) ||
        layer_forward(&b->conv2, t->t1.a.data, h, w, &t->t2, e) ||
        fbuf_reserve(&t->y, count))
        return -1;
    const float *r = t->t2.a.data;
    for (size_t i = 0; i < count; i++)
        t->y.data[i] = x[i] + r[i];
    return 0;
}

void resblock_backward(const resblock *b, const resblock_tape *t, const float *dy, float *dx,
                       float *tmp, exec_ctx *e)
{
    const size_t count = (size_t)layer_cout(&b->conv2) * t->t2.ho * t->t2.wo;
    float *d2 = tmp, *d1 = tmp + count;
    memcpy(d2, dy, sizeof(float) * count);
    layer_backward(&b->conv2, &t->t2, d2, d1, e);
    layer_backward(&b->conv1, &t->t1, d1, dx, e);
    for (size_t i = 0; i < count; i++)
        dx[i] += dy[i];
}

void resblock_tape_free(resblock_tape *t)
{
    layer_tape_free(&t->t1);
    layer_tape_free(&t->t2);
    fbuf_free(&t->y);
}
