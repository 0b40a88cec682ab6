/* resample.h: resizing interleaved float RGB images, for running the
 * network at a working resolution. */
#ifndef EDCG_RESAMPLE_H
#define EDCG_RESAMPLE_H

#include <stddef.h>

#include "exec.h"

/* Area-average (box) downscale of an image with `channels` floats per pixel
 * (the first 3 used) and row stride `stride` floats into a packed
 * dw x dh x 3 buffer. Every source pixel contributes by its exact overlap,
 * so no aliasing and no shift. tmp holds dw * sh * 3 floats. */
void resample_area_down(const float *src, int sw, int sh, int channels, size_t stride,
                        float *dst, int dw, int dh, float *tmp, exec_ctx *e);

/* Bilinear weights for mapping full-resolution coordinate i (of n) onto a
 * grid of m samples (pixel centres aligned, edges clamped). */
typedef struct bilinear_tap {
    int i0, i1;
    float w1; /* weight of i1; i0 gets 1 - w1 */
} bilinear_tap;

bilinear_tap bilinear_tap_for(int i, int n, int m);

#endif
