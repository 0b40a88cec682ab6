#include "metrics.h"

#include <math.h>
#include <stdlib.h>

#define RADIUS (METRICS_SSIM_WINDOW / 2)
#define SIGMA 1.5
#define C1 (0.01 * 0.01) /* (K1 L)^2 with L = 1 */
#define C2 (0.03 * 0.03) /* (K2 L)^2 */

/* The five local statistics SSIM needs: E[x], E[y], E[x^2], E[y^2], E[xy]. */
enum { STAT_X, STAT_Y, STAT_XX, STAT_YY, STAT_XY, STATS };

static void gaussian_window(double w[METRICS_SSIM_WINDOW])
{
    double sum = 0.0;
    for (int i = 0; i < METRICS_SSIM_WINDOW; i++) {
        double d = i - RADIUS;
        w[i] = exp(-d * d / (2.0 * SIGMA * SIGMA));
        sum += w[i];
    }
    for (int i = 0; i < METRICS_SSIM_WINDOW; i++)
        w[i] /= sum;
}

/* Horizontal pass of the separable window for one channel: rows[s] holds,
 * for every image row and valid column, the window-weighted statistic s. */
static void filter_rows(const float *a, const float *b, int width, int height, int channels,
                        int c, const double *w, double *rows[STATS])
{
    const int vw = width - 2 * RADIUS;
    for (int y = 0; y < height; y++)
        for (int x = 0; x < vw; x++) {
            double acc[STATS] = {0};
            for (int k = 0; k < METRICS_SSIM_WINDOW; k++) {
                size_t i = ((size_t)y * width + x + k) * channels + c;
                double p = a[i], q = b[i];
                acc[STAT_X] += w[k] * p;
                acc[STAT_Y] += w[k] * q;
                acc[STAT_XX] += w[k] * p * p;
                acc[STAT_YY] += w[k] * q * q;
                acc[STAT_XY] += w[k] * p * q;
            }
            for (int s = 0; s < STATS; s++)
                rows[s][(size_t)y * vw + x] = acc[s];
        }
}

/* Vertical pass and the SSIM map (Wang et al. 2004, Eq. 13), averaged. */
static double mean_ssim_map(double *rows[STATS], int width, int height, const double *w)
{
    const int vw = width - 2 * RADIUS, vh = height - 2 * RADIUS;
    double total = 0.0;
    for (int y = 0; y < vh; y++)
        for (int x = 0; x < vw; x++) {
            double m[STATS] = {0};
            for (int k = 0; k < METRICS_SSIM_WINDOW; k++)
                for (int s = 0; s < STATS; s++)
                    m[s] += w[k] * rows[s][(size_t)(y + k) * vw + x];
            double mx = m[STAT_X], my = m[STAT_Y];
            double vx = m[STAT_XX] - mx * mx, vy = m[STAT_YY] - my * my;
            double cxy = m[STAT_XY] - mx * my;
            total += ((2.0 * mx * my + C1) * (2.0 * cxy + C2)) /
                     ((mx * mx + my * my + C1) * (vx + vy + C2));
        }
    return total / ((double)vw * vh);
}

double metrics_ssim(const float *a, const float *b, int width, int height, int channels)
{
    if (width < METRICS_SSIM_WINDOW || height < METRICS_SSIM_WINDOW || channels < 1)
        return NAN;
    const size_t n = (size_t)(width - 2 * RADIUS) * height;
    double *block = malloc(sizeof(double) * n * STATS), *rows[STATS], w[METRICS_SSIM_WINDOW];
    if (!block)
        return NAN;
    for (int s = 0; s < STATS; s++)
        rows[s] = block + (size_t)s * n;
    gaussian_window(w);
    double sum = 0.0;
    for (int c = 0; c < channels; c++) {
        filter_rows(a, b, width, height, channels, c, w, rows);
        sum += mean_ssim_map(rows, width, height, w);
    }
    free(block);
    return sum / channels;
}

double metrics_psnr(const float *a, const float *b, size_t count)
{
    double se = 0.0;
    for (size_t i = 0; i < count; i++) {
        double d = (double)a[i] - (double)b[i];
        se += d * d;
    }
    if (se == 0.0)
        return INFINITY;
    return 10.0 * log10(1.0 / (se / (double)count));
}

static double luma(const float *p)
{
    return 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2];
}

size_t metrics_light_luma(const float *src, const float *out, size_t pixels, double *sum)
{
    size_t n = 0;
    for (size_t i = 0; i < pixels; i++)
        if (luma(src + 3 * i) > METRICS_LIGHT) {
            *sum += luma(out + 3 * i);
            n++;
        }
    return n;
}

double metrics_mean_abs_diff(const float *a, const float *b, size_t count)
{
    double sum = 0.0;
    for (size_t i = 0; i < count; i++)
        sum += fabs((double)a[i] - (double)b[i]);
    return count ? sum / (double)count : 0.0;
}
