/* trainer.c: the trainer's state, its schedule and its Adam steps. The
 * training math lives in train_ed.c and train_gan.c. */
#include "trainer.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "blas.h"
#include "error.h"
#include "layer_stack.h"

void edcg_train_config_default(edcg_train_config *c)
{
    memset(c, 0, sizeof *c);
    c->lr = 2e-4f;
    c->beta1 = 0.5f;
    c->beta2 = 0.999f;
    c->lambda_cyc = 10.0f;
    c->gan_loss = EDCG_GAN_LSGAN;
    c->pool_size = 50;
    c->ed_epochs = 200;
    c->epochs = 200;
    c->seed = 1;
    c->threads = 0;
}

param_group param_group_of(const param *p)
{
    if (strncmp(p->name, "d_a.", 4) == 0 || strncmp(p->name, "d_b.", 4) == 0)
        return GROUP_D;
    if (strncmp(p->name, "g_ab.", 5) == 0 || strncmp(p->name, "g_ba.", 5) == 0)
        return GROUP_G;
    return GROUP_ED;
}

static edcg_status check_config(const edcg_train_config *c, edcg_error *err)
{
    if (!(c->lr > 0.0f && c->lr < 1.0f) || !(c->beta1 >= 0.0f && c->beta1 < 1.0f) ||
        !(c->beta2 >= 0.0f && c->beta2 < 1.0f) || !(c->lambda_cyc >= 0.0f) ||
        !isfinite(c->lambda_cyc) || !(c->lambda_identity >= 0.0f) ||
        !isfinite(c->lambda_identity))
        return edcg_fail(err, EDCG_ERR_INVALID, "learning rate, betas or lambda out of range");
    if (c->pool_size < 0 || c->pool_size > 10000 || c->epochs < 1 || c->ed_epochs < 0)
        return edcg_fail(err, EDCG_ERR_INVALID, "pool size or epoch counts out of range");
    if ((unsigned)c->gan_loss > EDCG_GAN_LOG)
        return edcg_fail(err, EDCG_ERR_INVALID, "unknown GAN loss %d", (int)c->gan_loss);
    return EDCG_OK;
}

