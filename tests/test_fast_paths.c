/* The fast convolutions (Winograd F(4x4, 3x3) for the residual blocks, tap
 * planes for the last c7s1-3) against the straightforward im2col + GEMM
 * path, through whole translations of photo-like images and real photos:
 * within one 8-bit level. Also: the thread count does not change results.
 *
 *   test_fast_paths          synthetic photos (always)
 *   test_fast_paths photos   real photos; exit 77 when there are none
 *   test_fast_paths trained  the shipped apple2orange model on synthetic and
 *                            (when present) real photos; exit 77 without it
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "edcg.h"
#include "exec.h"
#include "photos.h"
#include "shipped_model.h"
#include "translate.h"

typedef struct diff {
    double max, mean; /* in 8-bit levels */
} diff;

static diff compare(const float *a, const float *b, size_t n)
{
    diff d = {0, 0};
    for (size_t i = 0; i < n; i++) {
        double e = fabs((double)a[i] - b[i]) * 255.0;
        d.max = e > d.max ? e : d.max;
        d.mean += e;
    }
    d.mean /= (double)n;
    return d;
}

static edcg_model *paper_model(void)
{
    edcg_arch arch;
    edcg_arch_default(&arch);
    edcg_model *m = edcg_model_new(&arch, 7, NULL);
    CHECK(m != NULL);
    return m;
}

/* Translates with the given context settings, at the image's own size. */
static float *translate_with(const edcg_model *m, const float *img, int w, int h, int fast,
                             int threads)
{
    exec_ctx e;
    CHECK(exec_init(&e, threads) == 0);
    e.fast_conv = fast;
    edcg_translate_options o;
    edcg_translate_options_init(&o);
    float *out = malloc(sizeof(float) * 3 * (size_t)w * h);
    edcg_error err;
    CHECK_MSG(translate_network(m, EDCG_A_TO_B, img, w, h, (size_t)w * 3, 3, out, &o, &e, &err) ==
                  EDCG_OK, "%s", err.message);
    exec_free(&e);
    return out;
}

static edcg_model *shared_model;

static void check_one_level(const float *img, int w, int h, const char *what)
{
    float *fast = translate_with(shared_model, img, w, h, 1, 0);
    float *plain = translate_with(shared_model, img, w, h, 0, 0);
    diff d = compare(fast, plain, 3 * (size_t)w * h);
    printf("  %s %dx%d: fast vs straightforward max %.4f, mean %.5f 8-bit levels\n", what, w, h,
           d.max, d.mean);
    CHECK_MSG(d.max <= 1.0, "%s: %.3f levels", what, d.max);
    free(fast);
    free(plain);
}

static void test_fast_convolutions_stay_within_one_level_on_synthetic_photos(void)
{
    /* 250x190: not a multiple of 16, so Winograd tiles overhang the edge. */
    const int sizes[][2] = {{256, 256}, {250, 190}};
    for (int i = 0; i < 2; i++) {
        float *img = photo_like(sizes[i][0], sizes[i][1], 11 + i);
        check_one_level(img, sizes[i][0], sizes[i][1], "synthetic");
        free(img);
    }
}

static void photo(const float *img, int w, int h, const char *path)
{
    check_one_level(img, w, h, path);
}

static void test_thread_count_does_not_change_the_result(void)
{
    const int w = 120, h = 88;
    float *img = photo_like(w, h, 5);
    float *one = translate_with(shared_model, img, w, h, 1, 1);
    float *two = translate_with(shared_model, img, w, h, 1, 2);
    float *three = translate_with(shared_model, img, w, h, 1, 3);
    diff a = compare(one, two, 3 * (size_t)w * h), b = compare(one, three, 3 * (size_t)w * h);
    CHECK_MSG(a.max <= 1e-3 && b.max <= 1e-3, "1 vs 2 threads %g, 1 vs 3 threads %g levels",
              a.max, b.max);
    free(img);
    free(one);
    free(two);
    free(three);
}

int main(int argc, char **argv)
{
    CHECK(edcg_runtime_init(NULL) == EDCG_OK); /* translate_network needs BLAS loaded */
    if (argc > 1 && strcmp(argv[1], "trained") == 0) {
        if (!(shared_model = shipped_model()))
            return 77;
        RUN_TEST(test_fast_convolutions_stay_within_one_level_on_synthetic_photos);
        int n = for_each_photo(4, photo);
        printf("  %d real photos checked\n", n);
        edcg_model_free(shared_model);
        TEST_EXIT();
    }
    shared_model = paper_model();
    if (argc > 1 && strcmp(argv[1], "photos") == 0) {
        int n = for_each_photo(4, photo);
        edcg_model_free(shared_model);
        if (n == 0) {
            printf("SKIP: no real photos (or no libjpeg) under /work/shared/data\n");
            return 77;
        }
        TEST_EXIT();
    }
    RUN_TEST(test_fast_convolutions_stay_within_one_level_on_synthetic_photos);
    RUN_TEST(test_thread_count_does_not_change_the_result);
    edcg_model_free(shared_model);
    TEST_EXIT();
}
