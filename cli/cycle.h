/* cycle.h: a cycle reconstruction s'' of a real image, as the paper scores
 * it (section 4.4, Eq. 4) and as the training samples show it.
 *
 * s'' comes from the engine's edcg_cycle at the image's own size: for the
 * ed variant G_ts(G_st(s) + s_edge) + s_edge with the fake unclamped, for
 * ed-tedge the fake's own edge map, for cyclegan/skip G_ts(G_st(s)). The
 * optional translation and edge map are for looking at (sample grids):
 *   fake = T_st(s, edge 1) = clamp(G_st(s) + s_edge)
 *   edge = fake - T_st(s, edge 0), which is s_edge / 2 (the [0, 1] scale)
 *          wherever the translation did not clamp. */
#ifndef EDCG_CLI_CYCLE_H
#define EDCG_CLI_CYCLE_H

#include "edcg.h"

/* Interleaved RGB floats in [0, 1], width*height*3 each. fake and edge may
 * be NULL (then only edcg_cycle runs); edge is zero for variants without
 * an ED-Block. */
edcg_status cycle_reconstruct(const edcg_model *model, edcg_direction direction,
                              const float *src, int width, int height, int threads, float *fake,
                              float *rec, float *edge, edcg_error *err);

#endif
