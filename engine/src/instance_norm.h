/* instance_norm.h: instance normalisation without affine parameters (CycleGAN's
 * InstanceNorm2d: eps 1e-5, biased variance, statistics of the current image
 * at training and inference alike). Per-channel functions, so that a layer
 * can share channels among threads and fuse the activation into the pass. */
#ifndef EDCG_INSTANCE_NORM_H
#define EDCG_INSTANCE_NORM_H

#include <stddef.h>

#define INSTANCE_NORM_EPS 1e-5

/* Mean and 1/sqrt(var + eps) of one plane. */
void instance_norm_stats(const float *x, size_t plane, float *mean, float *rstd);

/* y = (x - mean) * rstd per channel; y may be x. rstd (may be NULL) receives
 * 1/sqrt(var + eps) per channel for the backward pass. */
void instance_norm_forward(const float *x, int channels, size_t plane, float *y, float *rstd);

/* One plane: dx from dy, the forward output y and rstd; dx may be dy. */
void instance_norm_backward_plane(const float *y, float rstd, size_t plane, const float *dy,
                                  float *dx);
void instance_norm_backward(const float *y, const float *rstd, int channels, size_t plane,
                            const float *dy, float *dx);

#endif
