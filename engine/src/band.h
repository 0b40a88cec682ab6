/* band.h: how many rows of a grid go into one column-matrix band (internal). */
#ifndef EDCG_BAND_H
#define EDCG_BAND_H

#include <stddef.h>

/* About 16 MB of column matrix per band: wide enough for GEMM to run at full
 * speed, small enough that memory does not grow with the image. */
#define BAND_TARGET_FLOATS ((size_t)4 << 20)

static inline int band_rows(size_t floats_per_row, int rows)
{
    size_t r = BAND_TARGET_FLOATS / (floats_per_row ? floats_per_row : 1);
    if (r < 1)
        r = 1;
    return r < (size_t)rows ? (int)r : rows;
}

#endif
