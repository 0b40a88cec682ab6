/* winograd_backward.c: the gradients of winograd_conv3x3, as the exact
 * adjoint of its three linear steps (Lavin & Gray 2016, section 4.3).
 *
 * Forward, per tile and transform point p: M_p = U_p V_p with U = G g G^T,
 * V = B^T d B, and y = A^T M A. Going back, the output gradient of a tile
 * becomes Z = A dy A^T; then dU_p = sum over tiles Z_p V_p^T (one GEMM per
 * point, summed over every tile of the image) gives dg = G^T dU G, and
 * dV_p = U_p^T Z_p gives the input gradient dd = B dV B^T of every 6x6
 * tile, added into dx where the forward read it (reflected border pixels
 * receive the gradient of every tap that read them). Each GEMM is 4x
 * smaller than the im2col one and the column matrix and its col2im pass
 * disappear; rounding differs from the direct sums as in the forward.
 */
#include <string.h>

#include "blas.h"
#include "simd_clones.h"
#include "winograd.h"
#include "winograd_internal.h"

size_t winograd_backward_scratch_floats(int cin, int cout, int h, int w)
{
    /* U and dU, then V (reused for dV) and Z of one band. */
    wino_geom g = winograd_geom(cin, cout, h, w);
    return (size_t)2 * POINTS * cout * cin + (size_t)POINTS * (cin + cout) * g.band_tiles;
}

typedef struct back_job {
    wino_job f;     /* f.m holds Z; f.y is unused */
    const float *dy;
    float *du, *dw, *dx;
    int first_band; /* dU is overwritten by the first band, then accumulates */
} back_job;

/* Columns of A^T applied back: z = A o, for o of four rows of lanes. */
#define A_APPLY(IN, OUT)                                                       \
    for (int l = 0; l < LANES; l++) {                                          \
        float o0 = IN(0), o1 = IN(1), o2 = IN(2), o3 = IN(3);                  \
        float s02 = o0 + o2, s13 = o1 + o3, q = o0 + 4.0f * o2;                \
        float r = 2.0f * o1 + 8.0f * o3;                                       \
        OUT(0) = o0;                                                           \
        OUT(1) = s02 + s13;                                                    \
        OUT(2) = s02 - s13;                                                    \
        OUT(3) = q + r;                                                        \
        OUT(4) = q - r;                                                        \
        OUT(5) = o3;                                                           \
    }

/* Z = A dy A^T per output channel; outputs cropped by the forward pass (and
 * lanes past the band) are zero, so they add nothing to dU or dV. */
SIMD_CLONES static void output_grad_share(void *arg, int part, int k0, int k1)
{
    const back_job *b = arg;
    const wino_job *j = &b->f;
    const wino_geom *g = j->g;
    const size_t plane = (size_t)g->h * g->w, stride = (size_t)g->cout * g->band_tiles;
    float o[4][4][LANES], t[6][4][LANES], z[6][6][LANES];
    (void)part;
    for (int k = k0; k < k1; k++) {
        const float *dyk = b->dy + k * plane;
        for (int t0 = 0; t0 < j->ncols; t0 += LANES) {
            memset(o, 0, sizeof o);
            for (int l = 0; l < LANES && t0 + l < j->ntiles; l++) {
                int tile = t0 + l;
                int y0 = 4 * (j->ty0 + tile / g->tiles_x), x0 = 4 * (tile % g->tiles_x);
                int rows = g->h - y0 < 4 ? g->h - y0 : 4, cols = g->w - x0 < 4 ? g->w - x0 : 4;
                for (int i = 0; i < rows; i++)
                    for (int x = 0; x < cols; x++)
                        o[i][x][l] = dyk[(size_t)(y0 + i) * g->w + x0 + x];
            }
            for (int x = 0; x < 4; x++) {
#define IN_OCOL(i) o[i][x][l]
#define OUT_OCOL(i) t[i][x][l]
                A_APPLY(IN_OCOL, OUT_OCOL)
            }
            for (int i = 0; i < 6; i++) {
#define IN_OROW(x) t[i][x][l]
#define OUT_OROW(x) z[i][x][l]
                A_APPLY(IN_OROW, OUT_OROW)
            }
            float *dst = j->m + (size_t)k * g->band_tiles + t0;
            for (int i = 0; i < 6; i++)
                for (int x = 0; x < 6; x++) {
                    float *d = dst + (size_t)(i * 6 + x) * stride;
                    for (int l = 0; l < LANES; l++)
                        d[l] = z[i][x][l];
                }
        }
    }
}

