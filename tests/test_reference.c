/* The engine agrees with the independent PyTorch reference
 * (tests/reference/, fixtures in tests/fixtures/): forward outputs of the
 * ED-Block, edge map, generators, discriminators, the translated image and
 * the cycle reconstruction of Eq. 4;
 * the gradients of one GAN iteration and of one ED-Block step; the weights
 * after one and two Adam steps. For every variant and both GAN losses.
 *
 * Tolerances (float32 on both sides, different summation orders):
 * - forward tensors: max |c - ref| <= 2e-4 (values of order 1);
 * - losses: relative 1e-4;
 * - gradients: max |c - ref| <= 1e-3 * max |ref| + 1e-5 per tensor. The
 *   biases of convolutions followed by instance norm have an exact gradient
 *   of 0 (the norm removes any constant), so both sides hold rounding noise
 *   there: only the 1e-5 absolute bound applies;
 * - weights after n Adam steps: |c - ref| <= 1e-6, except where Adam amplified
 *   noise (those biases, and any entry whose gradient is below 1e-4 of the
 *   tensor's largest, where float32 cancellation can flip the sign Adam
 *   acts on): there up to 2 * n * lr.
 */
#include <stdlib.h>
#include <string.h>

#include "blas.h"
#include "check.h"
#include "edcg.h"
#include "layer_stack.h"
#include "model.h"
#include "safetensors.h"
#include "trainer.h"

#define LR 2e-4

typedef struct fixture {
    char name[32];
    st_file io;
    edcg_model *model;
    int n, h, w;
} fixture;

static int open_fixture(fixture *fx, const char *name)
{
    char path[512];
    edcg_error err;
    memset(fx, 0, sizeof *fx);
    snprintf(fx->name, sizeof fx->name, "%s", name);
    snprintf(path, sizeof path, "%s/%s.io.safetensors", FIXTURES_DIR, name);
    if (st_read(path, 0, &fx->io, &err)) {
        fprintf(stderr, "%s\n", err.message);
        return -1;
    }
    snprintf(path, sizeof path, "%s/%s.model.safetensors", FIXTURES_DIR, name);
    fx->model = edcg_model_load(path, &err);
    if (!fx->model) {
        fprintf(stderr, "%s\n", err.message);
        st_free(&fx->io);
        return -1;
    }
    const st_tensor *a = st_find(&fx->io, "input.a");
    fx->n = (int)a->shape[0];
    fx->h = (int)a->shape[2];
    fx->w = (int)a->shape[3];
    return 0;
}

static void close_fixture(fixture *fx)
{
    st_free(&fx->io);
    edcg_model_free(fx->model);
}

/* A fixture tensor as F32 (malloc'ed), or NULL if absent. */
static float *tensor(const fixture *fx, const char *name, size_t *count)
{
    const st_tensor *t = st_find(&fx->io, name);
    if (!t)
        return NULL;
    float *d = malloc(sizeof(float) * (size_t)st_numel(t) + 1);
    st_to_f32(&fx->io, t, d);
    if (count)
        *count = (size_t)st_numel(t);
    return d;
}

static double max_abs(const float *x, size_t n)
{
    double m = 0.0;
    for (size_t i = 0; i < n; i++)
        if (fabs(x[i]) > m)
            m = fabs(x[i]);
    return m;
}

static double max_diff(const float *a, const float *b, size_t n)
{
    double m = 0.0;
    for (size_t i = 0; i < n; i++)
        if (fabs((double)a[i] - b[i]) > m || a[i] != a[i])
            m = a[i] != a[i] ? INFINITY : fabs((double)a[i] - b[i]);
    return m;
}

static void expect_close(const fixture *fx, const char *name, const float *got, size_t n,
                         double tol)
{
    size_t count;
    float *ref = tensor(fx, name, &count);
    CHECK_MSG(ref && count == n, "%s: %s missing or of size %zu, expected %zu", fx->name, name,
              ref ? count : 0, n);
    if (ref && count == n) {
        double d = max_diff(got, ref, n);
        CHECK_MSG(d <= tol, "%s: %s differs by %.3g (tolerance %.3g)", fx->name, name, d, tol);
    }
    free(ref);
}

