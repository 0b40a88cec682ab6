/* edcg_translate on images of any size and layout: odd sizes, tiny
 * images, RGBA with a row stride, in-place use, strength and edge options,
 * the working-resolution path, progress, cancel, and bad arguments. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "edcg.h"
#include "rng.h"

static edcg_model *small_model(edcg_variant v)
{
    edcg_arch arch = {v, 4, 4, 1};
    edcg_model *m = edcg_model_new(&arch, 42, NULL);
    CHECK(m != NULL);
    return m;
}

static float *random_image(int w, int h, int channels, size_t stride, uint64_t seed)
{
    rng r;
    rng_seed(&r, seed);
    float *p = malloc(sizeof(float) * stride * h);
    for (size_t i = 0; i < stride * (size_t)h; i++)
        p[i] = (float)rng_uniform(&r);
    (void)w;
    (void)channels;
    return p;
}

static void test_any_size_is_translated_within_range(void)
{
    edcg_model *m = small_model(EDCG_VARIANT_ED);
    const int sizes[][2] = {{1, 1}, {2, 3}, {5, 7}, {17, 9}, {33, 31}, {64, 48}};
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        int w = sizes[i][0], h = sizes[i][1];
        float *in = random_image(w, h, 3, (size_t)w * 3, i);
        float *out = calloc((size_t)w * h * 3, sizeof(float));
        edcg_image s = {in, w, h, 3, (size_t)w * 3}, d = {out, w, h, 3, (size_t)w * 3};
        edcg_error err;
        CHECK_MSG(edcg_translate(m, EDCG_A_TO_B, &s, &d, NULL, &err) == EDCG_OK, "%dx%d: %s", w,
                  h, err.message);
        int in_range = 1;
        for (size_t j = 0; j < (size_t)w * h * 3; j++)
            in_range &= out[j] >= 0.0f && out[j] <= 1.0f;
        CHECK_MSG(in_range, "%dx%d output leaves [0, 1]", w, h);
        free(in);
        free(out);
    }
    edcg_model_free(m);
}

static void test_rgba_stride_keeps_alpha_and_padding(void)
{
    edcg_model *m = small_model(EDCG_VARIANT_ED);
    const int w = 13, h = 11;
    const size_t stride = (size_t)w * 4 + 5; /* padding floats after each row */
    float *in = random_image(w, h, 4, stride, 3);
    float *out = malloc(sizeof(float) * stride * h);
    for (size_t i = 0; i < stride * h; i++)
        out[i] = -7.0f;
    edcg_image s = {in, w, h, 4, stride}, d = {out, w, h, 4, stride};
    CHECK(edcg_translate(m, EDCG_B_TO_A, &s, &d, NULL, NULL) == EDCG_OK);
    int untouched = 1, written = 1;
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            untouched &= out[y * stride + x * 4 + 3] == -7.0f;
            written &= out[y * stride + x * 4] >= 0.0f;
        }
        for (size_t x = (size_t)w * 4; x < stride; x++)
            untouched &= out[y * stride + x] == -7.0f;
    }
    CHECK(untouched);
    CHECK(written);
    /* The same pixels through a packed RGB buffer give the same result. */
    float *rgb = malloc(sizeof(float) * w * h * 3), *rgb_out = malloc(sizeof(float) * w * h * 3);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            for (int c = 0; c < 3; c++)
                rgb[(y * w + x) * 3 + c] = in[y * stride + x * 4 + c];
    edcg_image s3 = {rgb, w, h, 3, (size_t)w * 3}, d3 = {rgb_out, w, h, 3, (size_t)w * 3};
    CHECK(edcg_translate(m, EDCG_B_TO_A, &s3, &d3, NULL, NULL) == EDCG_OK);
    int same = 1;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            for (int c = 0; c < 3; c++)
                same &= rgb_out[(y * w + x) * 3 + c] == out[y * stride + x * 4 + c];
    CHECK(same);
    free(in);
    free(out);
    free(rgb);
    free(rgb_out);
    edcg_model_free(m);
}

