#include "conv_transpose2d.h"

#include <string.h>

#include "band.h"
#include "im2col.h"

int conv_transpose2d_out_size(const conv_transpose2d *c, int in)
{
    return (in - 1) * c->stride - 2 * c->pad + c->k + c->output_pad;
}

/* The output is the image, the input the grid (see im2col.h). */
static im2col_geom convt_geom(const conv_transpose2d *c, int h, int w)
{
    im2col_geom g = {c->cout, conv_transpose2d_out_size(c, h), conv_transpose2d_out_size(c, w),
                     c->k, c->stride, c->pad, PAD_ZERO, w};
    return g;
}

size_t conv_transpose2d_scratch_floats(const conv_transpose2d *c, int h, int w)
{
    size_t per_row = (size_t)c->cout * c->k * c->k * w;
    return per_row * band_rows(per_row, h);
}

void conv_transpose2d_forward(const conv_transpose2d *c, const float *x, int h, int w,
                              float *y, exec_ctx *e)
{
    const im2col_geom g = convt_geom(c, h, w);
    const int ckk = c->cout * c->k * c->k;
    const size_t in_plane = (size_t)h * w, out_plane = (size_t)g.height * g.width;
    float *col = e->scratch.data;
    memset(y, 0, sizeof(float) * c->cout * out_plane);
    const int rows = band_rows((size_t)ckk * w, h);
    for (int r0 = 0; r0 < h; r0 += rows) {
        int r1 = r0 + rows < h ? r0 + rows : h;
        int ncols = (r1 - r0) * w;
        exec_sgemm(e, 1, 0, ckk, ncols, c->cin, 1.0f, c->weight->data, ckk, x + (size_t)r0 * w,
                   (int)in_plane, 0.0f, col, ncols);
        col2im_scatter_threaded(e, &g, col, r0, r1, y);
    }
}

void conv_transpose2d_backward(const conv_transpose2d *c, const float *x, int h, int w,
                               const float *dy, float *dx, exec_ctx *e)
{
    const im2col_geom g = convt_geom(c, h, w);
    const int ckk = c->cout * c->k * c->k;
    const size_t in_plane = (size_t)h * w;
    float *dw = exec_param_grad(e, c->weight);
    float *col = e->scratch.data;

    if (!dw && !dx)
        return;
    const int rows = band_rows((size_t)ckk * w, h);
    for (int r0 = 0; r0 < h; r0 += rows) {
        int r1 = r0 + rows < h ? r0 + rows : h;
        int ncols = (r1 - r0) * w;
        im2col_gather_threaded(e, &g, dy, r0, r1, col);
        if (dw)
            exec_sgemm(e, 0, 1, c->cin, ckk, ncols, 1.0f, x + (size_t)r0 * w, (int)in_plane, col,
                       ncols, 1.0f, dw, ckk);
        if (dx)
            exec_sgemm(e, 0, 0, c->cin, ncols, ckk, 1.0f, c->weight->data, ckk, col, ncols, 0.0f,
                       dx + (size_t)r0 * w, (int)in_plane);
    }
}