/* Per point: dU_p (+)= Z_p V_p^T, then dV_p = U_p^T Z_p into V_p's place. */
static void gemm_back_share(void *arg, int part, int p0, int p1)
{
    const back_job *b = arg;
    const wino_job *j = &b->f;
    const wino_geom *g = j->g;
    const int bt = (int)g->band_tiles, cin = g->cin, cout = g->cout;
    (void)part;
    for (int p = p0; p < p1; p++) {
        const float *z = j->m + (size_t)p * cout * bt;
        float *v = j->v + (size_t)p * cin * bt;
        if (b->dw)
            blas_sgemm(0, 1, cout, cin, j->ncols, 1.0f, z, bt, v, bt, b->first_band ? 0.0f : 1.0f,
                       b->du + (size_t)p * cout * cin, cin);
        if (b->dx)
            blas_sgemm(1, 0, cin, j->ncols, cout, 1.0f, j->u + (size_t)p * cout * cin, cin, z, bt,
                       0.0f, v, bt);
    }
}

/* Rows of B^T applied back: o = B v, for v of six rows of lanes. */
#define B_APPLY(IN, OUT)                                                       \
    for (int l = 0; l < LANES; l++) {                                          \
        float v0 = IN(0), v1 = IN(1), v2 = IN(2), v3 = IN(3), v4 = IN(4), v5 = IN(5); \
        OUT(0) = 4.0f * v0;                                                    \
        OUT(1) = 4.0f * (v2 - v1 + v5) + 2.0f * (v4 - v3);                     \
        OUT(2) = -5.0f * v0 - 4.0f * (v1 + v2) - v3 - v4;                      \
        OUT(3) = v1 - v2 + 2.0f * (v3 - v4) - 5.0f * v5;                       \
        OUT(4) = v0 + v1 + v2 + v3 + v4;                                       \
        OUT(5) = v5;                                                           \
    }

/* The adjoint of load_tile: adds a 6x6 tile gradient where it was read. */
static void add_tile(float *dxc, int h, int w, pad_mode mode, int y0, int x0,
                     float d[6][6][LANES], int lane)
{
    if (y0 >= 0 && x0 >= 0 && y0 + 6 <= h && x0 + 6 <= w) {
        float *p = dxc + (size_t)y0 * w + x0;
        for (int i = 0; i < 6; i++)
            for (int x = 0; x < 6; x++)
                p[(size_t)i * w + x] += d[i][x][lane];
        return;
    }
    for (int i = 0; i < 6; i++) {
        int r = pad_index(y0 + i, h, mode);
        for (int x = 0; x < 6; x++) {
            int c = pad_index(x0 + x, w, mode);
            if (r >= 0 && c >= 0)
                dxc[(size_t)r * w + c] += d[i][x][lane];
        }
    }
}

/* dd = B dV B^T per input channel, added into dx; channels own disjoint
 * planes, so threads never write the same pixel. */
SIMD_CLONES static void input_grad_share(void *arg, int part, int c0, int c1)
{
    const back_job *b = arg;
    const wino_job *j = &b->f;
    const wino_geom *g = j->g;
    const size_t plane = (size_t)g->h * g->w, stride = (size_t)g->cin * g->band_tiles;
    float v[6][6][LANES], t[6][6][LANES];
    (void)part;
    for (int c = c0; c < c1; c++) {
        float *dxc = b->dx + c * plane;
        for (int t0 = 0; t0 < j->ntiles; t0 += LANES) {
            const float *src = j->v + (size_t)c * g->band_tiles + t0;
            for (int i = 0; i < 6; i++)
                for (int x = 0; x < 6; x++) {
                    const float *s = src + (size_t)(i * 6 + x) * stride;
                    for (int l = 0; l < LANES; l++)
                        v[i][x][l] = s[l];
                }
            for (int x = 0; x < 6; x++) {
#define IN_VCOL(i) v[i][x][l]
#define OUT_VCOL(i) t[i][x][l]
                B_APPLY(IN_VCOL, OUT_VCOL)
            }
            for (int i = 0; i < 6; i++) {
#define IN_VROW(x) t[i][x][l]
#define OUT_VROW(x) v[i][x][l]
                B_APPLY(IN_VROW, OUT_VROW)
            }
            for (int l = 0; l < LANES && t0 + l < j->ntiles; l++) {
                int tile = t0 + l;
                int ty = j->ty0 + tile / g->tiles_x, tx = tile % g->tiles_x;
                add_tile(dxc, g->h, g->w, j->mode, 4 * ty - 1, 4 * tx - 1, v, l);
            }
        }
    }
}