static void test_in_place_equals_separate_buffers(void)
{
    edcg_model *m = small_model(EDCG_VARIANT_ED);
    const int w = 20, h = 12;
    float *a = random_image(w, h, 3, w * 3, 9), *b = malloc(sizeof(float) * w * h * 3);
    edcg_image s = {a, w, h, 3, (size_t)w * 3}, d = {b, w, h, 3, (size_t)w * 3};
    CHECK(edcg_translate(m, EDCG_A_TO_B, &s, &d, NULL, NULL) == EDCG_OK);
    CHECK(edcg_translate(m, EDCG_A_TO_B, &s, &s, NULL, NULL) == EDCG_OK);
    CHECK(memcmp(a, b, sizeof(float) * w * h * 3) == 0);
    free(a);
    free(b);
    edcg_model_free(m);
}

static void test_strength_zero_returns_the_original(void)
{
    edcg_model *m = small_model(EDCG_VARIANT_ED);
    const int w = 9, h = 9;
    float *a = random_image(w, h, 3, w * 3, 4), *b = malloc(sizeof(float) * w * h * 3);
    edcg_image s = {a, w, h, 3, (size_t)w * 3}, d = {b, w, h, 3, (size_t)w * 3};
    edcg_translate_options o;
    edcg_translate_options_init(&o);
    o.strength = 0.0f;
    CHECK(edcg_translate(m, EDCG_A_TO_B, &s, &d, &o, NULL) == EDCG_OK);
    CHECK(memcmp(a, b, sizeof(float) * w * h * 3) == 0);
    free(a);
    free(b);
    edcg_model_free(m);
}

/* With strength s the result is original + s * (full translation - original). */
static void test_strength_blends_linearly(void)
{
    edcg_model *m = small_model(EDCG_VARIANT_ED);
    const int w = 12, h = 8;
    size_t n = (size_t)w * h * 3;
    float *a = random_image(w, h, 3, w * 3, 5), *full = malloc(sizeof(float) * n),
          *half = malloc(sizeof(float) * n);
    edcg_image s = {a, w, h, 3, (size_t)w * 3}, d1 = {full, w, h, 3, (size_t)w * 3},
               d2 = {half, w, h, 3, (size_t)w * 3};
    edcg_translate_options o;
    edcg_translate_options_init(&o);
    CHECK(edcg_translate(m, EDCG_A_TO_B, &s, &d1, &o, NULL) == EDCG_OK);
    o.strength = 0.25f;
    CHECK(edcg_translate(m, EDCG_A_TO_B, &s, &d2, &o, NULL) == EDCG_OK);
    double worst = 0.0;
    for (size_t i = 0; i < n; i++) {
        double expect = a[i] + 0.25 * (full[i] - a[i]);
        if (fabs(expect - half[i]) > worst)
            worst = fabs(expect - half[i]);
    }
    CHECK(worst < 1e-6);
    free(a);
    free(full);
    free(half);
    edcg_model_free(m);
}

static void test_edge_strength_changes_only_ed_variants(void)
{
    const int w = 16, h = 16;
    size_t n = (size_t)w * h * 3;
    for (int v = 0; v < 3; v += 2) {
        edcg_model *m = small_model((edcg_variant)v);
        float *a = random_image(w, h, 3, w * 3, 6), *k1 = malloc(sizeof(float) * n),
              *k0 = malloc(sizeof(float) * n);
        edcg_image s = {a, w, h, 3, (size_t)w * 3}, d1 = {k1, w, h, 3, (size_t)w * 3},
                   d0 = {k0, w, h, 3, (size_t)w * 3};
        edcg_translate_options o;
        edcg_translate_options_init(&o);
        CHECK(edcg_translate(m, EDCG_A_TO_B, &s, &d1, &o, NULL) == EDCG_OK);
        o.edge_strength = 0.0f;
        CHECK(edcg_translate(m, EDCG_A_TO_B, &s, &d0, &o, NULL) == EDCG_OK);
        int differ = memcmp(k0, k1, sizeof(float) * n) != 0;
        CHECK_MSG(differ == (v == EDCG_VARIANT_ED), "variant %s", edcg_variant_name((edcg_variant)v));
        free(a);
        free(k1);
        free(k0);
        edcg_model_free(m);
    }
}

