/* losses.h: the paper's losses, each returning its mean over n values and
 * writing scale * d(mean)/dx into grad (when not NULL). The scale carries
 * lambda (Eq. 6), the 1/2 of CycleGAN's discriminator loss and 1/batch, so
 * a whole batch's gradient is the sum of its images'. */
#ifndef EDCG_LOSSES_H
#define EDCG_LOSSES_H

#include <stddef.h>

/* mean |x - target|  (Eq. 1 and Eq. 5). d/dx = sign(x - target), 0 at 0. */
double loss_l1(const float *x, const float *target, size_t n, float scale, float *grad);

/* mean (x - label)^2: least-squares GAN (CycleGAN's default). */
double loss_lsgan(const float *x, float label, size_t n, float scale, float *grad);

/* mean BCE(sigmoid(x), label): the log form of Eq. 3, computed stably on logits. */
double loss_bce_logits(const float *x, float label, size_t n, float scale, float *grad);

#endif
