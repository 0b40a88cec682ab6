#include "conv_few_outputs.h"

#include <string.h>

#include "band.h"

int conv_few_outputs_applies(const conv2d *c)
{
    return c->stride == 1 && c->k > 1 && c->cout <= 4;
}

/* Output rows per band: Z covers them plus the k - 1 rows the taps reach. */
static int band_out_rows(const conv2d *c, int h, int w)
{
    const int ho = conv2d_out_size(c, h);
    size_t per_row = (size_t)c->cout * c->k * c->k * w;
    int rows = band_rows(per_row, ho + c->k - 1) - (c->k - 1);
    return rows < 1 ? 1 : (rows > ho ? ho : rows);
}

size_t conv_few_outputs_scratch_floats(const conv2d *c, int h, int w)
{
    int rows = band_out_rows(c, h, w) + c->k - 1;
    return (size_t)c->cout * c->k * c->k * (rows < h ? rows : h) * w;
}

static inline int source_row(int pos, int n, pad_mode mode)
{
    if (pos >= 0 && pos < n)
        return pos;
    return mode == PAD_REFLECT ? reflect_index(pos, n) : -1;
}

typedef struct shift_job {
    const conv2d *c;
    int h, w, wo, z0, zrows, r0;
    const float *z;
    float *y;
    size_t out_plane;
} shift_job;

/* y rows [r0 + a, r0 + b) = sum over taps of the shifted Z planes. */
static void shift_rows(void *arg, int part, int a, int b)
{
    const shift_job *j = arg;
    const conv2d *c = j->c;
    const int k = c->k, p = c->pad, w = j->w, wo = j->wo;
    const size_t zplane = (size_t)j->zrows * w;
    int lo[16], hi[16]; /* per kx: output columns whose source is inside (k <= 16) */
    (void)part;
    for (int kx = 0; kx < k; kx++) {
        int l = p - kx, r = w + p - kx; /* x - p + kx in [0, w) */
        lo[kx] = l < 0 ? 0 : (l > wo ? wo : l);
        hi[kx] = r > wo ? wo : (r < lo[kx] ? lo[kx] : r);
    }
    for (int o = 0; o < c->cout; o++)
        for (int y = j->r0 + a; y < j->r0 + b; y++) {
            float *out = j->y + o * j->out_plane + (size_t)y * wo;
            memset(out, 0, sizeof(float) * wo);
            for (int ky = 0; ky < k; ky++) {
                int sy = source_row(y - p + ky, j->h, c->mode);
                if (sy < 0)
                    continue;
                for (int kx = 0; kx < k; kx++) {
                    const float *z = j->z + (size_t)((o * k + ky) * k + kx) * zplane +
                                     (size_t)(sy - j->z0) * w;
                    for (int x = 0; x < lo[kx]; x++) {
                        int sx = source_row(x - p + kx, w, c->mode);
                        out[x] += sx < 0 ? 0.0f : z[sx];
                    }
                    const float *zs = z + (lo[kx] - p + kx); /* inside: index >= 0 */
                    for (int x = 0; x < hi[kx] - lo[kx]; x++)
                        out[lo[kx] + x] += zs[x];
                    for (int x = hi[kx]; x < wo; x++) {
                        int sx = source_row(x - p + kx, w, c->mode);
                        out[x] += sx < 0 ? 0.0f : z[sx];
                    }
                }
            }
        }
}

void conv_few_outputs_forward(const conv2d *c, const float *x, int h, int w, float *y,
                              exec_ctx *e)
{
    const int k = c->k, kk = k * k, ho = conv2d_out_size(c, h), wo = conv2d_out_size(c, w);
    const int rows = band_out_rows(c, h, w);
    const size_t in_plane = (size_t)h * w;
    float *z = e->scratch.data;
    for (int r0 = 0; r0 < ho; r0 += rows) {
        int r1 = r0 + rows < ho ? r0 + rows : ho;
        /* Input rows the band's taps read, padding resolved: a contiguous
         * range, as reflection stays within p rows of an edge. */
        int z0 = h, z1 = 0;
        for (int yy = r0 - c->pad; yy <= r1 - 1 - c->pad + k - 1; yy++) {
            int s = source_row(yy, h, c->mode);
            if (s >= 0) {
                z0 = s < z0 ? s : z0;
                z1 = s + 1 > z1 ? s + 1 : z1;
            }
        }
        if (z1 <= z0)
            z0 = z1 = 0;
        const int zrows = z1 - z0, ncols = zrows * w;
        for (int o = 0; o < c->cout && ncols > 0; o++)
            exec_sgemm(e, 1, 0, kk, ncols, c->cin, 1.0f, c->weight->data + (size_t)o * c->cin * kk,
                       kk, x + (size_t)z0 * w, (int)in_plane, 0.0f, z + (size_t)o * kk * ncols,
                       ncols);
        shift_job j = {c, h, w, wo, z0, zrows, r0, z, y, (size_t)ho * wo};
        exec_run(e, r1 - r0, shift_rows, &j);
    }
}
