/* translate.h: the network part of a translation (internal). */
#ifndef EDCG_TRANSLATE_H
#define EDCG_TRANSLATE_H

#include "edcg.h"
#include "exec.h"

/* Translates a width x height image (first 3 of `channels` floats per
 * pixel, rows `stride` floats apart, values in [0, 1]) at its own size into
 * `out`, packed RGB in [0, 1]. Progress covers the network's layers. */
edcg_status translate_network(const edcg_model *m, edcg_direction dir, const float *rgb,
                              int width, int height, size_t stride, int channels, float *out,
                              const edcg_translate_options *o, exec_ctx *e, edcg_error *err);

/* The cycle reconstruction s'' of Eq. 4 at the image's own size, into
 * `out` (packed RGB in [0, 1], clamped only at the end). */
edcg_status translate_cycle(const edcg_model *m, edcg_direction dir, const float *rgb, int width,
                            int height, size_t stride, int channels, float *out,
                            const edcg_translate_options *o, exec_ctx *e, edcg_error *err);

/* Bytes translate_network needs for that size (buffers and scratch). */
size_t translate_network_memory(const edcg_model *m, int width, int height);

#endif