static int is_bias_before_norm(const edcg_model *m, const param *p)
{
    /* conv biases whose layer has instance norm: their gradient is 0. */
    if (!strstr(p->name, ".bias"))
        return 0;
    char weight[PARAM_NAME_MAX];
    snprintf(weight, sizeof weight, "%.*s.weight", (int)(strlen(p->name) - 5), p->name);
    const param *w = model_find_param(m, weight);
    const layer *all[] = {m->encoder, m->ed_decoder, m->own_encoder[0], m->own_encoder[1],
                          m->decoder[0], m->decoder[1], m->disc[0], m->disc[1]};
    const int counts[] = {3, 3, 3, 3, 3, 3, DISC_LAYERS, DISC_LAYERS};
    for (int g = 0; g < 8; g++)
        for (int i = 0; i < counts[g]; i++) {
            const layer *l = &all[g][i];
            if ((l->transposed ? l->convt.weight : l->conv.weight) == w)
                return l->norm;
        }
    return strstr(p->name, ".res.") != NULL; /* both residual convs are normalised */
}

static void expect_grads(const fixture *fx, const char *prefix, param_group group)
{
    edcg_model *m = fx->model;
    int checked = 0;
    for (size_t i = 0; i < m->nparams; i++) {
        const param *p = &m->params[i];
        if (param_group_of(p) != group)
            continue;
        char name[96];
        snprintf(name, sizeof name, "%s%s", prefix, p->name);
        size_t count;
        float *ref = tensor(fx, name, &count);
        if (!ref)
            continue; /* frozen params have no reference gradient */
        CHECK(count == p->numel);
        double tol = is_bias_before_norm(m, p) ? 1e-5 : 1e-3 * max_abs(ref, count) + 1e-5;
        double d = max_diff(p->grad, ref, count);
        CHECK_MSG(d <= tol, "%s: %s differs by %.3g (tolerance %.3g)", fx->name, name, d, tol);
        free(ref);
        checked++;
    }
    CHECK_MSG(checked > 0, "%s: no %s gradients in the fixture", fx->name, prefix);
}

/* grads: the gradients that drove the steps (for choosing noisy entries). */
static void expect_params(const fixture *fx, const char *prefix, int steps, int only_group,
                          param_group group)
{
    edcg_model *m = fx->model;
    for (size_t i = 0; i < m->nparams; i++) {
        const param *p = &m->params[i];
        if (only_group && param_group_of(p) != group)
            continue;
        char name[96];
        snprintf(name, sizeof name, "%s%s", prefix, p->name);
        size_t count;
        float *ref = tensor(fx, name, &count);
        CHECK_MSG(ref && count == p->numel, "%s: %s missing", fx->name, name);
        if (!ref)
            continue;
        double noisy = 2.0 * steps * LR * 1.01;
        int bias_noise = is_bias_before_norm(m, p);
        double gmax = max_abs(p->grad, p->numel);
        size_t bad = 0;
        for (size_t j = 0; j < count; j++) {
            double d = fabs((double)p->data[j] - ref[j]);
            int amplified = bias_noise || fabs(p->grad[j]) <= 1e-4 * gmax;
            if (!(d <= 1e-6 || (amplified && d <= noisy)))
                bad++;
        }
        CHECK_MSG(bad == 0, "%s: %s has %zu of %zu values off (max diff %.3g)", fx->name, name,
                  bad, count, max_diff(p->data, ref, count));
        free(ref);
    }
}

/* The loss values `got` against the fixture's tensor `name`. */
static void expect_loss_values(const fixture *fx, const char *name, const float *got, int n)
{
    float *ref = tensor(fx, name, NULL);
    CHECK(ref != NULL);
    if (!ref)
        return;
    for (int i = 0; i < n; i++)
        CHECK_MSG(fabs(got[i] - ref[i]) <= 1e-4 * fabs(ref[i]) + 1e-6,
                  "%s: %s[%d] = %.7g, reference %.7g", fx->name, name, i, got[i], ref[i]);
    free(ref);
}

static void expect_losses(const fixture *fx, const char *name, const edcg_gan_losses *l)
{
    const float got[7] = {l->g_adv_a2b, l->g_adv_b2a, l->cyc_a, l->cyc_b, l->g_total, l->d_a,
                          l->d_b};
    expect_loss_values(fx, name, got, 7);
}

/* loss.identity1 / loss.identity2 where the fixture has the identity term. */
static void expect_identity(const fixture *fx, const char *name, const edcg_gan_losses *l)
{
    if (!st_meta(&fx->io, "lambda_identity")) {
        CHECK(l->idt_a2b == 0.0f && l->idt_b2a == 0.0f);
        return;
    }
    const float got[2] = {l->idt_a2b, l->idt_b2a};
    expect_loss_values(fx, name, got, 2);
}

static edcg_batch batch_of(const fixture *fx, const char *name, float **hold)
{
    *hold = tensor(fx, name, NULL);
    edcg_batch b = {*hold, fx->n, fx->h, fx->w};
    return b;
}