edcg_trainer *edcg_trainer_new(edcg_model *m, const edcg_train_config *config, edcg_error *err)
{
    if (!m || !m->has_disc) {
        edcg_fail(err, EDCG_ERR_INVALID,
                  "training needs a model with discriminators (a new model, or a checkpoint)");
        return NULL;
    }
    edcg_train_config defaults;
    edcg_train_config_default(&defaults);
    if (!config)
        config = &defaults;
    if (check_config(config, err) || blas_load(err))
        return NULL;
    edcg_trainer *t = calloc(1, sizeof *t);
    size_t total = 0;
    if (t)
        t->offset = malloc(sizeof(size_t) * (m->nparams + 1));
    if (!t || !t->offset) {
        free(t);
        edcg_fail(err, EDCG_ERR_NOMEM, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < m->nparams; i++) {
        t->offset[i] = total;
        total += m->params[i].numel;
    }
    t->offset[m->nparams] = total;
    t->adam_m = calloc(total, sizeof(float));
    t->adam_v = calloc(total, sizeof(float));
    t->grads = calloc(total, sizeof(float));
    if (!t->adam_m || !t->adam_v || !t->grads) {
        edcg_trainer_free(t);
        edcg_fail(err, EDCG_ERR_NOMEM, "out of memory for training state (%zu parameters)",
                  total);
        return NULL;
    }
    t->m = m;
    t->cfg = *config;
    for (size_t i = 0; i < m->nparams; i++)
        m->params[i].grad = t->grads + t->offset[i];
    for (int g = 0; g < 3; g++)
        t->lr[g] = config->lr;
    t->pool[0].capacity = t->pool[1].capacity = config->pool_size;
    rng_seed(&t->rng, config->seed);
    if (exec_init(&t->exec, config->threads)) {
        edcg_trainer_free(t);
        edcg_fail(err, EDCG_ERR_RUNTIME, "cannot start %d training threads", config->threads);
        return NULL;
    }
    /* Without the cache (out of memory) training is the same, only slower. */
    t->exec.filters = filter_cache_new();
    return t;
}

void edcg_trainer_free(edcg_trainer *t)
{
    if (!t)
        return;
    if (t->m)
        for (size_t i = 0; i < t->m->nparams; i++) {
            t->m->params[i].grad = NULL;
            t->m->params[i].requires_grad = 0;
        }
    free(t->adam_m);
    free(t->adam_v);
    free(t->grads);
    free(t->offset);
    image_pool_free(&t->pool[0]);
    image_pool_free(&t->pool[1]);
    trainer_lanes_free(t);
    exec_free(&t->exec);
    fbuf *bufs[] = {&t->fakes[0], &t->fakes[1], &t->pooled[0], &t->pooled[1]};
    for (size_t i = 0; i < sizeof bufs / sizeof *bufs; i++)
        fbuf_free(bufs[i]);
    for (size_t i = 0; i < t->nextra; i++) {
        free(t->extra_keys[i]);
        free(t->extra_values[i]);
    }
    free(t->extra_keys);
    free(t->extra_values);
    free(t);
}

/* CycleGAN's 'linear' policy with n_epochs = n_epochs_decay = total / 2:
 * lr factor 1 - max(0, epoch + 1 - n_epochs) / (n_epochs_decay + 1). */
double edcg_lr_factor(int epoch, int total)
{
    int constant = (total + 1) / 2, decay = total - constant;
    int over = epoch + 1 - constant;
    double f = 1.0 - (over > 0 ? over : 0) / (double)(decay + 1);
    return f > 0.0 ? f : 0.0;
}

void edcg_trainer_set_epoch(edcg_trainer *t, int phase, int epoch)
{
    if (phase == 1) {
        t->lr[GROUP_ED] = t->cfg.lr * (float)edcg_lr_factor(epoch, t->cfg.ed_epochs);
    } else {
        float lr = t->cfg.lr * (float)edcg_lr_factor(epoch, t->cfg.epochs);
        t->lr[GROUP_G] = t->lr[GROUP_D] = lr;
    }
}

void trainer_select_group(edcg_trainer *t, param_group g)
{
    /* Every gradient computation starts here, after any change of weights
     * (Adam, loading, resuming): transformed filters are recomputed. */
    filter_cache_stale(t->exec.filters);
    for (size_t i = 0; i < t->m->nparams; i++) {
        param *p = &t->m->params[i];
        p->requires_grad = param_group_of(p) == g;
        if (p->requires_grad)
            memset(p->grad, 0, sizeof(float) * p->numel);
    }
}

void trainer_adam_step(edcg_trainer *t, param_group g)
{
    adam_config c = {t->lr[g], t->cfg.beta1, t->cfg.beta2, 1e-8f};
    long step = ++t->steps[g];
    for (size_t i = 0; i < t->m->nparams; i++) {
        param *p = &t->m->params[i];
        if (param_group_of(p) != g)
            continue;
        size_t o = t->offset[i];
        adam_update(&c, step, p->data, p->grad, t->adam_m + o, t->adam_v + o, p->numel);
    }
}

static edcg_status check_batch(const edcg_batch *x, int min_side, edcg_error *err)
{
    if (!x || !x->data || x->n < 1)
        return edcg_fail(err, EDCG_ERR_INVALID, "empty training batch");
    if (x->h % 4 || x->w % 4 || x->h < min_side || x->w < min_side || x->h > 8192 ||
        x->w > 8192)
        return edcg_fail(err, EDCG_ERR_INVALID,
                         "training images must be multiples of 4 and at least %d pixels a side "
                         "(got %dx%d)", min_side, x->w, x->h);
    return EDCG_OK;
}

edcg_status edcg_trainer_ed_step(edcg_trainer *t, const edcg_batch *x, edcg_ed_losses *losses,
                                 edcg_error *err)
{
    edcg_status s;
    if (!variant_has_ed(t->m->arch.variant))
        return edcg_fail(err, EDCG_ERR_INVALID, "variant %s has no ED-Block to train",
                         edcg_variant_name(t->m->arch.variant));
    if ((s = check_batch(x, 4, err)) || (s = trainer_ed_gradients(t, x, losses, err)))
        return s;
    trainer_adam_step(t, GROUP_ED);
    return EDCG_OK;
}

edcg_status edcg_trainer_gan_step(edcg_trainer *t, const edcg_batch *a, const edcg_batch *b,
                                  edcg_gan_losses *losses, edcg_error *err)
{
    edcg_status s;
    edcg_gan_losses local;
    if (!losses)
        losses = &local;
    /* The discriminator's four stride-2 layers and 4x4 head need 32 pixels. */
    if ((s = check_batch(a, 32, err)) || (s = check_batch(b, 32, err)))
        return s;
    if (a->n != b->n || a->h != b->h || a->w != b->w)
        return edcg_fail(err, EDCG_ERR_INVALID, "batches of A and B differ in size");
    if ((s = trainer_generator_gradients(t, a, b, losses, err)))
        return s;
    trainer_adam_step(t, GROUP_G);
    if ((s = trainer_discriminator_gradients(t, a, b, losses, err)))
        return s;
    trainer_adam_step(t, GROUP_D);
    return EDCG_OK;
}
