#include "layer.h"

#include <string.h>

#include "instance_norm.h"

int layer_cin(const layer *l)
{
    return l->transposed ? l->convt.cin : l->conv.cin;
}

int layer_cout(const layer *l)
{
    return l->transposed ? l->convt.cout : l->conv.cout;
}

int layer_out_size(const layer *l, int in)
{
    return l->transposed ? conv_transpose2d_out_size(&l->convt, in)
                         : conv2d_out_size(&l->conv, in);
}

size_t layer_scratch_floats(const layer *l, int h, int w)
{
    return l->transposed ? conv_transpose2d_scratch_floats(&l->convt, h, w)
                         : conv2d_scratch_floats(&l->conv, h, w);
}

/* conv -> norm -> act; n receives the normalised value and a the activated
 * one (a == n: in place, nothing kept). */
static void layer_run(const layer *l, const float *x, int h, int w, float *n, float *a,
                      float *rstd, float *scratch)
{
    const size_t plane = (size_t)layer_out_size(l, h) * layer_out_size(l, w);
    const size_t count = plane * layer_cout(l);
    if (l->transposed)
        conv_transpose2d_forward(&l->convt, x, h, w, n, scratch);
    else
        conv2d_forward(&l->conv, x, h, w, n, scratch);
    if (l->norm)
        instance_norm_forward(n, layer_cout(l), plane, n, rstd);
    if (a != n)
        memcpy(a, n, sizeof(float) * count);
    activation_forward(l->act, a, count);
}

int layer_apply(const layer *l, const float *x, int h, int w, float *y, fbuf *scratch)
{
    if (fbuf_reserve(scratch, layer_scratch_floats(l, h, w)))
        return -1;
    layer_run(l, x, h, w, y, y, NULL, scratch->data);
    return 0;
}

static int layer_keeps_n(const layer *l)
{
    /* Instance norm's backward needs its own output; after ReLU that is
     * lost, so it is kept. Without norm, or without activation, a suffices. */
    return l->norm && l->act != ACT_NONE;
}

int layer_forward(const layer *l, const float *x, int h, int w, layer_tape *t, fbuf *scratch)
{
    t->x = x;
    t->h = h;
    t->w = w;
    t->ho = layer_out_size(l, h);
    t->wo = layer_out_size(l, w);
    const size_t count = (size_t)t->ho * t->wo * layer_cout(l);
    if (fbuf_reserve(scratch, layer_scratch_floats(l, h, w)) || fbuf_reserve(&t->a, count) ||
        fbuf_reserve(&t->rstd, (size_t)layer_cout(l)))
        return -1;
    float *n = t->a.data;
    if (layer_keeps_n(l)) {
        if (fbuf_reserve(&t->n, count))
            return -1;
        n = t->n.data;
    }
    layer_run(l, x, h, w, n, t->a.data, t->rstd.data, scratch->data);
    return 0;
}

void layer_backward(const layer *l, const layer_tape *t, float *da, float *dx, fbuf *scratch)
{
    const size_t plane = (size_t)t->ho * t->wo;
    const int cout = layer_cout(l);
    activation_backward(l->act, t->a.data, da, plane * cout);
    if (l->norm)
        instance_norm_backward(layer_keeps_n(l) ? t->n.data : t->a.data, t->rstd.data, cout,
                               plane, da, da);
    /* The scratch was sized by layer_forward for the same image. */
    if (l->transposed)
        conv_transpose2d_backward(&l->convt, t->x, t->h, t->w, da, dx, scratch->data);
    else
        conv2d_backward(&l->conv, t->x, t->h, t->w, da, dx, scratch->data);
}

void layer_tape_free(layer_tape *t)
{
    fbuf_free(&t->a);
    fbuf_free(&t->n);
    fbuf_free(&t->rstd);
}
