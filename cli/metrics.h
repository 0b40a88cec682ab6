/* metrics.h: the paper's image-quality scores (section 4.4): SSIM and PSNR
 * between a real image and its cycle reconstruction.
 *
 * SSIM is Wang et al. 2004 as MATLAB's ssim and scikit-image's
 * structural_similarity(gaussian_weights=True, sigma=1.5,
 * use_sample_covariance=False, data_range=1, channel_axis=-1) compute it:
 * an 11x11 Gaussian window (sigma 1.5, normalised), K1 0.01, K2 0.03,
 * L 1, the SSIM map over the positions where the whole window fits inside
 * the image ("valid"), averaged; for RGB, each channel separately and the
 * three means averaged. PSNR is 10 log10(L^2 / MSE) over all channels. */
#ifndef EDCG_CLI_METRICS_H
#define EDCG_CLI_METRICS_H

#include <stddef.h>

#define METRICS_SSIM_WINDOW 11

/* a and b: interleaved, `channels` floats per pixel, rows contiguous,
 * values in [0, 1]. NaN when the image is smaller than the 11x11 window or
 * out of memory. 1 for identical images. */
double metrics_ssim(const float *a, const float *b, int width, int height, int channels);

/* +infinity for identical data. */
double metrics_psnr(const float *a, const float *b, size_t count);

/* Not the paper's: how a translation treats light areas, which the cycle
 * scores cannot see (an image whose light areas were turned dark maps back
 * just as well). Over the pixels of `src` whose luminance (Rec. 709 weights
 * on the sRGB values) is above METRICS_LIGHT, adds the luminance of the same
 * pixel of `out` to *sum and returns how many there were. sum / count near 1:
 * light areas kept; near 0: turned dark. RGB interleaved, 3 floats a pixel. */
#define METRICS_LIGHT 0.85
size_t metrics_light_luma(const float *src, const float *out, size_t pixels, double *sum);

/* Not the paper's either: the mean |a - b| over `count` values, how much a
 * translation changed its input (0 for a model that changes nothing, which
 * the cycle scores would call perfect). */
double metrics_mean_abs_diff(const float *a, const float *b, size_t count);

#endif
