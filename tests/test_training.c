/* Training works end to end on a tiny model: the ED-Block's recover loss
 * and the cycle losses fall over a few hundred steps (a sign error in any
 * gradient would make them rise), the learning-rate schedule follows
 * CycleGAN's, a run is deterministic for a seed, and bad batches are
 * refused. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "edcg.h"
#include "model.h"
#include "trainer.h"
#include "synthetic.h"

#define N 2
#define S 32

static double mean(const float *x, int n)
{
    double s = 0.0;
    for (int i = 0; i < n; i++)
        s += x[i];
    return s / n;
}

static void test_ed_block_recover_loss_falls(void)
{
    edcg_arch arch = {EDCG_VARIANT_ED, 8, 4, 1};
    edcg_model *m = edcg_model_new(&arch, 1, NULL);
    edcg_train_config c;
    edcg_train_config_default(&c);
    c.lr = 1e-3f; /* a tiny model on tiny data: a larger step keeps the test short */
    edcg_trainer *t = edcg_trainer_new(m, &c, NULL);
    rng r;
    rng_seed(&r, 3);
    float *x = malloc(sizeof(float) * N * 3 * S * S);
    float first[20], last[20];
    const int steps = 300;
    for (int i = 0; i < steps; i++) {
        synthetic_batch(&r, i % 2, N, S, S, x);
        edcg_batch b = {x, N, S, S};
        edcg_ed_losses l;
        CHECK(edcg_trainer_ed_step(t, &b, &l, NULL) == EDCG_OK);
        if (i < 20)
            first[i] = l.recover;
        if (i >= steps - 20)
            last[i - (steps - 20)] = l.recover;
    }
    printf("  recover loss: first 20 steps %.4f, last 20 %.4f\n", mean(first, 20), mean(last, 20));
    CHECK(mean(last, 20) < 0.5 * mean(first, 20));
    free(x);
    edcg_trainer_free(t);
    edcg_model_free(m);
}

static void run_gan(edcg_variant v, int steps, int threads, float *cyc_first, float *cyc_last,
                    edcg_model **out)
{
    edcg_arch arch = {v, 8, 4, 1};
    edcg_model *m = edcg_model_new(&arch, 2, NULL);
    edcg_train_config c;
    edcg_train_config_default(&c);
    c.lr = 1e-3f;
    c.pool_size = 4;
    c.threads = threads;
    edcg_trainer *t = edcg_trainer_new(m, &c, NULL);
    rng r;
    rng_seed(&r, 4);
    float *a = malloc(sizeof(float) * N * 3 * S * S), *b = malloc(sizeof(float) * N * 3 * S * S);
    double first = 0.0, last = 0.0;
    for (int i = 0; i < steps; i++) {
        synthetic_batch(&r, 0, N, S, S, a);
        synthetic_batch(&r, 1, N, S, S, b);
        edcg_batch ba = {a, N, S, S}, bb = {b, N, S, S};
        edcg_gan_losses l;
        edcg_error err;
        CHECK_MSG(edcg_trainer_gan_step(t, &ba, &bb, &l, &err) == EDCG_OK, "%s", err.message);
        if (i < 10)
            first += (l.cyc_a + l.cyc_b) / 20.0;
        if (i >= steps - 10)
            last += (l.cyc_a + l.cyc_b) / 20.0;
    }
    *cyc_first = (float)first;
    *cyc_last = (float)last;
    free(a);
    free(b);
    edcg_trainer_free(t);
    if (out)
        *out = m;
    else
        edcg_model_free(m);
}

static void test_cycle_loss_falls_for_every_variant(void)
{
    for (int v = 0; v < 4; v++) {
        float first, last;
        run_gan((edcg_variant)v, 120, 0, &first, &last, NULL);
        printf("  %s: cycle loss first 10 steps %.4f, last 10 %.4f\n",
               edcg_variant_name((edcg_variant)v), first, last);
        CHECK_MSG(last < 0.7f * first, "%s", edcg_variant_name((edcg_variant)v));
    }
}

static void test_training_is_deterministic_for_a_seed(void)
{
    float f1, l1, f2, l2;
    edcg_model *m1, *m2;
    run_gan(EDCG_VARIANT_ED, 8, 2, &f1, &l1, &m1);
    run_gan(EDCG_VARIANT_ED, 8, 2, &f2, &l2, &m2);
    CHECK(f1 == f2 && l1 == l2);
    int same = m1->nparams == m2->nparams;
    for (size_t i = 0; same && i < m1->nparams; i++)
        same = memcmp(m1->params[i].data, m2->params[i].data,
                      sizeof(float) * m1->params[i].numel) == 0;
    CHECK(same);
    edcg_model_free(m1);
    edcg_model_free(m2);
}

/* Splitting a batch across lanes (trainer_lane.h) only changes the order in
 * which per-image gradients are summed. Batch 3 with 2 threads gives lanes
 * of one and two images, with 3 threads three lanes, with 4 threads two
 * lanes of two threads each: every gradient of every group must stay within
 * float rounding of the one-thread gradients. (Weights after Adam steps
 * are no test of this: Adam turns the rounding noise of a gradient that is
 * zero in exact arithmetic, like a bias before instance norm, into a full
 * step.) */