/* G^T applied across six rows of lanes: the three columns of G (winograd.c). */
#define GT_APPLY(IN, OUT)                                                      \
    for (int l = 0; l < LANES; l++) {                                          \
        const float sixth = 1.0f / 6.0f, twelfth = 1.0f / 12.0f, tf = 1.0f / 24.0f; \
        float u0 = IN(0), u1 = IN(1), u2 = IN(2), u3 = IN(3), u4 = IN(4), u5 = IN(5); \
        OUT(0) = 0.25f * u0 - sixth * (u1 + u2) + tf * (u3 + u4);              \
        OUT(1) = sixth * (u2 - u1) + twelfth * (u3 - u4);                      \
        OUT(2) = sixth * (u3 + u4 - u1 - u2) + u5;                             \
    }

/* dg = G^T dU G per filter, added into the weight gradient; sixteen input
 * channels at a time across the lanes, as the forward filter transform. */
SIMD_CLONES static void filter_grad_share(void *arg, int part, int k0, int k1)
{
    const back_job *b = arg;
    const int cin = b->f.g->cin, cout = b->f.g->cout;
    const size_t stride = (size_t)cout * cin;
    float du[6][6][LANES], t[3][6][LANES], o[3][3][LANES];
    (void)part;
    for (int k = k0; k < k1; k++)
        for (int c0 = 0; c0 < cin; c0 += LANES) {
            const int n = cin - c0 < LANES ? cin - c0 : LANES;
            const float *src = b->du + (size_t)k * cin + c0;
            for (int p = 0; p < POINTS; p++)
                for (int l = 0; l < LANES; l++)
                    du[p / 6][p % 6][l] = l < n ? src[(size_t)p * stride + l] : 0.0f;
            for (int x = 0; x < 6; x++) {
#define IN_DCOL(i) du[i][x][l]
#define OUT_DCOL(i) t[i][x][l]
                GT_APPLY(IN_DCOL, OUT_DCOL)
            }
            for (int i = 0; i < 3; i++) {
#define IN_DROW(x) t[i][x][l]
#define OUT_DROW(x) o[i][x][l]
                GT_APPLY(IN_DROW, OUT_DROW)
            }
            float *dw = b->dw + ((size_t)k * cin + c0) * 9;
            for (int l = 0; l < n; l++)
                for (int q = 0; q < 9; q++)
                    dw[(size_t)l * 9 + q] += o[q / 3][q % 3][l];
        }
}

void winograd_conv3x3_backward(const float *weight, int cin, int cout, pad_mode mode,
                               const float *x, int h, int w, const float *dy, float *dw,
                               float *dx, exec_ctx *e)
{
    if (!dw && !dx)
        return;
    const wino_geom g = winograd_geom(cin, cout, h, w);
    float *u = e->scratch.data;
    float *du = u + (size_t)POINTS * cout * cin;
    float *v = du + (size_t)POINTS * cout * cin;
    float *z = v + (size_t)POINTS * cin * g.band_tiles;
    back_job b = {{&g, weight, x, u, v, z, NULL, mode, 0, 0, 0}, dy, du, dw, dx, 1};
    if (dx) {
        memset(dx, 0, sizeof(float) * cin * h * w);
        winograd_filter_transform(e, &b.f);
    }
    for (int ty0 = 0; ty0 < g.tiles_y; ty0 += g.band_rows) {
        winograd_band(&b.f, ty0);
        if (dw)
            winograd_input_transform(e, &b.f);
        exec_run(e, cout, output_grad_share, &b);
        exec_run(e, POINTS, gemm_back_share, &b);
        if (dx)
            exec_run(e, cin, input_grad_share, &b);
        b.first_band = 0;
    }
    if (dw)
        exec_run(e, cout, filter_grad_share, &b);
}
