/* im2col.h: moving between an image and the column matrix a GEMM wants.
 *
 * One geometry serves convolution and transposed convolution: a grid
 * position (gy, gx) and a kernel tap (ky, kx) meet image pixel
 * (gy*stride - pad + ky, gx*stride - pad + kx). For a convolution the image
 * is the input and the grid its output; for a transposed convolution the
 * image is the output and the grid its input. Column matrices hold rows
 * (c*k + ky)*k + kx, PyTorch's weight order, and columns for grid rows
 * [g0, g1) times grid_w, so big images are processed in bands of rows.
 */
#ifndef EDCG_IM2COL_H
#define EDCG_IM2COL_H

#include "exec.h"

typedef enum pad_mode { PAD_ZERO = 0, PAD_REFLECT = 1 } pad_mode;

typedef struct im2col_geom {
    int channels, height, width; /* the image */
    int k, stride, pad;
    pad_mode mode;
    int grid_w;                  /* columns of the grid */
} im2col_geom;

/* Reflection (without repeating the edge) of an index into [0, n); repeats
 * the mirror for pads wider than the image, so tiny images stay defined. */
int reflect_index(int i, int n);

/* col[(c,ky,kx)][(gy-g0)*grid_w + gx] = image pixel (0 outside, zero pad),
 * for the channels [c0, c1) (so threads can share the work by channel). */
void im2col_gather(const im2col_geom *g, const float *image, int g0, int g1, float *col,
                   int c0, int c1);

/* image pixel += col entry, for every entry of channels [c0, c1): the
 * adjoint of gather, so that reflected positions receive the gradient of
 * every tap that read them. Channels own disjoint planes of the image. */
void col2im_scatter(const im2col_geom *g, const float *col, int g0, int g1, float *image,
                    int c0, int c1);

/* The same, all channels, shared by channel among the context's threads. */
void im2col_gather_threaded(exec_ctx *e, const im2col_geom *g, const float *image, int g0,
                            int g1, float *col);
void col2im_scatter_threaded(exec_ctx *e, const im2col_geom *g, const float *col, int g0,
                             int g1, float *image);

#endif
