/* SSIM and PSNR (cli/metrics.c) against known values.
 *
 * The expected numbers come from tests/cli/ssim_reference.py, run with
 * /usr/bin/python3 (numpy 1.24): Wang et al.'s SSIM written as a direct
 * 2-D 11x11 Gaussian-weighted sum (sigma 1.5, K1 0.01, K2 0.03, L 1, valid
 * positions, mean over RGB channels) and PSNR = 10 log10(1 / MSE), on the
 * same float32 images built here. scikit-image 0.19.3 (Debian
 * python3-skimage) gives the same numbers to 12 digits with
 * structural_similarity(a, b, gaussian_weights=True, sigma=1.5,
 * use_sample_covariance=False, data_range=1.0, channel_axis=-1) and
 * peak_signal_noise_ratio(a, b, data_range=1.0) on float64 copies. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "metrics.h"

#define W 32
#define H 24
#define C 3
#define N ((size_t)W * H * C)

static int failures;

static void check_close(const char *what, double got, double want, double tol)
{
    if (!(fabs(got - want) <= tol)) {
        fprintf(stderr, "FAIL %s: got %.12f, want %.12f\n", what, got, want);
        failures++;
    }
}

static void base_image(float *a)
{
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
            for (int c = 0; c < C; c++)
                a[((size_t)y * W + x) * C + c] =
                    (float)((x * x + 3 * y * y + 5 * x * y + 17 * c) % 251 / 250.0);
}

/* A fixed pattern of +-40/255 offsets, clipped to [0, 1]. */
static void noisy_image(const float *a, float *b)
{
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
            for (int c = 0; c < C; c++) {
                size_t i = ((size_t)y * W + x) * C + c;
                float v = a[i] + (float)((x * 31 + y * 17 + c * 7) % 81 - 40) / 255.0f;
                b[i] = v < 0.0f ? 0.0f : (v > 1.0f ? 1.0f : v);
            }
}

static void contrast_image(const float *a, float *b)
{
    for (size_t i = 0; i < N; i++)
        b[i] = a[i] * 0.8f + 0.1f;
}

static void test_identical_images_score_one_and_infinity(const float *a)
{
    check_close("ssim(a, a)", metrics_ssim(a, a, W, H, C), 1.0, 1e-12);
    if (!isinf(metrics_psnr(a, a, N))) {
        fprintf(stderr, "FAIL psnr(a, a) is not infinite\n");
        failures++;
    }
}

static void test_noise_matches_reference(const float *a, float *b)
{
    noisy_image(a, b);
    check_close("ssim noisy", metrics_ssim(a, b, W, H, C), 0.955724185025, 1e-7);
    check_close("psnr noisy", metrics_psnr(a, b, N), 21.141393779946, 1e-6);
}

static void test_contrast_change_matches_reference(const float *a, float *b)
{
    contrast_image(a, b);
    check_close("ssim contrast", metrics_ssim(a, b, W, H, C), 0.975698068310, 1e-7);
    check_close("psnr contrast", metrics_psnr(a, b, N), 24.747264999123, 1e-6);
}

static void test_ssim_is_symmetric(const float *a, float *b)
{
    noisy_image(a, b);
    check_close("ssim symmetric", metrics_ssim(b, a, W, H, C), metrics_ssim(a, b, W, H, C), 1e-12);
}

static void test_too_small_image_has_no_ssim(const float *a)
{
    if (!isnan(metrics_ssim(a, a, 10, 10, C))) {
        fprintf(stderr, "FAIL ssim of a 10x10 image is not NaN\n");
        failures++;
    }
}

static void test_light_luma(void)
{
    /* Two white pixels, one dark one: only the white ones count. */
    const float src[9] = {1, 1, 1, 0.9f, 0.9f, 0.9f, 0.2f, 0.2f, 0.2f};
    const float dark[9] = {0.1f, 0.1f, 0.1f, 0, 0, 0, 1, 1, 1};
    double sum = 0.0;
    size_t n = metrics_light_luma(src, dark, 3, &sum);
    if (n != 2 || fabs(sum - 0.1) > 1e-6) {
        fprintf(stderr, "FAIL light pixels turned dark: %zu pixels, sum %g\n", n, sum);
        failures++;
    }
    sum = 0.0;
    n = metrics_light_luma(src, src, 3, &sum);
    if (n != 2 || fabs(sum / n - 0.95) > 1e-6) {
        fprintf(stderr, "FAIL light pixels kept: %zu pixels, mean %g\n", n, sum / n);
        failures++;
    }
}

static void test_mean_abs_diff(void)
{
    const float a[4] = {0, 0.5f, 1, 0.25f}, b[4] = {0.5f, 0.5f, 0, 0.5f};
    double d = metrics_mean_abs_diff(a, b, 4); /* (0.5 + 0 + 1 + 0.25) / 4 */
    if (fabs(d - 0.4375) > 1e-7 || metrics_mean_abs_diff(a, a, 4) != 0.0) {
        fprintf(stderr, "FAIL mean |a - b| %g, expected 0.4375\n", d);
        failures++;
    }
}

int main(void)
{
    float *a = malloc(sizeof(float) * N), *b = malloc(sizeof(float) * N);
    if (!a || !b)
        return 1;
    base_image(a);
    test_identical_images_score_one_and_infinity(a);
    test_noise_matches_reference(a, b);
    test_contrast_change_matches_reference(a, b);
    test_ssim_is_symmetric(a, b);
    test_too_small_image_has_no_ssim(a);
    test_light_luma();
    test_mean_abs_diff();
    free(a);
    free(b);
    if (failures == 0)
        printf("metrics: all checks passed\n");
    return failures ? 1 : 0;
}
