/* Every layer's backward pass agrees with central finite differences
 * (tolerances in gradcheck.h): convolutions with zero and reflection
 * padding, strides 1 and 2, kernels 3, 4 and 7; the transposed convolution;
 * instance norm; ReLU, LeakyReLU, tanh; the residual block. */
#include <stdlib.h>
#include <string.h>

#include "blas.h"
#include "conv_few_outputs.h"
#include "gradcheck.h"
#include "instance_norm.h"
#include "layer.h"
#include "resblock.h"

typedef struct test_param {
    param p;
} test_param;

static param make_param(rng *r, int ndim, const int64_t *shape, float scale)
{
    param p;
    memset(&p, 0, sizeof p);
    p.ndim = ndim;
    p.numel = 1;
    for (int i = 0; i < ndim; i++) {
        p.shape[i] = shape[i];
        p.numel *= (size_t)shape[i];
    }
    p.data = malloc(p.numel * sizeof(float));
    p.grad = calloc(p.numel, sizeof(float));
    p.requires_grad = 1;
    fill_uniform(r, p.data, p.numel, -scale, scale);
    return p;
}

static void free_param(param *p)
{
    free(p->data);
    free(p->grad);
}

typedef struct layer_case {
    layer l;
    param w, b;
    float *x, *r;
    int h, w_;
    layer_tape tape;
    exec_ctx scratch;
} layer_case;

static void make_layer(layer_case *c, rng *r, int transposed, int cin, int cout, int k,
                       int stride, int pad, pad_mode mode, int norm, act_kind act, int h, int w)
{
    memset(c, 0, sizeof *c);
    int64_t ws[4] = {transposed ? cin : cout, transposed ? cout : cin, k, k}, bs[1] = {cout};
    c->w = make_param(r, 4, ws, 0.5f);
    c->b = make_param(r, 1, bs, 0.5f);
    c->l.transposed = transposed;
    c->l.norm = norm;
    c->l.act = act;
    if (transposed) {
        conv_transpose2d t = {cin, cout, k, stride, pad, 1, &c->w, &c->b};
        c->l.convt = t;
    } else {
        conv2d t = {cin, cout, k, stride, pad, mode, &c->w, &c->b};
        c->l.conv = t;
    }
    c->h = h;
    c->w_ = w;
    c->x = malloc(sizeof(float) * cin * h * w);
    fill_uniform(r, c->x, (size_t)cin * h * w, -1.0f, 1.0f);
    size_t nout = (size_t)cout * layer_out_size(&c->l, h) * layer_out_size(&c->l, w);
    c->r = malloc(sizeof(float) * nout);
    fill_uniform(r, c->r, nout, -1.0f, 1.0f);
}

static double layer_loss(void *ctx)
{
    layer_case *c = ctx;
    CHECK(layer_forward(&c->l, c->x, c->h, c->w_, &c->tape, &c->scratch) == 0);
    size_t n = (size_t)layer_cout(&c->l) * c->tape.ho * c->tape.wo;
    return weighted_sum(c->tape.a.data, c->r, n);
}

static void check_layer(const char *name, layer_case *c, rng *r)
{
    size_t nx = (size_t)layer_cin(&c->l) * c->h * c->w_;
    float *dx = malloc(sizeof(float) * nx);
    layer_loss(c);
    size_t nout = (size_t)layer_cout(&c->l) * c->tape.ho * c->tape.wo;
    float *da = malloc(sizeof(float) * nout);
    memcpy(da, c->r, sizeof(float) * nout);
    layer_backward(&c->l, &c->tape, da, dx, &c->scratch);
    char what[96];
    snprintf(what, sizeof what, "%s dx", name);
    gradcheck(what, layer_loss, c, c->x, dx, nx, 60, r);
    snprintf(what, sizeof what, "%s dweight", name);
    gradcheck(what, layer_loss, c, c->w.data, c->w.grad, c->w.numel, 60, r);
    snprintf(what, sizeof what, "%s dbias", name);
    gradcheck(what, layer_loss, c, c->b.data, c->b.grad, c->b.numel, 60, r);
    free(dx);
    free(da);
    free(c->x);
    free(c->r);
    free_param(&c->w);
    free_param(&c->b);
    layer_tape_free(&c->tape);
    exec_free(&c->scratch);
}

/* fast 1: the same with the fast convolutions on: 3x3 stride-1 layers then
 * run forward and backward through Winograd F(4x4, 3x3), whose tiles
 * overhang these sizes (cropped outputs, reflected and zero borders), and
 * layers with few outputs through conv_few_outputs. */
