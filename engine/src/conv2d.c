#include "conv2d.h"

#include <string.h>

#include "band.h"
#include "conv_few_outputs.h"
#include "winograd.h"

int conv2d_out_size(const conv2d *c, int in)
{
    return (in + 2 * c->pad - c->k) / c->stride + 1;
}

static im2col_geom conv2d_geom(const conv2d *c, int h, int w)
{
    im2col_geom g = {c->cin, h, w, c->k, c->stride, c->pad, c->mode, conv2d_out_size(c, w)};
    return g;
}

static int uses_winograd(const conv2d *c, const exec_ctx *e)
{
    return e->fast_conv && winograd_applies(c->k, c->stride, c->pad);
}

size_t conv2d_scratch_floats(const conv2d *c, const exec_ctx *e, int h, int w)
{
    size_t per_row = (size_t)c->cin * c->k * c->k * conv2d_out_size(c, w);
    size_t cols = per_row * band_rows(per_row, conv2d_out_size(c, h));
    if (uses_winograd(c, e)) {
        /* Forward and backward both go through Winograd: no column matrix. */
        cols = winograd_backward_scratch_floats(c->cin, c->cout, h, w);
    }
    if (e->fast_conv && conv_few_outputs_applies(c)) {
        size_t zf = conv_few_outputs_scratch_floats(c, h, w);
        cols = zf > cols ? zf : cols;
    }
    return cols;
}

static int uses_columns(const conv2d *c, const exec_ctx *e)
{
    return !uses_winograd(c, e) && !(e->fast_conv && conv_few_outputs_applies(c));
}

size_t conv2d_kept_cols_floats(const conv2d *c, const exec_ctx *e, int h, int w)
{
    if (!param_grad(c->weight) || !uses_columns(c, e))
        return 0;
    size_t n = (size_t)c->cin * c->k * c->k * conv2d_out_size(c, h) * conv2d_out_size(c, w);
    return n <= CONV2D_KEEP_COLS_MAX ? n : 0;
}

void conv2d_forward(const conv2d *c, const float *x, int h, int w, float *y, exec_ctx *e)
{
    conv2d_forward_keep(c, x, h, w, y, NULL, e);
}

/* Kept columns are stored band after band, each band as the scratch holds
 * it ([ckk, rows * wo]), so forward and backward do the same arithmetic
 * whether or not they are kept. */
void conv2d_forward_keep(const conv2d *c, const float *x, int h, int w, float *y, float *keep,
                         exec_ctx *e)
{
    if (uses_winograd(c, e)) {
        winograd_conv3x3(c->weight->data, c->cin, c->cout, c->mode, x, h, w, y, e);
        return;
    }
    if (e->fast_conv && conv_few_outputs_applies(c)) {
        conv_few_outputs_forward(c, x, h, w, y, e);
        return;
    }
    const im2col_geom g = conv2d_geom(c, h, w);
    const int ho = conv2d_out_size(c, h), wo = g.grid_w;
    const int ckk = c->cin * c->k * c->k;
    const size_t plane = (size_t)ho * wo;
    const int rows = band_rows((size_t)ckk * wo, ho);
    float *col = e->scratch.data;
    for (int r0 = 0; r0 < ho; r0 += rows) {
        int r1 = r0 + rows < ho ? r0 + rows : ho;
        int ncols = (r1 - r0) * wo;
        if (keep)
            col = keep + (size_t)ckk * r0 * wo;
        im2col_gather_threaded(e, &g, x, r0, r1, col);
        exec_sgemm(e, 0, 0, c->cout, ncols, ckk, 1.0f, c->weight->data, ckk, col, ncols, 0.0f,
                   y + (size_t)r0 * wo, (int)plane);
    }
}

void conv2d_backward(const conv2d *c, const float *x, int h, int w, const float *dy,
                     float *dx, exec_ctx *e)
{
    conv2d_backward_kept(c, x, h, w, dy, NULL, dx, e);
}

void conv2d_backward_kept(const conv2d *c, const float *x, int h, int w, const float *dy,
                          const float *kept, float *dx, exec_ctx *e)
{
    float *dw = exec_param_grad(e, c->weight);
    if (uses_winograd(c, e)) {
        winograd_conv3x3_backward(c->weight->data, c->cin, c->cout, c->mode, x, h, w, dy, dw, dx,
                                  e);
        return;
    }
    if (e->fast_conv && conv_few_outputs_applies(c)) {
        conv_few_outputs_backward(c, x, h, w, dy, dw, dx, e);
        return;
    }
    const im2col_geom g = conv2d_geom(c, h, w);
    const int ho = conv2d_out_size(c, h), wo = g.grid_w;
    const int ckk = c->cin * c->k * c->k;
    const size_t plane = (size_t)ho * wo;
    float *col = e->scratch.data;

    if (dx)
        memset(dx, 0, sizeof(float) * c->cin * h * w);

    const int rows = band_rows((size_t)ckk * wo, ho);
    for (int r0 = 0; r0 < ho; r0 += rows) {
        int r1 = r0 + rows < ho ? r0 + rows : ho;
        int ncols = (r1 - r0) * wo;
        const float *dy_band = dy + (size_t)r0 * wo;
        if (dw) {
            const float *band = col;
            if (kept)
                band = kept + (size_t)ckk * r0 * wo;
            else
                im2col_gather_threaded(e, &g, x, r0, r1, col);
            exec_sgemm(e, 0, 1, c->cout, ckk, ncols, 1.0f, dy_band, (int)plane, band, ncols, 1.0f,
                       dw, ckk);
        }
        if (dx) {
            exec_sgemm(e, 1, 0, ckk, ncols, c->cout, 1.0f, c->weight->data, ckk, dy_band,
                       (int)plane, 0.0f, col, ncols);
            col2im_scatter_threaded(e, &g, col, r0, r1, dx);
        }
    }
}
