/* cycle.h: a cycle reconstruction s'' of a real image, as the paper scores
 * it (section 4.4) and as the training samples show it.
 *
 * APPROXIMATION. The paper's Eq. 4 for the ED variant is
 * s'' = G_ts(G_st(s) + s_edge) + s_edge, with the fake fed to G_ts
 * unclamped. The engine's public API offers only edcg_translate, whose
 * outputs are clamped to [0, 1]. So here, with work_size 0 (full resolution):
 *   fake  = T_st(s, edge 1)               = clamp(G_st(s) + s_edge)
 *   edge  = fake - T_st(s, edge 0)        = s_edge where nothing clamped
 *   s''   = clamp(T_ts(fake, edge 0) + edge)   (variant ed)
 *   s''   = T_ts(fake, edge 1)                  (variant ed-tedge: t_edge)
 *   s''   = T_ts(fake)                          (cyclegan, skip)
 * It differs from Eq. 4 only where G_st(s) + s_edge leaves [-1, 1]. The
 * exact version needs an engine function (edcg_cycle, see the CLI report). */
#ifndef EDCG_CLI_CYCLE_H
#define EDCG_CLI_CYCLE_H

#include "edcg.h"

/* Interleaved RGB floats in [0, 1], width*height*3 each. fake and edge may
 * be NULL; edge is s_edge / 2 (the [0, 1] scale), zero for variants
 * without an ED-Block. */
edcg_status cycle_reconstruct(const edcg_model *model, edcg_direction direction,
                              const float *src, int width, int height, int threads, float *fake,
                              float *rec, float *edge, edcg_error *err);

#endif