static void grads_of(int threads, float **out, size_t *total)
{
    edcg_arch arch = {EDCG_VARIANT_ED, 8, 4, 1};
    edcg_model *m = edcg_model_new(&arch, 5, NULL);
    edcg_train_config c;
    edcg_train_config_default(&c);
    c.threads = threads;
    c.pool_size = 0;
    edcg_trainer *t = edcg_trainer_new(m, &c, NULL);
    enum { B = 3 };
    rng r;
    rng_seed(&r, 6);
    float *a = malloc(sizeof(float) * B * 3 * S * S), *b = malloc(sizeof(float) * B * 3 * S * S);
    synthetic_batch(&r, 0, B, S, S, a);
    synthetic_batch(&r, 1, B, S, S, b);
    edcg_batch ba = {a, B, S, S}, bb = {b, B, S, S};
    edcg_gan_losses l;
    edcg_ed_losses el;
    *total = 0;
    for (size_t p = 0; p < m->nparams; p++)
        *total += m->params[p].numel;
    float *g = *out = calloc(*total, sizeof(float));
    /* Each call zeroes and fills one group; keep each group after its call. */
    CHECK(trainer_ed_gradients(t, &ba, &el, NULL) == EDCG_OK);
    for (int group = GROUP_ED; group <= GROUP_D; group++) {
        if (group == GROUP_G)
            CHECK(trainer_generator_gradients(t, &ba, &bb, &l, NULL) == EDCG_OK);
        if (group == GROUP_D)
            CHECK(trainer_discriminator_gradients(t, &ba, &bb, &l, NULL) == EDCG_OK);
        size_t o = 0;
        for (size_t p = 0; p < m->nparams; p++) {
            if (param_group_of(&m->params[p]) == (param_group)group)
                memcpy(g + o, m->params[p].grad, sizeof(float) * m->params[p].numel);
            o += m->params[p].numel;
        }
    }
    free(a);
    free(b);
    edcg_trainer_free(t);
    edcg_model_free(m);
}

static void test_threads_change_only_rounding(void)
{
    float *ref, *g;
    size_t n, n2;
    grads_of(1, &ref, &n);
    double top = 0.0;
    for (size_t e = 0; e < n; e++)
        top = fabs(ref[e]) > top ? fabs(ref[e]) : top;
    CHECK(top > 0.0);
    for (int threads = 2; threads <= 4; threads++) {
        grads_of(threads, &g, &n2);
        CHECK(n == n2);
        double worst = 0.0;
        for (size_t e = 0; e < n; e++)
            worst = fabs(ref[e] - g[e]) > worst ? fabs(ref[e] - g[e]) : worst;
        printf("  %d threads: largest gradient difference from 1 thread %.3g (largest "
               "gradient %.3g)\n", threads, worst, top);
        CHECK(worst <= 1e-5 * top);
        free(g);
    }
    free(ref);
}

static void test_learning_rate_schedule_is_cyclegans(void)
{
    /* 200 epochs: 1.0 for epochs 0..99, then 1 - (e - 99) / 101. */
    CHECK_NEAR(edcg_lr_factor(0, 200), 1.0, 1e-12);
    CHECK_NEAR(edcg_lr_factor(99, 200), 1.0, 1e-12);
    CHECK_NEAR(edcg_lr_factor(100, 200), 1.0 - 1.0 / 101, 1e-12);
    CHECK_NEAR(edcg_lr_factor(199, 200), 1.0 / 101, 1e-12);
    CHECK_NEAR(edcg_lr_factor(1, 2), 0.5, 1e-12);
    for (int e = 1; e < 50; e++)
        CHECK(edcg_lr_factor(e, 50) <= edcg_lr_factor(e - 1, 50));
}

static void test_bad_batches_are_refused(void)
{
    edcg_arch arch = {EDCG_VARIANT_ED, 4, 4, 1};
    edcg_model *m = edcg_model_new(&arch, 1, NULL);
    edcg_trainer *t = edcg_trainer_new(m, NULL, NULL);
    float *x = calloc(3 * 64 * 64, sizeof(float));
    edcg_batch odd = {x, 1, 30, 32}, small = {x, 1, 16, 16}, good = {x, 1, 32, 32};
    edcg_error err = {""};
    CHECK(edcg_trainer_ed_step(t, &odd, NULL, &err) == EDCG_ERR_INVALID);
    CHECK(strstr(err.message, "multiples of 4") != NULL);
    CHECK(edcg_trainer_gan_step(t, &small, &small, NULL, &err) == EDCG_ERR_INVALID);
    edcg_batch other = {x, 1, 36, 32};
    CHECK(edcg_trainer_gan_step(t, &good, &other, NULL, &err) == EDCG_ERR_INVALID);
    free(x);
    edcg_trainer_free(t);
    edcg_model_free(m);

    arch.variant = EDCG_VARIANT_CYCLEGAN;
    m = edcg_model_new(&arch, 1, NULL);
    t = edcg_trainer_new(m, NULL, NULL);
    float *y = calloc(3 * 32 * 32, sizeof(float));
    edcg_batch b = {y, 1, 32, 32};
    CHECK(edcg_trainer_ed_step(t, &b, NULL, &err) == EDCG_ERR_INVALID);
    CHECK(strstr(err.message, "no ED-Block") != NULL);
    free(y);
    edcg_trainer_free(t);
    edcg_model_free(m);
}

int main(void)
{
    RUN_TEST(test_ed_block_recover_loss_falls);
    RUN_TEST(test_cycle_loss_falls_for_every_variant);
    RUN_TEST(test_training_is_deterministic_for_a_seed);
    RUN_TEST(test_threads_change_only_rounding);
    RUN_TEST(test_learning_rate_schedule_is_cyclegans);
    RUN_TEST(test_bad_batches_are_refused);
    TEST_EXIT();
}
