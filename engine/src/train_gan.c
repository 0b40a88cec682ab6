/* train_gan.c: phase 2, one ED-CycleGAN iteration (paper 3.2, Eq. 2-6).
 *
 * Images are independent (instance norm, no batch statistics), so each one
 * runs forward and backward on its own and gradients accumulate with a
 * 1/batch factor: the same gradient as the batch mean, in the memory of
 * one image. The two cycles (A->B->A, B->A->B) share only parameters, so
 * each runs whole before the next, and two generator tapes suffice.
 */
#include <string.h>

#include "error.h"
#include "layer_stack.h"
#include "losses.h"
#include "trainer.h"

static const float *disc_forward(edcg_trainer *t, int domain, const float *x, int h, int w,
                                 size_t *count)
{
    if (layer_stack_forward(t->m->disc[domain], DISC_LAYERS, x, h, w, t->disc_tape, &t->exec) ||
        layer_stack_reserve_grads(t->m->disc[domain], DISC_LAYERS, t->disc_tape, t->disc_grad))
        return NULL;
    const layer_tape *last = &t->disc_tape[DISC_LAYERS - 1];
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
 * + edge; fake is judged by D_t. Accumulates the generators' gradients and
 * copies fake to `fake_out` for the discriminators' step. */
static int run_cycle(edcg_trainer *t, int dir, const float *s, int h, int w, float batch_scale,
                     float *fake_out, cycle_losses *out)
{
    edcg_model *m = t->m;
    const int variant = m->arch.variant, ed = variant_has_ed(variant);
    const int target = 1 - dir; /* A->B makes B images */
    const size_t count = (size_t)3 * h * w;
    generator_tape *g1 = &t->gen_tape[0], *g2 = &t->gen_tape[1];
    float *edge = t->edge.data, *fake = t->sum.data;

    if (ed) { /* s_edge = s - ED(s), Eq. 2; the ED-Block is frozen. */
        if (generator_forward(&m->ed_block, s, h, w, &t->ed_tape, &t->exec))
            return -1;
        const float *rec = generator_tape_output(&t->ed_tape);
        for (size_t i = 0; i < count; i++)
            edge[i] = s[i] - rec[i];
    }
    if (generator_forward(&m->gen[dir], s, h, w, g1, &t->exec))
        return -1;
    memcpy(fake, generator_tape_output(g1), sizeof(float) * count);
    if (ed)
        add_into(fake, edge, count, 1.0f);
    memcpy(fake_out, fake, sizeof(float) * count);

    /* Cycle back (Eq. 4): s'' = G_ts(fake) + s_edge, or + t_edge of the fake. */
    if (generator_forward(&m->gen[1 - dir], fake, h, w, g2, &t->exec))
        return -1;
    float *rec = t->grad_tmp.data; /* reused below once rec's loss is taken */
    memcpy(rec, generator_tape_output(g2), sizeof(float) * count);
    if (variant == EDCG_VARIANT_ED) {
        add_into(rec, edge, count, 1.0f);
    } else if (variant == EDCG_VARIANT_ED_TEDGE) {
        if (generator_forward(&m->ed_block, fake, h, w, &t->ed_tape, &t->exec))
            return -1;
        add_into(rec, fake, count, 1.0f);
        add_into(rec, generator_tape_output(&t->ed_tape), count, -1.0f);
    }
    /* Eq. 5 with lambda (Eq. 6); d_rec in grad_out. */
    out->cyc = loss_l1(rec, s, count, t->cfg.lambda_cyc * batch_scale, t->grad_out.data);

    /* d fake = G_ts' backward of d_rec (+ the t_edge path) + D_t's backward. */
    if (generator_backward(&m->gen[1 - dir], g2, t->grad_out.data, t->grad_in.data, &t->exec))
        return -1;
    if (variant == EDCG_VARIANT_ED_TEDGE) {
        add_into(t->grad_in.data, t->grad_out.data, count, 1.0f);
        for (size_t i = 0; i < count; i++)
            t->grad_tmp.data[i] = -t->grad_out.data[i];
        if (generator_backward(&m->ed_block, &t->ed_tape, t->grad_tmp.data, t->grad_out.data,
                               &t->exec))
            return -1;
        add_into(t->grad_in.data, t->grad_out.data, count, 1.0f);
    }
    size_t n;
    const float *logits = disc_forward(t, target, fake, h, w, &n);
    if (!logits || fbuf_reserve(&t->disc_dy, n))
        return -1;
    out->adv = gan_loss(t, logits, n, 1.0f, batch_scale, t->disc_dy.data);
    layer_stack_backward(m->disc[target], DISC_LAYERS, t->disc_tape, t->disc_dy.data, NULL,
                         t->grad_out.data, t->disc_grad, &t->exec);
    add_into(t->grad_in.data, t->grad_out.data, count, 1.0f);

    /* G_st on a real image: its frozen encoder needs no input gradient. */
    return generator_backward(&m->gen[dir], g1, t->grad_in.data, NULL, &t->exec);
}

static int reserve_image_buffers(edcg_trainer *t, int n, size_t count)
{
    fbuf *per_image[] = {&t->edge, &t->sum, &t->grad_out, &t->grad_in, &t->grad_tmp};
    for (size_t i = 0; i < sizeof per_image / sizeof *per_image; i++)
        if (fbuf_reserve(per_image[i], count))
            return -1;
    return fbuf_reserve(&t->fakes[0], count * n) || fbuf_reserve(&t->fakes[1], count * n);
}

edcg_status trainer_generator_gradients(edcg_trainer *t, const edcg_batch *a,
                                        const edcg_batch *b, edcg_gan_losses *losses,
                                        edcg_error *err)
{
    const size_t count = (size_t)3 * a->h * a->w;
    const float scale = 1.0f / (float)a->n;
    if (reserve_image_buffers(t, a->n, count))
        return edcg_fail(err, EDCG_ERR_NOMEM, "out of memory for a %dx%d training batch of %d",
                         a->w, a->h, a->n);
    trainer_select_group(t, GROUP_G);
    double adv[2] = {0, 0}, cyc[2] = {0, 0};
    for (int i = 0; i < a->n; i++)
        for (int dir = 0; dir < 2; dir++) {
            const edcg_batch *src = dir == EDCG_A_TO_B ? a : b;
            cycle_losses c;
            /* The fake of A->B is an image of domain B. */
            float *fake_slot = t->fakes[1 - dir].data + (size_t)i * count;
            if (run_cycle(t, dir, src->data + (size_t)i * count, a->h, a->w, scale, fake_slot, &c))
                return edcg_fail(err, EDCG_ERR_NOMEM, "out of memory in a training step");
            adv[dir] += c.adv * scale;
            cyc[dir] += c.cyc * scale;
        }
    losses->g_adv_a2b = (float)adv[EDCG_A_TO_B];
    losses->g_adv_b2a = (float)adv[EDCG_B_TO_A];
    losses->cyc_a = (float)cyc[EDCG_A_TO_B];
    losses->cyc_b = (float)cyc[EDCG_B_TO_A];
    losses->g_total = (float)(adv[0] + adv[1] + t->cfg.lambda_cyc * (cyc[0] + cyc[1]));
    return EDCG_OK;
}

/* One half of CycleGAN's discriminator loss: 0.5 * loss(D(x), label). */
static int disc_half(edcg_trainer *t, int domain, const float *x, int h, int w, float label,
                     float scale, double *loss)
{
    size_t n;
    const float *logits = disc_forward(t, domain, x, h, w, &n);
    if (!logits || fbuf_reserve(&t->disc_dy, n))
        return -1;
    *loss += 0.5 * gan_loss(t, logits, n, label, 0.5f * scale, t->disc_dy.data);
    layer_stack_backward(t->m->disc[domain], DISC_LAYERS, t->disc_tape, t->disc_dy.data, NULL,
                         NULL, t->disc_grad, &t->exec);
    return 0;
}

edcg_status trainer_discriminator_gradients(edcg_trainer *t, const edcg_batch *a,
                                            const edcg_batch *b, edcg_gan_losses *losses,
                                            edcg_error *err)
{
    const size_t count = (size_t)3 * a->h * a->w;
    const float scale = 1.0f / (float)a->n;
    trainer_select_group(t, GROUP_D);
    double loss[2] = {0, 0};
    for (int domain = 0; domain < 2; domain++) {
        const edcg_batch *real = domain == DOMAIN_A ? a : b;
        for (int i = 0; i < a->n; i++) {
            /* The fakes come from before the generators' update (CycleGAN
             * computes them once per iteration), through the image pool. */
            if (image_pool_query(&t->pool[domain], &t->rng, t->fakes[domain].data + (size_t)i * count,
                                 count, t->sum.data) ||
                disc_half(t, domain, real->data + (size_t)i * count, a->h, a->w, 1.0f, scale,
                          &loss[domain]) ||
                disc_half(t, domain, t->sum.data, a->h, a->w, 0.0f, scale, &loss[domain]))
                return edcg_fail(err, EDCG_ERR_NOMEM, "out of memory in a training step");
        }
    }
    losses->d_a = (float)(loss[DOMAIN_A] * scale);
    losses->d_b = (float)(loss[DOMAIN_B] * scale);
    return EDCG_OK;
}
