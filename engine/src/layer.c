#include "layer.h"

#include <string.h>

#include "bias.h"
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

size_t layer_scratch_floats(const layer *l, const exec_ctx *e, int h, int w)
{
    return l->transposed ? conv_transpose2d_scratch_floats(&l->convt, h, w)
                         : conv2d_scratch_floats(&l->conv, e, h, w);
}

static const param *layer_bias(const layer *l)
{
    return l->transposed ? l->convt.bias : l->conv.bias;
}

/* What follows the convolution, one channel per task: bias (dropped before
 * instance norm, whose mean subtraction removes it exactly), norm,
 * activation, residual. One pass over memory instead of four. */
typedef struct post_job {
    const layer *l;
    size_t plane;
    float *n, *a, *rstd;   /* n: conv output, normalised in place; a: activated */
    const float *residual; /* added after the activation, or NULL */
} post_job;

static void post_channels(void *arg, int part, int c0, int c1)
{
    const post_job *j = arg;
    const act_kind act = j->l->act;
    const float *bias = layer_bias(j->l)->data;
    (void)part;
    for (int c = c0; c < c1; c++) {
        float *n = j->n + c * j->plane, *a = j->a + c * j->plane;
        const float *res = j->residual ? j->residual + c * j->plane : NULL;
        float shift = -bias[c], scale = 1.0f;
        if (j->l->norm) {
            instance_norm_stats(n, j->plane, &shift, &scale);
            if (j->rstd)
                j->rstd[c] = scale;
        }
        /* Separate simple loops, so each one vectorises. */
        for (size_t i = 0; i < j->plane; i++)
            n[i] = (n[i] - shift) * scale;
        if (a != n)
            memcpy(a, n, sizeof(float) * j->plane);
        activation_forward(act, a, j->plane);
        if (res)
            for (size_t i = 0; i < j->plane; i++)
                a[i] += res[i];
    }
}

/* conv -> norm -> act (+ residual); n receives the normalised value and a
 * the activated one (a == n: in place, nothing kept). */
static void layer_run(const layer *l, const float *x, int h, int w, float *n, float *a,
                      float *rstd, const float *residual, float *keep_cols, exec_ctx *e)
{
    if (l->transposed)
        conv_transpose2d_forward(&l->convt, x, h, w, n, e);
    else
        conv2d_forward_keep(&l->conv, x, h, w, n, keep_cols, e);
    post_job j = {l, (size_t)layer_out_size(l, h) * layer_out_size(l, w), n, a, rstd, residual};
    exec_run(e, layer_cout(l), post_channels, &j);
}

int layer_apply(const layer *l, const float *x, int h, int w, float *y, const float *residual,
                exec_ctx *e)
{
    if (fbuf_reserve(&e->scratch, layer_scratch_floats(l, e, h, w)))
        return -1;
    layer_run(l, x, h, w, y, y, NULL, residual, NULL, e);
    return 0;
}

static int layer_keeps_n(const layer *l)
{
    /* Instance norm's backward needs its own output; after ReLU that is
     * lost, so it is kept. Without norm, or without activation, a suffices. */
    return l->norm && l->act != ACT_NONE;
}

int layer_forward(const layer *l, const float *x, int h, int w, layer_tape *t, exec_ctx *e)
{
    t->x = x;
    t->h = h;
    t->w = w;
    t->ho = layer_out_size(l, h);
    t->wo = layer_out_size(l, w);
    const size_t count = (size_t)t->ho * t->wo * layer_cout(l);
    if (fbuf_reserve(&e->scratch, layer_scratch_floats(l, e, h, w)) ||
        fbuf_reserve(&t->a, count) || fbuf_reserve(&t->rstd, (size_t)layer_cout(l)))
        return -1;
    float *n = t->a.data;
    if (layer_keeps_n(l)) {
        if (fbuf_reserve(&t->n, count))
            return -1;
        n = t->n.data;
    }
    /* A trained convolution keeps its columns for the weight gradient. */
    const size_t kept = l->transposed ? 0 : conv2d_kept_cols_floats(&l->conv, e, h, w);
    float *keep = NULL;
    t->cols = NULL;
    if (kept) {
        if (fbuf_reserve(&t->col, kept))
            return -1;
        keep = t->col.data;
    }
    layer_run(l, x, h, w, n, t->a.data, t->rstd.data, NULL, keep, e);
    t->cols = keep;
    return 0;
}

/* The backward of post_channels, one channel per task, bias gradient included. */
typedef struct post_back_job {
    const layer *l;
    const layer_tape *t;
    size_t plane;
    float *da, *db;
} post_back_job;

static void post_back_channels(void *arg, int part, int c0, int c1)
{
    const post_back_job *j = arg;
    const layer *l = j->l;
    (void)part;
    for (int c = c0; c < c1; c++) {
        const size_t off = c * j->plane;
        float *d = j->da + off;
        activation_backward(l->act, j->t->a.data + off, d, j->plane);
        if (l->norm) {
            const float *y = (layer_keeps_n(l) ? j->t->n.data : j->t->a.data) + off;
            instance_norm_backward_plane(y, j->t->rstd.data[c], j->plane, d, d);
        }
        if (j->db)
            bias_backward(d, 1, j->plane, j->db + c);
    }
}

void layer_backward(const layer *l, const layer_tape *t, float *da, float *dx, exec_ctx *e)
{
    post_back_job j = {l, t, (size_t)t->ho * t->wo, da, exec_param_grad(e, layer_bias(l))};
    exec_run(e, layer_cout(l), post_back_channels, &j);
    /* The scratch was sized by layer_forward for the same image. */
    if (l->transposed)
        conv_transpose2d_backward(&l->convt, t->x, t->h, t->w, da, dx, e);
    else
        conv2d_backward_kept(&l->conv, t->x, t->h, t->w, da, t->cols, dx, e);
}

void layer_tape_free(layer_tape *t)
{
    fbuf_free(&t->a);
    fbuf_free(&t->n);
    fbuf_free(&t->rstd);
    fbuf_free(&t->col);
    t->cols = NULL;
}
