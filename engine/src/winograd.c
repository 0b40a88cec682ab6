#include "winograd.h"

#include "blas.h"
#include "winograd_internal.h"
#include "simd_clones.h"

int winograd_applies(int k, int stride, int pad)
{
    return k == 3 && stride == 1 && pad == 1;
}

wino_geom winograd_geom(int cin, int cout, int h, int w)
{
    wino_geom g = {cin, cout, h, w, (w + 3) / 4, (h + 3) / 4, 1, 0};
    size_t per_tile = (size_t)POINTS * (cin + cout);
    size_t rows = BAND_FLOATS / (per_tile * g.tiles_x);
    g.band_rows = rows < 1 ? 1 : (rows > (size_t)g.tiles_y ? g.tiles_y : (int)rows);
    g.band_tiles = ((size_t)g.band_rows * g.tiles_x + LANES - 1) / LANES * LANES;
    return g;
}

void winograd_band(wino_job *j, int ty0)
{
    const wino_geom *g = j->g;
    int rows = g->tiles_y - ty0 < g->band_rows ? g->tiles_y - ty0 : g->band_rows;
    j->ty0 = ty0;
    j->ntiles = rows * g->tiles_x;
    j->ncols = (j->ntiles + LANES - 1) / LANES * LANES;
}

size_t winograd_scratch_floats(int cin, int cout, int h, int w)
{
    wino_geom g = winograd_geom(cin, cout, h, w);
    return (size_t)POINTS * cout * cin + (size_t)POINTS * (cin + cout) * g.band_tiles;
}

/* ---- Filter transform U = G g G^T, per (k, c), point-major ------------- */

/* G = [1/4 0 0; -1/6 -1/6 -1/6; -1/6 1/6 -1/6; 1/24 1/12 1/6;
 * 1/24 -1/12 1/6; 0 0 1], applied across three rows of lanes. */
#define G_APPLY(IN, OUT)                                                       \
    for (int l = 0; l < LANES; l++) {                                          \
        const float sixth = 1.0f / 6.0f, twelfth = 1.0f / 12.0f, tf = 1.0f / 24.0f; \
        float a = IN(0), b = IN(1), c = IN(2);                                 \
        OUT(0) = 0.25f * a;                                                    \
        OUT(1) = -sixth * (a + b + c);                                         \
        OUT(2) = -sixth * (a - b + c);                                         \
        OUT(3) = tf * a + twelfth * b + sixth * c;                             \
        OUT(4) = tf * a - twelfth * b + sixth * c;                             \
        OUT(5) = c;                                                            \
    }

/* Sixteen input channels of one filter at a time, across the lanes: the
 * transform is as much work per filter as a GEMM column at the residual
 * blocks' 64 tiles, so it has to run at vector speed too, and each of the
 * 36 points then stores 16 consecutive floats. */
SIMD_CLONES static void filter_share(void *arg, int part, int k0, int k1)
{
    const wino_job *j = arg;
    const int cin = j->g->cin, cout = j->g->cout;
    const size_t stride = (size_t)cout * cin;
    float f[9][LANES], t[6][3][LANES], o[6][6][LANES];
    (void)part;
    for (int k = k0; k < k1; k++)
        for (int c0 = 0; c0 < cin; c0 += LANES) {
            const int n = cin - c0 < LANES ? cin - c0 : LANES;
            const float *src = j->weight + ((size_t)k * cin + c0) * 9;
            for (int l = 0; l < LANES; l++)
                for (int q = 0; q < 9; q++)
                    f[q][l] = l < n ? src[(size_t)l * 9 + q] : 0.0f;
            for (int x = 0; x < 3; x++) {
#define IN_FCOL(i) f[3 * (i) + x][l]
#define OUT_FCOL(i) t[i][x][l]
                G_APPLY(IN_FCOL, OUT_FCOL)
            }
            for (int i = 0; i < 6; i++) {
#define IN_FROW(x) t[i][x][l]
#define OUT_FROW(x) o[i][x][l]
                G_APPLY(IN_FROW, OUT_FROW)
            }
            float *dst = j->u + (size_t)k * cin + c0;
            for (int p = 0; p < POINTS; p++)
                for (int l = 0; l < n; l++)
                    dst[(size_t)p * stride + l] = o[p / 6][p % 6][l];
        }
}

/* ---- Input transform V = B^T d B, per channel --------------------------- */