typedef struct progress_log {
    int calls, monotonic, cancel_after;
    double last;
    volatile int *flag;
} progress_log;

static int on_progress(void *data, double f)
{
    progress_log *p = data;
    p->monotonic &= f >= p->last && f <= 1.0;
    p->last = f;
    p->calls++;
    if (p->cancel_after && p->calls >= p->cancel_after && p->flag)
        *p->flag = 1;
    return 0;
}

static void test_progress_is_reported_and_cancel_leaves_destination_untouched(void)
{
    edcg_model *m = small_model(EDCG_VARIANT_ED);
    const int w = 24, h = 20;
    size_t n = (size_t)w * h * 3;
    float *a = random_image(w, h, 3, w * 3, 8), *b = malloc(sizeof(float) * n);
    edcg_image s = {a, w, h, 3, (size_t)w * 3}, d = {b, w, h, 3, (size_t)w * 3};
    progress_log log = {0, 1, 0, 0.0, NULL};
    edcg_translate_options o;
    edcg_translate_options_init(&o);
    o.progress = on_progress;
    o.progress_data = &log;
    CHECK(edcg_translate(m, EDCG_A_TO_B, &s, &d, &o, NULL) == EDCG_OK);
    CHECK(log.calls >= 5);
    CHECK(log.monotonic);
    CHECK_NEAR(log.last, 1.0, 1e-9);

    volatile int cancel = 0;
    for (size_t i = 0; i < n; i++)
        b[i] = 0.5f;
    progress_log stop = {0, 1, 3, 0.0, &cancel};
    o.progress_data = &stop;
    o.cancel = &cancel;
    edcg_error err = {""};
    CHECK(edcg_translate(m, EDCG_A_TO_B, &s, &d, &o, &err) == EDCG_ERR_CANCELLED);
    CHECK(strstr(err.message, "cancel") != NULL);
    int untouched = 1;
    for (size_t i = 0; i < n; i++)
        untouched &= b[i] == 0.5f;
    CHECK(untouched);
    free(a);
    free(b);
    edcg_model_free(m);
}

static void test_working_resolution_keeps_full_resolution_detail(void)
{
    /* A smooth image with a fine checkerboard on top: at half resolution the
     * network never sees the checkerboard, the detail term must return it,
     * and the colours must stay those of the full-resolution run. */
    edcg_model *m = small_model(EDCG_VARIANT_ED);
    const int w = 96, h = 64;
    size_t n = (size_t)w * h * 3;
    float *a = malloc(sizeof(float) * n), *full = malloc(sizeof(float) * n),
          *work = malloc(sizeof(float) * n);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            for (int c = 0; c < 3; c++)
                a[(y * w + x) * 3 + c] = 0.5f + 0.3f * sinf(0.05f * x + 0.07f * y + c) +
                                         ((x + y) % 2 ? 0.05f : -0.05f); /* fine detail */
    edcg_image s = {a, w, h, 3, (size_t)w * 3}, d1 = {full, w, h, 3, (size_t)w * 3},
               d2 = {work, w, h, 3, (size_t)w * 3};
    edcg_translate_options o;
    edcg_translate_options_init(&o);
    o.work_size = 0;
    CHECK(edcg_translate(m, EDCG_A_TO_B, &s, &d1, &o, NULL) == EDCG_OK);
    o.work_size = 48;
    CHECK(edcg_translate(m, EDCG_A_TO_B, &s, &d2, &o, NULL) == EDCG_OK);
    /* The checkerboard detail survives in the scaled result: neighbours
     * still differ by about 0.1 on average. */
    double jump = 0.0;
    for (int y = 0; y < h; y++)
        for (int x = 1; x < w; x++)
            jump += fabs(work[(y * w + x) * 3] - work[(y * w + x - 1) * 3]);
    jump /= (double)h * (w - 1);
    CHECK_MSG(jump > 0.05, "mean neighbour difference %.3f: detail lost", jump);
    for (int c = 0; c < 3; c++) {
        double mf = 0.0, mw = 0.0;
        for (size_t i = (size_t)c; i < n; i += 3) {
            mf += full[i];
            mw += work[i];
        }
        CHECK_MSG(fabs(mf - mw) / (n / 3) < 0.02, "channel %d mean %.4f vs %.4f", c,
                  mf / (n / 3), mw / (n / 3));
    }
    free(a);
    free(full);
    free(work);
    edcg_model_free(m);
}