static void check_forward(fixture *fx)
{
    edcg_model *m = fx->model;
    const size_t count = (size_t)3 * fx->h * fx->w;
    float *a = tensor(fx, "input.a", NULL), *b = tensor(fx, "input.b", NULL);
    float *out = malloc(sizeof(float) * count * fx->n);
    generator_tape tape;
    memset(&tape, 0, sizeof tape);
    exec_ctx scratch = {0};
    layer_tape dt[DISC_LAYERS];
    memset(dt, 0, sizeof dt);
    struct { const generator *g; const float *x; const char *name; int edge; } cases[] = {
        {&m->ed_block, a, "fwd.ed_a", 0}, {&m->ed_block, a, "fwd.edge_a", 1},
        {&m->gen[0], a, "fwd.g_ab_a", 0}, {&m->gen[1], b, "fwd.g_ba_b", 0}};
    for (int c = variant_has_ed(m->arch.variant) ? 0 : 2; c < 4; c++) {
        for (int i = 0; i < fx->n; i++) {
            const float *x = cases[c].x + i * count;
            CHECK(generator_forward(cases[c].g, x, fx->h, fx->w, &tape, &scratch) == 0);
            const float *y = generator_tape_output(&tape);
            for (size_t j = 0; j < count; j++)
                out[i * count + j] = cases[c].edge ? x[j] - y[j] : y[j];
        }
        expect_close(fx, cases[c].name, out, count * fx->n, 2e-4);
    }
    for (int d = 0; d < 2; d++) {
        size_t per = 0;
        for (int i = 0; i < fx->n; i++) {
            CHECK(layer_stack_forward(m->disc[d], DISC_LAYERS, (d ? b : a) + i * count, fx->h,
                                      fx->w, dt, &scratch) == 0);
            per = (size_t)dt[DISC_LAYERS - 1].ho * dt[DISC_LAYERS - 1].wo;
            memcpy(out + i * per, dt[DISC_LAYERS - 1].a.data, sizeof(float) * per);
        }
        expect_close(fx, d ? "fwd.d_b_b" : "fwd.d_a_a", out, per * fx->n, 2e-4);
    }
    for (int i = 0; i < DISC_LAYERS; i++)
        layer_tape_free(&dt[i]);
    generator_tape_free(&tape);
    exec_free(&scratch);
    free(a);
    free(b);
    free(out);
}

static void check_translation(fixture *fx)
{
    size_t count;
    float *in = tensor(fx, "image.in", &count);
    if (!in)
        return;
    const st_tensor *t = st_find(&fx->io, "image.in");
    int h = (int)t->shape[0], w = (int)t->shape[1];
    float *out = malloc(sizeof(float) * count);
    edcg_image src = {in, w, h, 3, (size_t)w * 3}, dst = {out, w, h, 3, (size_t)w * 3};
    edcg_translate_options o;
    edcg_translate_options_init(&o);
    edcg_error err;
    CHECK(edcg_translate(fx->model, EDCG_A_TO_B, &src, &dst, &o, &err) == EDCG_OK);
    expect_close(fx, "image.a2b_k1", out, count, 1e-4);
    o.edge_strength = 0.5f;
    CHECK(edcg_translate(fx->model, EDCG_B_TO_A, &src, &dst, &o, &err) == EDCG_OK);
    expect_close(fx, "image.b2a_k05", out, count, 1e-4);
    o.edge_strength = 1.0f;
    CHECK(edcg_cycle(fx->model, EDCG_A_TO_B, &src, &dst, &o, &err) == EDCG_OK);
    expect_close(fx, "image.cycle_a", out, count, 2e-4);
    free(in);
    free(out);
}

static edcg_train_config fixture_config(const fixture *fx, int threads)
{
    edcg_train_config c;
    edcg_train_config_default(&c);
    c.threads = threads;
    const char *loss = st_meta(&fx->io, "gan_loss");
    c.gan_loss = loss && strcmp(loss, "log") == 0 ? EDCG_GAN_LOG : EDCG_GAN_LSGAN;
    const char *idt = st_meta(&fx->io, "lambda_identity");
    c.lambda_identity = idt ? strtof(idt, NULL) : 0.0f;
    return c;
}

