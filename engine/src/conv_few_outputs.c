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

/* Input rows the taps of output rows [r0, r1) read, padding resolved: a
 * contiguous range [z0, z1), as reflection stays within p rows of an edge. */
static void band_input_rows(const conv2d *c, int h, int r0, int r1, int *z0, int *z1)
{
    *z0 = h;
    *z1 = 0;
    for (int yy = r0 - c->pad; yy <= r1 - 1 - c->pad + c->k - 1; yy++) {
        int s = source_row(yy, h, c->mode);
        if (s >= 0) {
            *z0 = s < *z0 ? s : *z0;
            *z1 = s + 1 > *z1 ? s + 1 : *z1;
        }
    }
    if (*z1 <= *z0)
        *z0 = *z1 = 0;
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
        int z0, z1;
        band_input_rows(c, h, r0, r1, &z0, &z1);
        const int zrows = z1 - z0, ncols = zrows * w;
        for (int o = 0; o < c->cout && ncols > 0; o++)
            exec_sgemm(e, 1, 0, kk, ncols, c->cin, 1.0f, c->weight->data + (size_t)o * c->cin * kk,
                       kk, x + (size_t)z0 * w, (int)in_plane, 0.0f, z + (size_t)o * kk * ncols,
                       ncols);
        shift_job j = {c, h, w, wo, z0, zrows, r0, z, y, (size_t)ho * wo};
        exec_run(e, r1 - r0, shift_rows, &j);
    }
}

/* The adjoint of shift_rows, one Z plane (output channel, tap) per task:
 * dZ[(o, tap)][source pixel] += dy[o][output pixel] for every output of rows
 * [r0, r1) that the tap reads that pixel for. Planes are disjoint, so
 * threads never write the same value. */
typedef struct unshift_job {
    const conv2d *c;
    int h, w, wo, z0, zrows, r0, r1;
    const float *dy;
    float *dz;
    size_t out_plane;
} unshift_job;

static void unshift_planes(void *arg, int part, int a, int b)
{
    const unshift_job *j = arg;
    const conv2d *c = j->c;
    const int k = c->k, kk = k * k, p = c->pad, w = j->w, wo = j->wo;
    const size_t zplane = (size_t)j->zrows * w;
    (void)part;
    for (int q = a; q < b; q++) {
        const int o = q / kk, ky = q % kk / k, kx = q % k;
        const int l = p - kx, r = w + p - kx; /* x - p + kx in [0, w), as in shift_rows */
        const int lo = l < 0 ? 0 : (l > wo ? wo : l), hi = r > wo ? wo : (r < lo ? lo : r);
        float *zq = j->dz + (size_t)q * zplane;
        memset(zq, 0, sizeof(float) * zplane);
        for (int y = j->r0; y < j->r1; y++) {
            /* Inside [z0, z0 + zrows) by band_input_rows's construction. */
            int sy = source_row(y - p + ky, j->h, c->mode);
            if (sy < 0)
                continue;
            const float *dy = j->dy + o * j->out_plane + (size_t)y * wo;
            float *z = zq + (size_t)(sy - j->z0) * w;
            for (int x = 0; x < lo; x++) {
                int sx = source_row(x - p + kx, w, c->mode);
                if (sx >= 0)
                    z[sx] += dy[x];
            }
            float *zs = z + (lo - p + kx);
            for (int x = 0; x < hi - lo; x++)
                zs[x] += dy[lo + x];
            for (int x = hi; x < wo; x++) {
                int sx = source_row(x - p + kx, w, c->mode);
                if (sx >= 0)
                    z[sx] += dy[x];
            }
        }
    }
}

/* Backward by the same factorisation: dZ = the adjoint shift of dy, then
 * dx = sum_o W_o dZ_o (k*k products per packed entry, not cout) and
 * dW_o += x dZ_o^T, instead of a rank-cout GEMM writing a column matrix
 * of cin*k*k rows and scattering it back. */
void conv_few_outputs_backward(const conv2d *c, const float *x, int h, int w, const float *dy,
                               float *dw, float *dx, exec_ctx *e)
{
    const int k = c->k, kk = k * k, ho = conv2d_out_size(c, h), wo = conv2d_out_size(c, w);
    const int rows = band_out_rows(c, h, w);
    const size_t in_plane = (size_t)h * w;
    float *z = e->scratch.data;
    if (dx)
        memset(dx, 0, sizeof(float) * c->cin * in_plane);
    for (int r0 = 0; r0 < ho; r0 += rows) {
        int r1 = r0 + rows < ho ? r0 + rows : ho;
        int z0, z1;
        band_input_rows(c, h, r0, r1, &z0, &z1);
        const int ncols = (z1 - z0) * w;
        if (ncols <= 0)
            continue;
        /* Rows shared with the next band get the rest of their gradient
         * there: dx and dW are sums, so the bands just add up. */
        unshift_job j = {c, h, w, wo, z0, z1 - z0, r0, r1, dy, z, (size_t)ho * wo};
        exec_run(e, c->cout * kk, unshift_planes, &j);
        for (int o = 0; o < c->cout; o++) {
            const float *z_o = z + (size_t)o * kk * ncols;
            if (dw) /* dW_o [cin x taps] += x [cin x pixels] dZ_o^T */
                exec_sgemm(e, 0, 1, c->cin, kk, ncols, 1.0f, x + (size_t)z0 * w, (int)in_plane,
                           z_o, ncols, 1.0f, dw + (size_t)o * c->cin * kk, kk);
            if (dx) /* dx [cin x pixels] += W_o [cin x taps] dZ_o */
                exec_sgemm(e, 0, 0, c->cin, ncols, kk, 1.0f,
                           c->weight->data + (size_t)o * c->cin * kk, kk, z_o, ncols, 1.0f,
                           dx + (size_t)z0 * w, (int)in_plane);
        }
    }
}
