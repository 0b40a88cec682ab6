#include "conv2d.h"

#include "band.h"
#include "bias.h"
#include "blas.h"

int conv2d_out_size(const conv2d *c, int in)
{
    return (in + 2 * c->pad - c->k) / c->stride + 1;
}

static im2col_geom conv2d_geom(const conv2d *c, int h, int w)
{
    im2col_geom g = {c->cin, h, w, c->k, c->stride, c->pad, c->mode, conv2d_out_size(c, w)};
    return g;
}

size_t conv2d_scratch_floats(const conv2d *c, int h, int w)
{
    size_t per_row = (size_t)c->cin * c->k * c->k * conv2d_out_size(c, w);
    return per_row * band_rows(per_row, conv2d_out_size(c, h));
}

void conv2d_forward(const conv2d *c, const float *x, int h, int w, float *y, float *scratch)
{
    const im2col_geom g = conv2d_geom(c, h, w);
    const int ho = conv2d_out_size(c, h), wo = g.grid_w;
    const int ckk = c->cin * c->k * c->k;
    const size_t plane = (size_t)ho * wo;
    const int rows = band_rows((size_t)ckk * wo, ho);
    for (int r0 = 0; r0 < ho; r0 += rows) {
        int r1 = r0 + rows < ho ? r0 + rows : ho;
        int ncols = (r1 - r0) * wo;
        im2col_gather(&g, x, r0, r1, scratch);
        blas_sgemm(0, 0, c->cout, ncols, ckk, 1.0f, c->weight->data, ckk, scratch, ncols,
                   0.0f, y + (size_t)r0 * wo, (int)plane);
    }
    bias_forward(y, c->bias->data, c->cout, plane);
}

void conv2d_backward(const conv2d *c, const float *x, int h, int w, const float *dy,
                     float *dx, float *scratch)
{
    const im2col_geom g = conv2d_geom(c, h, w);
    const int ho = conv2d_out_size(c, h), wo = g.grid_w;
    const int ckk = c->cin * c->k * c->k;
    const size_t plane = (size_t)ho * wo;
    float *dw = param_grad(c->weight), *db = param_grad(c->bias);

    if (db)
        bias_backward(dy, c->cout, plane, db);
    if (dx)
        for (size_t i = 0; i < (size_t)c->cin * h * w; i++)
            dx[i] = 0.0f;

    const int rows = band_rows((size_t)ckk * wo, ho);
    for (int r0 = 0; r0 < ho; r0 += rows) {
        int r1 = r0 + rows < ho ? r0 + rows : ho;
        int ncols = (r1 - r0) * wo;
        const float *dy_band = dy + (size_t)r0 * wo;
        if (dw) {
            im2col_gather(&g, x, r0, r1, scratch);
            blas_sgemm(0, 1, c->cout, ckk, ncols, 1.0f, dy_band, (int)plane, scratch, ncols,
                       1.0f, dw, ckk);
        }
        if (dx) {
            blas_sgemm(1, 0, ckk, ncols, c->cout, 1.0f, c->weight->data, ckk, dy_band,
                       (int)plane, 0.0f, scratch, ncols);
            col2im_scatter(&g, scratch, r0, r1, dx);
        }
    }
}