#define LAYER_CASE(fn, fast, ...)                      \
    static void fn(void)                               \
    {                                                  \
        rng r;                                         \
        rng_seed(&r, __LINE__);                        \
        layer_case c;                                  \
        make_layer(&c, &r, __VA_ARGS__);               \
        c.scratch.fast_conv = fast;                    \
        check_layer(#fn, &c, &r);                      \
    }
#define LAYER_TEST(fn, ...) LAYER_CASE(fn, 0, __VA_ARGS__)
#define LAYER_TEST_FAST(fn, ...) LAYER_CASE(fn, 1, __VA_ARGS__)

/* transposed, cin, cout, k, stride, pad, mode, norm, act, h, w */
LAYER_TEST(test_conv3x3_zero_pad_backward, 0, 3, 4, 3, 1, 1, PAD_ZERO, 0, ACT_NONE, 7, 6)
LAYER_TEST(test_conv3x3_reflect_pad_backward, 0, 3, 4, 3, 1, 1, PAD_REFLECT, 0, ACT_NONE, 7, 6)
LAYER_TEST(test_conv7x7_reflect_pad3_backward, 0, 2, 3, 7, 1, 3, PAD_REFLECT, 0, ACT_NONE, 9, 8)
LAYER_TEST(test_conv3x3_stride2_backward, 0, 3, 4, 3, 2, 1, PAD_ZERO, 0, ACT_NONE, 9, 8)
LAYER_TEST(test_conv4x4_stride2_leaky_relu_backward, 0, 3, 4, 4, 2, 1, PAD_ZERO, 0, ACT_LRELU, 10, 10)
LAYER_TEST(test_conv4x4_stride1_pad1_backward, 0, 4, 1, 4, 1, 1, PAD_ZERO, 0, ACT_NONE, 6, 7)
LAYER_TEST(test_conv_transpose3x3_stride2_backward, 1, 4, 3, 3, 2, 1, PAD_ZERO, 0, ACT_NONE, 5, 4)
LAYER_TEST(test_conv_instance_norm_relu_backward, 0, 3, 4, 3, 1, 1, PAD_REFLECT, 1, ACT_RELU, 8, 7)
LAYER_TEST(test_conv_transpose_instance_norm_relu_backward, 1, 4, 3, 3, 2, 1, PAD_ZERO, 1, ACT_RELU, 4, 5)
LAYER_TEST(test_conv_instance_norm_leaky_relu_backward, 0, 3, 4, 4, 2, 1, PAD_ZERO, 1, ACT_LRELU, 10, 12)
LAYER_TEST(test_conv7x7_tanh_backward, 0, 4, 3, 7, 1, 3, PAD_REFLECT, 0, ACT_TANH, 8, 8)
LAYER_TEST_FAST(test_winograd_conv3x3_zero_pad_backward, 0, 3, 4, 3, 1, 1, PAD_ZERO, 0, ACT_NONE, 9, 6)
LAYER_TEST_FAST(test_winograd_conv3x3_reflect_pad_backward, 0, 4, 3, 3, 1, 1, PAD_REFLECT, 0, ACT_NONE, 10, 13)
LAYER_TEST_FAST(test_winograd_conv_instance_norm_relu_backward, 0, 3, 5, 3, 1, 1, PAD_REFLECT, 1, ACT_RELU, 8, 7)
LAYER_TEST_FAST(test_few_outputs_conv7x7_tanh_backward, 0, 4, 3, 7, 1, 3, PAD_REFLECT, 0, ACT_TANH, 9, 11)
LAYER_TEST_FAST(test_few_outputs_conv4x4_stride1_pad1_backward, 0, 4, 1, 4, 1, 1, PAD_ZERO, 0, ACT_NONE, 6, 7)

/* Wide images split the few-outputs path into bands of rows whose inputs
 * overlap; the gradients must add up to im2col's, seams included. */
static void test_few_outputs_backward_matches_im2col_across_bands(void)
{
    rng r;
    rng_seed(&r, 99);
    const int cin = 2, cout = 3, k = 7, h = 21, w = 2048;
    int64_t ws[4] = {cout, cin, k, k}, bs[1] = {cout};
    param wt = make_param(&r, 4, ws, 0.5f), b = make_param(&r, 1, bs, 0.5f);
    conv2d c = {cin, cout, k, 1, 3, PAD_REFLECT, &wt, &b};
    const size_t nx = (size_t)cin * h * w, ny = (size_t)cout * h * w;
    float *x = malloc(sizeof(float) * nx), *dy = malloc(sizeof(float) * ny);
    float *dx[2] = {malloc(sizeof(float) * nx), malloc(sizeof(float) * nx)};
    float *dw[2] = {calloc(wt.numel, sizeof(float)), calloc(wt.numel, sizeof(float))};
    fill_uniform(&r, x, nx, -1.0f, 1.0f);
    fill_uniform(&r, dy, ny, -1.0f, 1.0f);
    for (int fast = 0; fast < 2; fast++) {
        exec_ctx e;
        memset(&e, 0, sizeof e);
        e.fast_conv = fast;
        CHECK(fbuf_reserve(&e.scratch, conv2d_scratch_floats(&c, &e, h, w)) == 0);
        CHECK(!fast || conv_few_outputs_scratch_floats(&c, h, w) < (size_t)cout * k * k * h * w);
        memset(wt.grad, 0, sizeof(float) * wt.numel);
        conv2d_backward(&c, x, h, w, dy, dx[fast], &e);
        memcpy(dw[fast], wt.grad, sizeof(float) * wt.numel);
        exec_free(&e);
    }
    double worst = 0.0;
    for (size_t i = 0; i < nx; i++)
        worst = fmax(worst, fabs((double)dx[1][i] - dx[0][i]));
    CHECK_MSG(worst < 1e-4, "dx differs by %g", worst);
    worst = 0.0;
    for (size_t i = 0; i < wt.numel; i++)
        worst = fmax(worst, fabs((double)dw[1][i] - dw[0][i]) / (1.0 + fabs(dw[0][i])));
    CHECK_MSG(worst < 1e-4, "dweight differs by %g (relative)", worst);
    for (int i = 0; i < 2; i++) {
        free(dx[i]);
        free(dw[i]);
    }
    free(x);
    free(dy);
    free_param(&wt);
    free_param(&b);
}

/* A trained convolution keeps its column matrix from forward (in bands, when
 * the image is wide) and backward reuses it: the same outputs and gradients,
 * bit for bit, as gathering the columns again; a frozen one keeps nothing. */
static void test_kept_columns_match_gathered(void)
{
    rng r;
    rng_seed(&r, 41);
    const int cin = 4, cout = 5, k = 4, h = 160, w = 2048;
    int64_t ws[4] = {cout, cin, k, k}, bs[1] = {cout};
    layer_case lc;
    memset(&lc, 0, sizeof lc);
    lc.w = make_param(&r, 4, ws, 0.5f);
    lc.b = make_param(&r, 1, bs, 0.5f);
    lc.l.conv = (conv2d){cin, cout, k, 2, 1, PAD_ZERO, &lc.w, &lc.b};
    lc.l.act = ACT_LRELU;
    const conv2d *c = &lc.l.conv;
    const int ho = conv2d_out_size(c, h), wo = conv2d_out_size(c, w);
    const size_t nx = (size_t)cin * h * w, ny = (size_t)cout * ho * wo;
    float *x = malloc(sizeof(float) * nx), *dy = malloc(sizeof(float) * ny);
    float *y[2] = {malloc(sizeof(float) * ny), malloc(sizeof(float) * ny)};
    float *dx[2] = {malloc(sizeof(float) * nx), malloc(sizeof(float) * nx)};
    float *dw[2] = {calloc(lc.w.numel, sizeof(float)), calloc(lc.w.numel, sizeof(float))};
    fill_uniform(&r, x, nx, -1.0f, 1.0f);
    fill_uniform(&r, dy, ny, -1.0f, 1.0f);
    exec_ctx e;
    memset(&e, 0, sizeof e);
    e.fast_conv = 1;
    const size_t kept = conv2d_kept_cols_floats(c, &e, h, w);
    CHECK(kept == (size_t)cin * k * k * ho * wo);
    /* More than one band, so the band offsets are exercised. */
    CHECK(kept > conv2d_scratch_floats(c, &e, h, w));
    float *cols = malloc(sizeof(float) * kept);
    CHECK(fbuf_reserve(&e.scratch, conv2d_scratch_floats(c, &e, h, w)) == 0);
    for (int keep = 0; keep < 2; keep++) {
        memset(lc.w.grad, 0, sizeof(float) * lc.w.numel);
        conv2d_forward_keep(c, x, h, w, y[keep], keep ? cols : NULL, &e);
        conv2d_backward_kept(c, x, h, w, dy, keep ? cols : NULL, dx[keep], &e);
        memcpy(dw[keep], lc.w.grad, sizeof(float) * lc.w.numel);
    }
    CHECK(memcmp(y[0], y[1], sizeof(float) * ny) == 0);
    CHECK(memcmp(dx[0], dx[1], sizeof(float) * nx) == 0);
    CHECK(memcmp(dw[0], dw[1], sizeof(float) * lc.w.numel) == 0);

    /* The layer keeps them only while its weight trains. */
    CHECK(layer_forward(&lc.l, x, h, w, &lc.tape, &e) == 0);
    CHECK(lc.tape.cols != NULL);
    lc.w.requires_grad = 0;
    CHECK(conv2d_kept_cols_floats(c, &e, h, w) == 0);
    CHECK(layer_forward(&lc.l, x, h, w, &lc.tape, &e) == 0);
    CHECK(lc.tape.cols == NULL);
    layer_tape_free(&lc.tape);
    exec_free(&e);
    for (int i = 0; i < 2; i++) {
        free(y[i]);
        free(dx[i]);
        free(dw[i]);
    }
    free(cols);
    free(x);
    free(dy);
    free_param(&lc.w);
    free_param(&lc.b);
}

typedef struct norm_case {
    float *x, *y, *r, *rstd;
    int c;
    size_t plane;
} norm_case;

static double norm_loss(void *ctx)
{
    norm_case *n = ctx;
    instance_norm_forward(n->x, n->c, n->plane, n->y, n->rstd);
    return weighted_sum(n->y, n->r, (size_t)n->c * n->plane);
}

static void test_instance_norm_backward(void)
{
    rng r;
    rng_seed(&r, 7);
    norm_case n = {0};
    n.c = 3;
    n.plane = 50;
    size_t count = n.c * n.plane;
    n.x = malloc(sizeof(float) * count);
    n.y = malloc(sizeof(float) * count);
    n.r = malloc(sizeof(float) * count);
    n.rstd = malloc(sizeof(float) * n.c);
    float *dx = malloc(sizeof(float) * count);
    fill_uniform(&r, n.x, count, -2.0f, 3.0f);
    fill_uniform(&r, n.r, count, -1.0f, 1.0f);
    norm_loss(&n);
    instance_norm_backward(n.y, n.rstd, n.c, n.plane, n.r, dx);
    gradcheck("instance_norm dx", norm_loss, &n, n.x, dx, count, count, &r);
    /* Forward: zero mean and unit (biased) variance per channel. */
    for (int c = 0; c < n.c; c++) {
        double mean = 0.0, var = 0.0;
        for (size_t i = 0; i < n.plane; i++)
            mean += n.y[c * n.plane + i];
        mean /= (double)n.plane;
        for (size_t i = 0; i < n.plane; i++)
            var += pow(n.y[c * n.plane + i] - mean, 2);
        CHECK_NEAR(mean, 0.0, 1e-5);
        CHECK_NEAR(var / (double)n.plane, 1.0, 1e-3);
    }
    free(n.x);
    free(n.y);
    free(n.r);
    free(n.rstd);
    free(dx);
}

typedef struct act_case {
    act_kind act;
    float *x, *y, *r;
    size_t n;
} act_case;

static double act_loss(void *ctx)
{
    act_case *a = ctx;
    memcpy(a->y, a->x, sizeof(float) * a->n);
    activation_forward(a->act, a->y, a->n);
    return weighted_sum(a->y, a->r, a->n);
}

static void test_activations_backward(void)
{
    const act_kind kinds[] = {ACT_RELU, ACT_LRELU, ACT_TANH};
    const char *names[] = {"relu", "leaky_relu", "tanh"};
    rng r;
    rng_seed(&r, 11);
    for (int k = 0; k < 3; k++) {
        act_case a = {kinds[k], NULL, NULL, NULL, 64};
        a.x = malloc(sizeof(float) * a.n);
        a.y = malloc(sizeof(float) * a.n);
        a.r = malloc(sizeof(float) * a.n);
        float *d = malloc(sizeof(float) * a.n);
        /* Keep inputs away from the kink at 0, where the quotient is wrong. */
        for (size_t i = 0; i < a.n; i++) {
            float v = 0.05f + 1.5f * (float)rng_uniform(&r);
            a.x[i] = (i % 2) ? v : -v;
        }
        fill_uniform(&r, a.r, a.n, -1.0f, 1.0f);
        act_loss(&a);
        memcpy(d, a.r, sizeof(float) * a.n);
        activation_backward(a.act, a.y, d, a.n);
        gradcheck(names[k], act_loss, &a, a.x, d, a.n, a.n, &r);
        CHECK(kinds[k] != ACT_LRELU || fabsf(a.y[0] - LEAKY_RELU_SLOPE * a.x[0]) < 1e-7f);
        free(a.x);
        free(a.y);
        free(a.r);
        free(d);
    }
}

typedef struct res_case {
    resblock b;
    param p[4];
    float *x, *r;
    int c, h, w;
    resblock_tape tape;
    exec_ctx scratch;
} res_case;

static double res_loss(void *ctx)
{
    res_case *rc = ctx;
    CHECK(resblock_forward(&rc->b, rc->x, rc->c, rc->h, rc->w, &rc->tape, &rc->scratch) == 0);
    return weighted_sum(rc->tape.y.data, rc->r, (size_t)rc->c * rc->h * rc->w);
}

static void test_resblock_backward(void)
{
    rng r;
    rng_seed(&r, 5);
    res_case rc;
    memset(&rc, 0, sizeof rc);
    rc.c = 3;
    rc.h = 6;
    rc.w = 5;
    int64_t ws[4] = {3, 3, 3, 3}, bs[1] = {3};
    for (int i = 0; i < 4; i++)
        rc.p[i] = make_param(&r, i % 2 ? 1 : 4, i % 2 ? bs : ws, 0.5f);
    conv2d c1 = {3, 3, 3, 1, 1, PAD_REFLECT, &rc.p[0], &rc.p[1]};
    conv2d c2 = {3, 3, 3, 1, 1, PAD_REFLECT, &rc.p[2], &rc.p[3]};
    rc.b.conv1 = (layer){0, c1, {0}, 1, ACT_RELU};
    rc.b.conv2 = (layer){0, c2, {0}, 1, ACT_NONE};
    size_t n = (size_t)rc.c * rc.h * rc.w;
    rc.x = malloc(sizeof(float) * n);
    rc.r = malloc(sizeof(float) * n);
    float *dx = malloc(sizeof(float) * n), *tmp = malloc(sizeof(float) * 2 * n);
    fill_uniform(&r, rc.x, n, -1.0f, 1.0f);
    fill_uniform(&r, rc.r, n, -1.0f, 1.0f);
    res_loss(&rc);
    resblock_backward(&rc.b, &rc.tape, rc.r, dx, tmp, &rc.scratch);
    gradcheck("resblock dx", res_loss, &rc, rc.x, dx, n, n, &r);
    for (int i = 0; i < 4; i++)
        gradcheck("resblock param", res_loss, &rc, rc.p[i].data, rc.p[i].grad, rc.p[i].numel, 30, &r);
    for (int i = 0; i < 4; i++)
        free_param(&rc.p[i]);
    free(rc.x);
    free(rc.r);
    free(dx);
    free(tmp);
    resblock_tape_free(&rc.tape);
    exec_free(&rc.scratch);
}

int main(void)
{
    edcg_error err;
    if (blas_load(&err)) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    RUN_TEST(test_conv3x3_zero_pad_backward);
    RUN_TEST(test_conv3x3_reflect_pad_backward);
    RUN_TEST(test_conv7x7_reflect_pad3_backward);
    RUN_TEST(test_conv3x3_stride2_backward);
    RUN_TEST(test_conv4x4_stride2_leaky_relu_backward);
    RUN_TEST(test_conv4x4_stride1_pad1_backward);
    RUN_TEST(test_conv_transpose3x3_stride2_backward);
    RUN_TEST(test_conv_instance_norm_relu_backward);
    RUN_TEST(test_conv_transpose_instance_norm_relu_backward);
    RUN_TEST(test_conv_instance_norm_leaky_relu_backward);
    RUN_TEST(test_conv7x7_tanh_backward);
    RUN_TEST(test_winograd_conv3x3_zero_pad_backward);
    RUN_TEST(test_winograd_conv3x3_reflect_pad_backward);
    RUN_TEST(test_winograd_conv_instance_norm_relu_backward);
    RUN_TEST(test_few_outputs_conv7x7_tanh_backward);
    RUN_TEST(test_few_outputs_conv4x4_stride1_pad1_backward);
    RUN_TEST(test_few_outputs_backward_matches_im2col_across_bands);
    RUN_TEST(test_kept_columns_match_gathered);
    RUN_TEST(test_instance_norm_backward);
    RUN_TEST(test_activations_backward);
    RUN_TEST(test_resblock_backward);
    TEST_EXIT();
}
