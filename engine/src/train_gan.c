/* train_gan.c: phase 2, one ED-CycleGAN iteration (paper 3.2, Eq. 2-6).
 *
 * Images are independent (instance norm, no batch statistics), so each one
 * runs forward and backward on its own, in one of the trainer's lanes
 * (trainer_lane.h), and gradients accumulate with a 1/batch factor: the
 * same gradient as the batch mean, in the memory of one image per lane. The
 * two cycles (A->B->A, B->A->B) share only parameters, so each runs whole
 * before the next, and two generator tapes suffice.
 */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "layer_stack.h"
#include "losses.h"
#include "trainer.h"

static const float *disc_forward(edcg_trainer *t, trainer_lane *l, int domain, const float *x,
                                 int h, int w, size_t *count)
{
    if (layer_stack_forward(t->m->disc[domain], DISC_LAYERS, x, h, w, l->disc_tape, l->exec) ||
        layer_stack_reserve_grads(t->m->disc[domain], DISC_LAYERS, l->disc_tape, l->disc_grad))
        return NULL;
    const layer_tape *last = &l->disc_tape[DISC_LAYERS - 1];
    *count = (size_t)last->ho * last->wo;
    return last->a.data;
}

static double gan_loss(const edcg_trainer *t, const float *logits, size_t n, float label,
                       float scale, float *grad)
{
    return t->cfg.gan_loss == EDCG_GAN_LOG ? loss_bce_logits(logits, label, n, scale, grad)
                                           : loss_lsgan(logits, label, n, scale, grad);
}

static void add_into(float *y, const float *x, size_t n, float sign)
{
    for (size_t i = 0; i < n; i++)
        y[i] += sign * x[i];
}

typedef struct cycle_losses {
    double adv, cyc;
} cycle_losses;

/* s (one image of domain `dir`) -> fake = G_st(s) + s_edge -> rec = G_ts(fake)
 * + edge; fake is judged by D_t. `ed_s` is ED(s) in the ED variants.
 * Accumulates the generators' gradients and copies fake to `fake_out` for the
 * discriminators' step. */
static int run_cycle(edcg_trainer *t, trainer_lane *l, int dir, const float *s, const float *ed_s,
                     int h, int w, float batch_scale, float *fake_out, cycle_losses *out)
{
    edcg_model *m = t->m;
    const int variant = m->arch.variant, ed = variant_has_ed(variant);
    const int target = 1 - dir; /* A->B makes B images */
    const size_t count = (size_t)3 * h * w;
    generator_tape *g1 = &l->gen_tape[0], *g2 = &l->gen_tape[1];
    exec_ctx *e = l->exec;
    float *edge = l->edge.data, *fake = l->sum.data;

    if (ed) /* s_edge = s - ED(s), Eq. 2. */
        for (size_t i = 0; i < count; i++)
            edge[i] = s[i] - ed_s[i];
    if (generator_forward(&m->gen[dir], s, h, w, g1, e))
        return -1;
    memcpy(fake, generator_tape_output(g1), sizeof(float) * count);
    if (ed)
        add_into(fake, edge, count, 1.0f);
    memcpy(fake_out, fake, sizeof(float) * count);

    /* Cycle back (Eq. 4): s'' = G_ts(fake) + s_edge, or + t_edge of the fake. */
    if (generator_forward(&m->gen[1 - dir], fake, h, w, g2, e))
        return -1;
    float *rec = l->grad_tmp.data; /* reused below once rec's loss is taken */
    memcpy(rec, generator_tape_output(g2), sizeof(float) * count);
    if (variant == EDCG_VARIANT_ED) {
        add_into(rec, edge, count, 1.0f);
    } else if (variant == EDCG_VARIANT_ED_TEDGE) {
        if (generator_forward(&m->ed_block, fake, h, w, &l->ed_tape, e))
            return -1;
        add_into(rec, fake, count, 1.0f);
        add_into(rec, generator_tape_output(&l->ed_tape), count, -1.0f);
    }
    /* Eq. 5 with lambda (Eq. 6); d_rec in grad_out. */
    out->cyc = loss_l1(rec, s, count, t->cfg.lambda_cyc * batch_scale, l->grad_out.data);

    /* d fake = G_ts' backward of d_rec (+ the t_edge path) + D_t's backward. */
    if (generator_backward(&m->gen[1 - dir], g2, l->grad_out.data, l->grad_in.data, e))
        return -1;
    if (variant == EDCG_VARIANT_ED_TEDGE) {
        add_into(l->grad_in.data, l->grad_out.data, count, 1.0f);
        for (size_t i = 0; i < count; i++)
            l->grad_tmp.data[i] = -l->grad_out.data[i];
        if (generator_backward(&m->ed_block, &l->ed_tape, l->grad_tmp.data, l->grad_out.data,
                               e))
            return -1;
        add_into(l->grad_in.data, l->grad_out.data, count, 1.0f);
    }
    size_t n;
    const float *logits = disc_forward(t, l, target, fake, h, w, &n);
    if (!logits || fbuf_reserve(&l->disc_dy, n))
        return -1;
    out->adv = gan_loss(t, logits, n, 1.0f, batch_scale, l->disc_dy.data);
    layer_stack_backward(m->disc[target], DISC_LAYERS, l->disc_tape, l->disc_dy.data, NULL,
                         l->grad_out.data, l->disc_grad, e);
    add_into(l->grad_in.data, l->grad_out.data, count, 1.0f);

    /* G_st on a real image: its frozen encoder needs no input gradient. */
    return generator_backward(&m->gen[dir], g1, l->grad_in.data, NULL, e);
}