static void check_gan_steps(fixture *fx, int threads)
{
    edcg_train_config c = fixture_config(fx, threads);
    edcg_error err;
    edcg_trainer *t = edcg_trainer_new(fx->model, &c, &err);
    CHECK(t != NULL);
    if (!t)
        return;
    float *ha, *hb;
    edcg_batch a = batch_of(fx, "input.a", &ha), b = batch_of(fx, "input.b", &hb);
    edcg_gan_losses l;
    CHECK(trainer_generator_gradients(t, &a, &b, &l, &err) == EDCG_OK);
    expect_identity(fx, "loss.identity1", &l);
    expect_grads(fx, "grad.", GROUP_G);
    trainer_adam_step(t, GROUP_G);
    CHECK(trainer_discriminator_gradients(t, &a, &b, &l, &err) == EDCG_OK);
    expect_grads(fx, "grad.", GROUP_D);
    trainer_adam_step(t, GROUP_D);
    expect_losses(fx, "loss.step1", &l);
    expect_params(fx, "step1.", 1, 0, GROUP_G);
    free(ha);
    free(hb);

    a = batch_of(fx, "input.a2", &ha);
    b = batch_of(fx, "input.b2", &hb);
    CHECK(edcg_trainer_gan_step(t, &a, &b, &l, &err) == EDCG_OK);
    expect_losses(fx, "loss.step2", &l);
    expect_identity(fx, "loss.identity2", &l);
    if (st_find(&fx->io, "step2.g_ab.decoder.out.weight"))
        expect_params(fx, "step2.", 2, 0, GROUP_G);
    free(ha);
    free(hb);
    edcg_trainer_free(t);
}

static void check_ed_step(fixture *fx, int threads)
{
    if (!st_find(&fx->io, "ed.input"))
        return;
    edcg_train_config c = fixture_config(fx, threads);
    edcg_error err;
    edcg_trainer *t = edcg_trainer_new(fx->model, &c, &err);
    CHECK(t != NULL);
    if (!t)
        return;
    float *hx;
    edcg_batch x = batch_of(fx, "ed.input", &hx);
    edcg_ed_losses l;
    CHECK(trainer_ed_gradients(t, &x, &l, &err) == EDCG_OK);
    float *ref = tensor(fx, "ed.loss", NULL);
    CHECK_MSG(fabs(l.recover - ref[0]) <= 1e-5 * ref[0], "%s: ED loss %.7g, reference %.7g",
              fx->name, l.recover, ref[0]);
    expect_grads(fx, "ed.grad.", GROUP_ED);
    trainer_adam_step(t, GROUP_ED);
    expect_params(fx, "ed.step1.", 1, 1, GROUP_ED);
    free(ref);
    free(hx);
    edcg_trainer_free(t);
}

static void run_fixture(const char *name, int gan_only)
{
    fixture fx;
    CHECK_MSG(open_fixture(&fx, name) == 0, "cannot open fixture %s", name);
    if (!fx.model)
        return;
    if (!gan_only) {
        check_forward(&fx);
        check_translation(&fx);
    }
    /* One thread runs the batch's two images one after the other; four run
     * them in two lanes of two threads each (trainer_lane.h): both must
     * match the reference. Each training check starts from fresh weights. */
    const int threads[] = {1, 4};
    for (int i = 0; i < 2; i++) {
        printf("  %s, %d thread%s\n", name, threads[i], threads[i] == 1 ? "" : "s");
        if (!gan_only) {
            check_ed_step(&fx, threads[i]);
            close_fixture(&fx);
            CHECK(open_fixture(&fx, name) == 0);
        }
        check_gan_steps(&fx, threads[i]);
        close_fixture(&fx);
        if (i == 0)
            CHECK(open_fixture(&fx, name) == 0);
    }
}

static void test_ed_variant_matches_pytorch(void) { run_fixture("ref_ed", 0); }
static void test_ed_tedge_variant_matches_pytorch(void) { run_fixture("ref_ed_tedge", 0); }
static void test_cyclegan_variant_matches_pytorch(void) { run_fixture("ref_cyclegan", 0); }
static void test_skip_variant_matches_pytorch(void) { run_fixture("ref_skip", 0); }
static void test_log_gan_loss_matches_pytorch(void) { run_fixture("ref_ed_log", 1); }
static void test_ed_identity_matches_pytorch(void) { run_fixture("ref_ed_idt", 1); }
static void test_cyclegan_identity_matches_pytorch(void) { run_fixture("ref_cyclegan_idt", 1); }

int main(void)
{
    edcg_error err;
    if (edcg_runtime_init(&err)) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    RUN_TEST(test_ed_variant_matches_pytorch);
    RUN_TEST(test_ed_tedge_variant_matches_pytorch);
    RUN_TEST(test_cyclegan_variant_matches_pytorch);
    RUN_TEST(test_skip_variant_matches_pytorch);
    RUN_TEST(test_log_gan_loss_matches_pytorch);
    RUN_TEST(test_ed_identity_matches_pytorch);
    RUN_TEST(test_cyclegan_identity_matches_pytorch);
    TEST_EXIT();
}