static void load_tile(const float *xc, int h, int w, pad_mode mode, int y0, int x0,
                      float d[6][6][LANES], int lane)
{
    if (y0 >= 0 && x0 >= 0 && y0 + 6 <= h && x0 + 6 <= w) {
        const float *p = xc + (size_t)y0 * w + x0;
        for (int i = 0; i < 6; i++)
            for (int x = 0; x < 6; x++)
                d[i][x][lane] = p[(size_t)i * w + x];
        return;
    }
    for (int i = 0; i < 6; i++) {
        int r = pad_index(y0 + i, h, mode);
        for (int x = 0; x < 6; x++) {
            int c = pad_index(x0 + x, w, mode);
            d[i][x][lane] = r < 0 || c < 0 ? 0.0f : xc[(size_t)r * w + c];
        }
    }
}

/* B^T = [4 0 -5 0 1 0; 0 -4 -4 1 1 0; 0 4 -4 -1 1 0; 0 -2 -1 2 1 0;
 *        0 2 -1 -2 1 0; 0 4 0 -5 0 1], applied across six rows of lanes. */
#define BT_APPLY(IN, OUT)                                                           \
    for (int l = 0; l < LANES; l++) {                                               \
        float d0 = IN(0), d1 = IN(1), d2 = IN(2), d3 = IN(3), d4 = IN(4), d5 = IN(5); \
        OUT(0) = 4.0f * d0 - 5.0f * d2 + d4;                                        \
        OUT(1) = -4.0f * (d1 + d2) + d3 + d4;                                       \
        OUT(2) = 4.0f * (d1 - d2) - d3 + d4;                                        \
        OUT(3) = 2.0f * (d3 - d1) - d2 + d4;                                        \
        OUT(4) = 2.0f * (d1 - d3) - d2 + d4;                                        \
        OUT(5) = 4.0f * d1 - 5.0f * d3 + d5;                                        \
    }

SIMD_CLONES static void input_share(void *arg, int part, int c0, int c1)
{
    const wino_job *j = arg;
    const wino_geom *g = j->g;
    const size_t plane = (size_t)g->h * g->w, stride = (size_t)g->cin * g->band_tiles;
    float d[6][6][LANES], t[6][6][LANES];
    (void)part;
    for (int c = c0; c < c1; c++) {
        const float *xc = j->x + c * plane;
        for (size_t t0 = 0; (int)t0 < j->ncols; t0 += LANES) {
            for (int l = 0; l < LANES; l++) {
                size_t tile = t0 + l;
                if ((int)tile >= j->ntiles) { /* lanes past the band: any value */
                    for (int i = 0; i < 6; i++)
                        for (int x = 0; x < 6; x++)
                            d[i][x][l] = 0.0f;
                    continue;
                }
                int ty = j->ty0 + (int)(tile / g->tiles_x), tx = (int)(tile % g->tiles_x);
                load_tile(xc, g->h, g->w, j->mode, 4 * ty - 1, 4 * tx - 1, d, l);
            }
            for (int x = 0; x < 6; x++) {
#define IN_COL(i) d[i][x][l]
#define OUT_COL(i) t[i][x][l]
                BT_APPLY(IN_COL, OUT_COL)
            }
            for (int i = 0; i < 6; i++) {
#define IN_ROW(x) t[i][x][l]
#define OUT_ROW(x) d[i][x][l]
                BT_APPLY(IN_ROW, OUT_ROW)
            }
            float *v = j->v + (size_t)c * g->band_tiles + t0;
            for (int i = 0; i < 6; i++)
                for (int x = 0; x < 6; x++) {
                    float *dst = v + (size_t)(i * 6 + x) * stride;
                    for (int l = 0; l < LANES; l++)
                        dst[l] = d[i][x][l];
                }
        }
    }
}

void winograd_filter_transform(exec_ctx *e, wino_job *j)
{
    int fresh = 0;
    float *kept = e->filters ? filter_cache_slot(e->filters, j->weight,
                                                 (size_t)POINTS * j->g->cout * j->g->cin, &fresh)
                             : NULL;
    if (kept)
        j->u = kept;
    if (!fresh)
        exec_run(e, j->g->cout, filter_share, j);
}

void winograd_input_transform(exec_ctx *e, wino_job *j)
{
    exec_run(e, j->g->cin, input_share, j);
}

/* ---- The 36 GEMMs: M_p = U_p V_p --------------------------------------- */