/* CycleGAN's identity term for G_st (lambda_identity > 0): on a real image
 * `real` of its target domain the output G_st(real) + real_edge should be
 * `real`, i.e. G_st(real) should be ED(real) (`ed_real`) in the ED variants
 * and `real` otherwise. It keeps a generator from recolouring what is already
 * right, e.g. from turning light backgrounds dark. Accumulates G_st's
 * gradients. */
static int run_identity(edcg_trainer *t, trainer_lane *l, int dir, const float *real,
                        const float *ed_real, int h, int w, float batch_scale, double *loss)
{
    edcg_model *m = t->m;
    const size_t count = (size_t)3 * h * w;
    generator_tape *g = &l->gen_tape[0];
    exec_ctx *e = l->exec;
    const float *want = variant_has_ed(m->arch.variant) ? ed_real : real;
    if (generator_forward(&m->gen[dir], real, h, w, g, e))
        return -1;
    const float scale = t->cfg.lambda_identity * t->cfg.lambda_cyc * batch_scale;
    *loss = loss_l1(generator_tape_output(g), want, count, scale, l->grad_out.data);
    return generator_backward(&m->gen[dir], g, l->grad_out.data, NULL, e);
}

static int reserve_lane_buffers(trainer_lane *l, size_t count)
{
    fbuf *per_image[] = {&l->edge, &l->sum, &l->grad_out, &l->grad_in, &l->grad_tmp,
                         &l->ed_rec[0], &l->ed_rec[1]};
    for (size_t i = 0; i < sizeof per_image / sizeof *per_image; i++)
        if (fbuf_reserve(per_image[i], count))
            return -1;
    return 0;
}

typedef struct batch_job {
    const edcg_batch *batch[2]; /* A, B */
    size_t count;               /* floats per image */
    float scale;                /* 1 / batch */
    double *loss; /* per image: [A->B adv, cyc, idt, B->A adv, cyc, idt] or [D_A, D_B] */
} batch_job;

static int generator_image(edcg_trainer *t, trainer_lane *l, int i, void *arg)
{
    const batch_job *j = arg;
    if (reserve_lane_buffers(l, j->count))
        return -1;
    const int h = j->batch[0]->h, w = j->batch[0]->w;
    const float *real[2] = {j->batch[0]->data + (size_t)i * j->count,
                            j->batch[1]->data + (size_t)i * j->count};
    /* ED of each real image, once: the cycle from it and the identity term
     * on it both need it; the ED-Block is frozen. */
    const float *ed_rec[2] = {NULL, NULL};
    if (variant_has_ed(t->m->arch.variant))
        for (int d = 0; d < 2; d++) {
            if (generator_forward(&t->m->ed_block, real[d], h, w, &l->ed_tape, l->exec))
                return -1;
            memcpy(l->ed_rec[d].data, generator_tape_output(&l->ed_tape),
                   sizeof(float) * j->count);
            ed_rec[d] = l->ed_rec[d].data;
        }
    for (int dir = 0; dir < 2; dir++) {
        const int src = dir == EDCG_A_TO_B ? 0 : 1, own = 1 - src;
        /* The fake of A->B is an image of domain B. */
        float *fake_slot = t->fakes[1 - dir].data + (size_t)i * j->count;
        cycle_losses c;
        if (run_cycle(t, l, dir, real[src], ed_rec[src], h, w, j->scale, fake_slot, &c))
            return -1;
        double *loss = &j->loss[6 * i + 3 * dir];
        loss[0] = c.adv;
        loss[1] = c.cyc;
        /* The A->B generator makes B images: its identity input is a real B. */
        if (t->cfg.lambda_identity > 0.0f &&
            run_identity(t, l, dir, real[own], ed_rec[own], h, w, j->scale, &loss[2]))
            return -1;
    }
    return 0;
}

