#include "generator.h"

#include <stdlib.h>
#include <string.h>

#include "layer_stack.h"

const float *generator_tape_output(const generator_tape *t)
{
    return t->dec[DECODER_LAYERS - 1].a.data;
}

void generator_tape_free(generator_tape *t)
{
    for (int i = 0; i < ENCODER_LAYERS; i++)
        layer_tape_free(&t->enc[i]);
    for (int i = 0; i < t->res_count; i++)
        resblock_tape_free(&t->res[i]);
    free(t->res);
    for (int i = 0; i < DECODER_LAYERS; i++)
        layer_tape_free(&t->dec[i]);
    for (int i = 0; i < 2; i++)
        fbuf_free(&t->skip_sum[i]);
    for (int i = 0; i < 4; i++)
        fbuf_free(&t->grad[i]);
    memset(t, 0, sizeof *t);
}

static int tape_size_blocks(generator_tape *t, int nblocks)
{
    if (t->res_count >= nblocks)
        return 0;
    resblock_tape *r = realloc(t->res, sizeof *r * (size_t)nblocks);
    if (!r)
        return -1;
    memset(r + t->res_count, 0, sizeof *r * (size_t)(nblocks - t->res_count));
    t->res = r;
    t->res_count = nblocks;
    return 0;
}

static size_t tape_count(const layer *l, const layer_tape *t)
{
    return (size_t)layer_cout(l) * t->ho * t->wo;
}

/* x + y into a tape buffer: the decoder input when skips are on. */
static const float *add_skip(fbuf *sum, const float *x, const float *y, size_t count)
{
    if (fbuf_reserve(sum, count))
        return NULL;
    for (size_t i = 0; i < count; i++)
        sum->data[i] = x[i] + y[i];
    return sum->data;
}

int generator_forward(const generator *g, const float *x, int h, int w, generator_tape *t,
                      exec_ctx *e)
{
    t->h = h;
    t->w = w;
    if (tape_size_blocks(t, g->nblocks) ||
        layer_stack_forward(g->encoder, ENCODER_LAYERS, x, h, w, t->enc, e))
        return -1;
    const layer_tape *last = &t->enc[ENCODER_LAYERS - 1];
    const float *cur = last->a.data;
    int c = layer_cout(&g->encoder[ENCODER_LAYERS - 1]), rh = last->ho, rw = last->wo;
    for (int i = 0; i < g->nblocks; i++) {
        if (resblock_forward(&g->blocks[i], cur, c, rh, rw, &t->res[i], e))
            return -1;
        cur = t->res[i].y.data;
    }
    for (int i = 0; i < DECODER_LAYERS; i++) {
        if (layer_forward(&g->decoder[i], cur, rh, rw, &t->dec[i], e))
            return -1;
        cur = t->dec[i].a.data;
        rh = t->dec[i].ho;
        rw = t->dec[i].wo;
        /* up1 meets down1's output, up2 meets conv0's (paper 3.1, CycleGAN-Skip). */
        if (g->skip && i < 2) {
            const layer_tape *src = &t->enc[1 - i];
            cur = add_skip(&t->skip_sum[i], cur, src->a.data, tape_count(&g->decoder[i], &t->dec[i]));
            if (!cur)
                return -1;
        }
    }
    return 0;
}

/* grad[0], grad[1]: ping-pong gradients; grad[2]: resblock scratch and
 * the encoder's second buffer; grad[3]: the two skip gradients. */
static int generator_reserve_grads(const generator *g, generator_tape *t)
{
    size_t most = (size_t)3 * t->h * t->w;
    for (int i = 0; i < ENCODER_LAYERS; i++) {
        size_t n = tape_count(&g->encoder[i], &t->enc[i]);
        if (n > most) most = n;
    }
    for (int i = 0; i < DECODER_LAYERS; i++) {
        size_t n = tape_count(&g->decoder[i], &t->dec[i]);
        if (n > most) most = n;
    }
    if (fbuf_reserve(&t->grad[0], most) || fbuf_reserve(&t->grad[1], most) ||
        fbuf_reserve(&t->grad[2], 2 * most) || fbuf_reserve(&t->grad[3], 2 * most))
        return -1;
    return 0;
}

static int encoder_trains(const generator *g)
{
    for (int i = 0; i < ENCODER_LAYERS; i++) {
        const layer *l = &g->encoder[i];
        if (param_grad(l->conv.weight) || param_grad(l->conv.bias))
            return 1;
    }
    return 0;
}

int generator_backward(const generator *g, generator_tape *t, const float *dy, float *dx,
                       exec_ctx *e)
{
    if (generator_reserve_grads(g, t))
        return -1;
    float *cur = t->grad[0].data, *next = t->grad[1].data, *tmp = t->grad[2].data;
    float *skip_grad[2] = {t->grad[3].data, t->grad[3].data + t->grad[3].cap / 2};

    /* Decoder, top down. With skips, the gradient at up_i's sum also flows
     * to the encoder layer that was added there. */
    memcpy(cur, dy, sizeof(float) * 3 * (size_t)t->h * t->w);
    for (int i = DECODER_LAYERS - 1; i >= 0; i--) {
        if (g->skip && i < 2)
            memcpy(skip_grad[i], cur, sizeof(float) * tape_count(&g->decoder[i], &t->dec[i]));
        layer_backward(&g->decoder[i], &t->dec[i], cur, next, e);
        float *s = cur;
        cur = next;
        next = s;
    }
    for (int i = g->nblocks - 1; i >= 0; i--) {
        resblock_backward(&g->blocks[i], &t->res[i], cur, next, tmp, e);
        float *s = cur;
        cur = next;
        next = s;
    }
    if (!dx && !encoder_trains(g))
        return 0; /* a frozen encoder on a real image: nothing below needs a gradient */
    const float *extra[ENCODER_LAYERS] = {NULL, NULL, NULL};
    if (g->skip) {
        extra[0] = skip_grad[1];
        extra[1] = skip_grad[0];
    }
    fbuf pair[2] = {t->grad[2], {next, t->grad[1].cap}};
    layer_stack_backward(g->encoder, ENCODER_LAYERS, t->enc, cur, extra, dx, pair, e);
    return 0;
}