static void gemm_share(void *arg, int part, int p0, int p1)
{
    const wino_job *j = arg;
    const wino_geom *g = j->g;
    const int bt = (int)g->band_tiles;
    (void)part;
    for (int p = p0; p < p1; p++)
        blas_sgemm(0, 0, g->cout, j->ncols, g->cin, 1.0f, j->u + (size_t)p * g->cout * g->cin, g->cin,
                   j->v + (size_t)p * g->cin * bt, bt, 0.0f, j->m + (size_t)p * g->cout * bt, bt);
}

/* ---- Output transform Y = A^T M A, per output channel -------------------- */

/* A^T = [1 1 1 1 1 0; 0 1 -1 2 -2 0; 0 1 1 4 4 0; 0 1 -1 8 -8 1]. */
#define AT_APPLY(IN, OUT)                                                           \
    for (int l = 0; l < LANES; l++) {                                               \
        float m0 = IN(0), m1 = IN(1), m2 = IN(2), m3 = IN(3), m4 = IN(4), m5 = IN(5); \
        float s12 = m1 + m2, d12 = m1 - m2, s34 = m3 + m4, d34 = m3 - m4;           \
        OUT(0) = m0 + s12 + s34;                                                    \
        OUT(1) = d12 + 2.0f * d34;                                                  \
        OUT(2) = s12 + 4.0f * s34;                                                  \
        OUT(3) = d12 + 8.0f * d34 + m5;                                             \
    }

SIMD_CLONES static void output_share(void *arg, int part, int k0, int k1)
{
    const wino_job *j = arg;
    const wino_geom *g = j->g;
    const size_t plane = (size_t)g->h * g->w, stride = (size_t)g->cout * g->band_tiles;
    float m[6][6][LANES], t[4][6][LANES], o[4][4][LANES];
    (void)part;
    for (int k = k0; k < k1; k++) {
        float *yk = j->y + k * plane;
        for (size_t t0 = 0; t0 < g->band_tiles && (int)t0 < j->ntiles; t0 += LANES) {
            const float *src = j->m + (size_t)k * g->band_tiles + t0;
            for (int i = 0; i < 6; i++)
                for (int x = 0; x < 6; x++) {
                    const float *s = src + (size_t)(i * 6 + x) * stride;
                    for (int l = 0; l < LANES; l++)
                        m[i][x][l] = s[l];
                }
            for (int x = 0; x < 6; x++) {
#define IN_MCOL(i) m[i][x][l]
#define OUT_MCOL(i) t[i][x][l]
                AT_APPLY(IN_MCOL, OUT_MCOL)
            }
            for (int i = 0; i < 4; i++) {
#define IN_MROW(x) t[i][x][l]
#define OUT_MROW(x) o[i][x][l]
                AT_APPLY(IN_MROW, OUT_MROW)
            }
            for (int l = 0; l < LANES && (int)t0 + l < j->ntiles; l++) {
                size_t tile = t0 + l;
                int ty = j->ty0 + (int)(tile / g->tiles_x), tx = (int)(tile % g->tiles_x);
                int y0 = 4 * ty, x0 = 4 * tx;
                int rows = g->h - y0 < 4 ? g->h - y0 : 4, cols = g->w - x0 < 4 ? g->w - x0 : 4;
                for (int i = 0; i < rows; i++) {
                    float *dst = yk + (size_t)(y0 + i) * g->w + x0;
                    for (int x = 0; x < cols; x++)
                        dst[x] = o[i][x][l];
                }
            }
        }
    }
}

void winograd_conv3x3(const float *weight, int cin, int cout, pad_mode mode, const float *x,
                      int h, int w, float *y, exec_ctx *e)
{
    const wino_geom g = winograd_geom(cin, cout, h, w);
    float *u = e->scratch.data;
    float *v = u + (size_t)POINTS * cout * cin;
    float *m = v + (size_t)POINTS * cin * g.band_tiles;
    wino_job j = {&g, weight, x, u, v, m, y, mode, 0, 0, 0};
    winograd_filter_transform(e, &j);
    for (int ty0 = 0; ty0 < g.tiles_y; ty0 += g.band_rows) {
        winograd_band(&j, ty0);
        winograd_input_transform(e, &j);
        exec_run(e, POINTS, gemm_share, &j);
        exec_run(e, cout, output_share, &j);
    }
}