static void test_bad_arguments_fail_with_a_message(void)
{
    edcg_model *m = small_model(EDCG_VARIANT_ED);
    float px[12] = {0};
    edcg_image good = {px, 2, 2, 3, 6}, bad_stride = {px, 2, 2, 3, 5}, bad_channels = {px, 2, 2, 2, 6},
               other_size = {px, 1, 2, 3, 6};
    edcg_translate_options o;
    edcg_translate_options_init(&o);
    edcg_error err;
    CHECK(edcg_translate(m, EDCG_A_TO_B, &good, &bad_stride, &o, &err) == EDCG_ERR_INVALID);
    CHECK(edcg_translate(m, EDCG_A_TO_B, &bad_channels, &good, &o, &err) == EDCG_ERR_INVALID);
    CHECK(edcg_translate(m, EDCG_A_TO_B, &good, &other_size, &o, &err) == EDCG_ERR_INVALID);
    CHECK(edcg_translate(m, (edcg_direction)7, &good, &good, &o, &err) == EDCG_ERR_INVALID);
    o.edge_strength = 3.0f;
    CHECK(edcg_translate(m, EDCG_A_TO_B, &good, &good, &o, &err) == EDCG_ERR_INVALID);
    CHECK(strstr(err.message, "edge strength") != NULL);
    o.edge_strength = 1.0f;
    o.strength = -0.5f;
    CHECK(edcg_translate(m, EDCG_A_TO_B, &good, &good, &o, &err) == EDCG_ERR_INVALID);
    edcg_model_free(m);
}

static void test_direction_parses_codes_and_domain_names(void)
{
    edcg_model *m = small_model(EDCG_VARIANT_ED);
    edcg_model_set_meta(m, "domain_a", "apple", NULL);
    edcg_model_set_meta(m, "domain_b", "orange", NULL);
    edcg_direction d;
    CHECK(edcg_direction_parse(m, "a2b", &d, NULL) == EDCG_OK && d == EDCG_A_TO_B);
    CHECK(edcg_direction_parse(m, "B2A", &d, NULL) == EDCG_OK && d == EDCG_B_TO_A);
    CHECK(edcg_direction_parse(m, "orange", &d, NULL) == EDCG_OK && d == EDCG_A_TO_B);
    CHECK(edcg_direction_parse(m, "Apple", &d, NULL) == EDCG_OK && d == EDCG_B_TO_A);
    edcg_error err;
    CHECK(edcg_direction_parse(m, "pear", &d, &err) == EDCG_ERR_INVALID);
    CHECK(strstr(err.message, "orange") != NULL);
    /* From the names alone, as a model list gives them. */
    CHECK(edcg_direction_parse_names("summer", "winter", "WINTER", &d, NULL) == EDCG_OK &&
          d == EDCG_A_TO_B);
    CHECK(edcg_direction_parse_names(NULL, NULL, "b2a", &d, NULL) == EDCG_OK && d == EDCG_B_TO_A);
    CHECK(edcg_direction_parse_names(NULL, NULL, "winter", &d, NULL) == EDCG_ERR_INVALID);
    edcg_model_free(m);
}

int main(void)
{
    RUN_TEST(test_any_size_is_translated_within_range);
    RUN_TEST(test_rgba_stride_keeps_alpha_and_padding);
    RUN_TEST(test_in_place_equals_separate_buffers);
    RUN_TEST(test_strength_zero_returns_the_original);
    RUN_TEST(test_strength_blends_linearly);
    RUN_TEST(test_edge_strength_changes_only_ed_variants);
    RUN_TEST(test_progress_is_reported_and_cancel_leaves_destination_untouched);
    RUN_TEST(test_working_resolution_keeps_full_resolution_detail);
    RUN_TEST(test_bad_arguments_fail_with_a_message);
    RUN_TEST(test_direction_parses_codes_and_domain_names);
    TEST_EXIT();
}
