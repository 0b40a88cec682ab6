/* A whole small model's gradients agree with finite differences: the
 * generators' objective (Eq. 6, through both cycles, the edge maps, the
 * frozen encoder and the discriminators), the discriminators' objective,
 * and the ED-Block's recover loss, for every variant; and with the
 * identity term on, for ED-CycleGAN (through t_edge) and CycleGAN.
 *
 * A whole network has thousands of ReLUs and |x| terms, so any nudge of a
 * weight moves some of them across their kink: quotients over large steps
 * are off even for exact gradients, and converge as the step shrinks (seen
 * here: 1e-2 off by 30%, 1e-4 within 1%). So steps go down to 3e-5 (the
 * float loss then carries ~1e-3 of noise in the quotient), and an entry
 * passes when one of them agrees within 5e-3 + 3%. Even so an unlucky
 * entry can sit on a kink at every step: each tensor may miss 3 of its 6
 * sampled entries, and at most 10% of all entries may miss. A wrong sign,
 * a missing path or a wrong scale misses nearly every entry it touches. */
#include <stdlib.h>
#include <string.h>

#include "gradcheck.h"
#include "model.h"
#include "synthetic.h"
#include "trainer.h"

#define S 32

typedef struct objective {
    edcg_trainer *t;
    edcg_batch a, b;
    int which; /* 0: generators, 1: discriminators, 2: ED-Block */
} objective;

static double objective_value(void *ctx)
{
    objective *o = ctx;
    edcg_gan_losses l;
    edcg_ed_losses e;
    if (o->which == 2) {
        CHECK(trainer_ed_gradients(o->t, &o->a, &e, NULL) == EDCG_OK);
        return e.recover;
    }
    CHECK(trainer_generator_gradients(o->t, &o->a, &o->b, &l, NULL) == EDCG_OK);
    if (o->which == 0)
        return l.g_total;
    /* The pool holds nothing between calls here: its capacity is 0. */
    CHECK(trainer_discriminator_gradients(o->t, &o->a, &o->b, &l, NULL) == EDCG_OK);
    return l.d_a + l.d_b;
}

static const float whole_model_steps[] = {1e-3f, 3e-4f, 1e-4f, 3e-5f};
static const gradcheck_rule whole_model_rule = {whole_model_steps, 4, 5e-3, 3e-2, 3};

/* Checks a few entries of every param of `group`; counts misses. */
static void check_group(objective *o, param_group group, rng *r, int *misses, int *checked)
{
    edcg_model *m = o->t->m;
    objective_value(o); /* leaves the analytic gradients in p->grad */
    size_t n = m->nparams;
    float **saved = calloc(n, sizeof *saved);
    for (size_t i = 0; i < n; i++)
        if (param_group_of(&m->params[i]) == group) {
            saved[i] = malloc(sizeof(float) * m->params[i].numel);
            memcpy(saved[i], m->params[i].grad, sizeof(float) * m->params[i].numel);
        }
    for (size_t i = 0; i < n; i++)
        if (saved[i]) {
            char what[96];
            snprintf(what, sizeof what, "%s %s", edcg_variant_name(m->arch.variant),
                     m->params[i].name);
            *misses += gradcheck_with(&whole_model_rule, what, objective_value, o,
                                      m->params[i].data, saved[i], m->params[i].numel, 6, r);
            *checked += m->params[i].numel < 6 ? (int)m->params[i].numel : 6;
            free(saved[i]);
        }
    free(saved);
}

static void check_variant(edcg_variant v, float lambda_identity)
{
    edcg_arch arch = {v, 4, 4, 1};
    edcg_model *m = edcg_model_new(&arch, 31, NULL);
    /* Larger weights than N(0, 0.02), so every layer's gradient is well
     * above float noise. */
    rng r;
    rng_seed(&r, 8);
    for (size_t i = 0; i < m->nparams; i++)
        fill_uniform(&r, m->params[i].data, m->params[i].numel, -0.15f, 0.15f);
    edcg_train_config c;
    edcg_train_config_default(&c);
    c.pool_size = 0;
    c.lambda_identity = lambda_identity;
    objective o = {edcg_trainer_new(m, &c, NULL), {0}, {0}, 0};
    float *a = malloc(sizeof(float) * 3 * S * S), *b = malloc(sizeof(float) * 3 * S * S);
    synthetic_batch(&r, 0, 1, S, S, a);
    synthetic_batch(&r, 1, 1, S, S, b);
    o.a = (edcg_batch){a, 1, S, S};
    o.b = (edcg_batch){b, 1, S, S};
    int misses = 0, checked = 0;
    check_group(&o, GROUP_G, &r, &misses, &checked);
    o.which = 1;
    check_group(&o, GROUP_D, &r, &misses, &checked);
    if (variant_has_ed(v)) {
        o.which = 2;
        check_group(&o, GROUP_ED, &r, &misses, &checked);
    }
    printf("  %s, identity %g: %d of %d entries agree\n", edcg_variant_name(v), lambda_identity,
           checked - misses, checked);
    CHECK(misses * 10 <= checked);
    free(a);
    free(b);
    edcg_trainer_free(o.t);
    edcg_model_free(m);
}

static void test_ed_model_gradients(void) { check_variant(EDCG_VARIANT_ED, 0.0f); }
static void test_ed_tedge_model_gradients(void) { check_variant(EDCG_VARIANT_ED_TEDGE, 0.0f); }
static void test_cyclegan_model_gradients(void) { check_variant(EDCG_VARIANT_CYCLEGAN, 0.0f); }
static void test_skip_model_gradients(void) { check_variant(EDCG_VARIANT_SKIP, 0.0f); }
/* A large weight, so a wrong identity gradient cannot hide behind the rest. */
static void test_ed_identity_gradients(void) { check_variant(EDCG_VARIANT_ED, 5.0f); }
static void test_cyclegan_identity_gradients(void) { check_variant(EDCG_VARIANT_CYCLEGAN, 5.0f); }

int main(void)
{
    RUN_TEST(test_ed_model_gradients);
    RUN_TEST(test_ed_tedge_model_gradients);
    RUN_TEST(test_cyclegan_model_gradients);
    RUN_TEST(test_skip_model_gradients);
    RUN_TEST(test_ed_identity_gradients);
    RUN_TEST(test_cyclegan_identity_gradients);
    TEST_EXIT();
}