edcg_status trainer_generator_gradients(edcg_trainer *t, const edcg_batch *a,
                                        const edcg_batch *b, edcg_gan_losses *losses,
                                        edcg_error *err)
{
    const size_t count = (size_t)3 * a->h * a->w;
    batch_job j = {{a, b}, count, 1.0f / (float)a->n, calloc((size_t)a->n * 6, sizeof(double))};
    if (!j.loss || fbuf_reserve(&t->fakes[0], count * a->n) ||
        fbuf_reserve(&t->fakes[1], count * a->n)) {
        free(j.loss);
        return edcg_fail(err, EDCG_ERR_NOMEM, "out of memory for a %dx%d training batch of %d",
                         a->w, a->h, a->n);
    }
    trainer_select_group(t, GROUP_G);
    const int rc = trainer_lanes_run(t, a->n, generator_image, &j);
    double adv[2] = {0, 0}, cyc[2] = {0, 0}, idt[2] = {0, 0};
    for (int i = 0; i < a->n; i++)
        for (int dir = 0; dir < 2; dir++) {
            adv[dir] += j.loss[6 * i + 3 * dir] * j.scale;
            cyc[dir] += j.loss[6 * i + 3 * dir + 1] * j.scale;
            idt[dir] += j.loss[6 * i + 3 * dir + 2] * j.scale;
        }
    free(j.loss);
    if (rc)
        return edcg_fail(err, EDCG_ERR_NOMEM, "out of memory in a training step");
    losses->g_adv_a2b = (float)adv[EDCG_A_TO_B];
    losses->g_adv_b2a = (float)adv[EDCG_B_TO_A];
    losses->cyc_a = (float)cyc[EDCG_A_TO_B];
    losses->cyc_b = (float)cyc[EDCG_B_TO_A];
    losses->idt_a2b = (float)idt[EDCG_A_TO_B];
    losses->idt_b2a = (float)idt[EDCG_B_TO_A];
    losses->g_total = (float)(adv[0] + adv[1] + t->cfg.lambda_cyc * (cyc[0] + cyc[1]) +
                              t->cfg.lambda_identity * t->cfg.lambda_cyc * (idt[0] + idt[1]));
    return EDCG_OK;
}

/* One half of CycleGAN's discriminator loss: 0.5 * loss(D(x), label). */
static int disc_half(edcg_trainer *t, trainer_lane *l, int domain, const float *x, int h, int w,
                     float label, float scale, double *loss)
{
    size_t n;
    const float *logits = disc_forward(t, l, domain, x, h, w, &n);
    if (!logits || fbuf_reserve(&l->disc_dy, n))
        return -1;
    *loss += 0.5 * gan_loss(t, logits, n, label, 0.5f * scale, l->disc_dy.data);
    layer_stack_backward(t->m->disc[domain], DISC_LAYERS, l->disc_tape, l->disc_dy.data, NULL,
                         NULL, l->disc_grad, l->exec);
    return 0;
}

/* D_A and D_B have separate weights, so judging image i by both in one lane
 * adds each one's gradients in image order, as a loop over domains would. */
static int discriminator_image(edcg_trainer *t, trainer_lane *l, int i, void *arg)
{
    const batch_job *j = arg;
    const edcg_batch *b0 = j->batch[0];
    for (int domain = 0; domain < 2; domain++) {
        const float *real = j->batch[domain]->data + (size_t)i * j->count;
        const float *fake = t->pooled[domain].data + (size_t)i * j->count;
        double *loss = &j->loss[2 * i + domain];
        if (disc_half(t, l, domain, real, b0->h, b0->w, 1.0f, j->scale, loss) ||
            disc_half(t, l, domain, fake, b0->h, b0->w, 0.0f, j->scale, loss))
            return -1;
    }
    return 0;
}

edcg_status trainer_discriminator_gradients(edcg_trainer *t, const edcg_batch *a,
                                            const edcg_batch *b, edcg_gan_losses *losses,
                                            edcg_error *err)
{
    const size_t count = (size_t)3 * a->h * a->w;
    batch_job j = {{a, b}, count, 1.0f / (float)a->n, calloc((size_t)a->n * 2, sizeof(double))};
    int rc = !j.loss || fbuf_reserve(&t->pooled[0], count * a->n) ||
             fbuf_reserve(&t->pooled[1], count * a->n);
    /* The fakes come from before the generators' update (CycleGAN computes
     * them once per iteration), through the image pool; drawn in a fixed
     * order before the lanes start, so the pool and RNG do not depend on
     * the thread count. */
    for (int domain = 0; domain < 2 && !rc; domain++)
        for (int i = 0; i < a->n && !rc; i++)
            rc = image_pool_query(&t->pool[domain], &t->rng,
                                  t->fakes[domain].data + (size_t)i * count, count,
                                  t->pooled[domain].data + (size_t)i * count);
    if (!rc) {
        trainer_select_group(t, GROUP_D);
        rc = trainer_lanes_run(t, a->n, discriminator_image, &j);
    }
    double loss[2] = {0, 0};
    for (int i = 0; i < a->n && !rc; i++)
        for (int domain = 0; domain < 2; domain++)
            loss[domain] += j.loss[2 * i + domain];
    free(j.loss);
    if (rc)
        return edcg_fail(err, EDCG_ERR_NOMEM, "out of memory in a training step");
    losses->d_a = (float)(loss[DOMAIN_A] * j.scale);
    losses->d_b = (float)(loss[DOMAIN_B] * j.scale);
    return EDCG_OK;
}
