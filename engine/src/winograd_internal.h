/* winograd_internal.h: what the Winograd forward (winograd.c) and backward
 * (winograd_backward.c) share: the tile geometry, the band job and the
 * transforms both directions need (internal).
 *
 * Layouts, per band of tiles: U [36][cout][cin] (filters, point-major),
 * V [36][cin][band_tiles] (input tiles), M [36][cout][band_tiles] (products,
 * or in the backward pass the transformed output gradient).
 */
#ifndef EDCG_WINOGRAD_INTERNAL_H
#define EDCG_WINOGRAD_INTERNAL_H

#include <stddef.h>

#include "exec.h"
#include "im2col.h"

/* Tiles are transformed 16 at a time: the innermost loops run across the
 * 16 tiles, which compilers turn into whole vectors on any SIMD width
 * without intrinsics. */
#define LANES 16
#define POINTS 36
/* V and M of one band of tile rows: about 64 MB, so a 24-megapixel full
 * resolution run stays bounded, while each of the 36 GEMMs still gets
 * several hundred columns. */
#define BAND_FLOATS ((size_t)16 << 20)

typedef struct wino_geom {
    int cin, cout, h, w, tiles_x, tiles_y;
    int band_rows;     /* tile rows per band */
    size_t band_tiles; /* columns of V and M: band_rows * tiles_x rounded up to LANES */
} wino_geom;

wino_geom winograd_geom(int cin, int cout, int h, int w);

typedef struct wino_job {
    const wino_geom *g;
    const float *weight, *x;
    float *u, *v, *m, *y;
    pad_mode mode;
    int ty0, ntiles; /* band: first tile row, valid tiles */
    int ncols;       /* ntiles rounded up to LANES: the columns computed */
} wino_job;

/* Index of padded coordinate pos in [0, n), or -1 for zeros: padding 1 of
 * the layer's mode, and zeros past it (tiles that overhang the image end
 * only feed outputs that are cropped). */
static inline int pad_index(int pos, int n, pad_mode mode)
{
    if (pos >= 0 && pos < n)
        return pos;
    if ((pos == -1 || pos == n) && mode == PAD_REFLECT)
        return reflect_index(pos, n);
    return -1;
}

/* Sets the band of job j: tile rows from ty0, as many as the geometry allows. */
void winograd_band(wino_job *j, int ty0);

/* U = G g G^T for every filter, from j->weight into j->u; or, with the
 * context's filter cache, j->u pointed at the kept transform (computed
 * there when stale). */
void winograd_filter_transform(exec_ctx *e, wino_job *j);
/* V = B^T d B for every tile of j's band, from j->x into j->v; lanes past
 * the band's tiles are zero. */
void winograd_input_transform(exec_ctx *e, wino_job *j);

#endif
