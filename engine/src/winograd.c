#include "winograd.h"

#include "blas.h"
#include "simd_clones.h"

/* Tiles are transformed 16 at a time: the innermost loops run across the
 * 16 tiles, which compilers turn into whole vectors on any SIMD width
 * without intrinsics. */
#define LANES 16
#define POINTS 36
/* V and M of one band of tile rows: about 64 MB, so a 24-megapixel full
 * resolution run stays bounded, while each of the 36 GEMMs still gets
 * several hundred columns. */
#define BAND_FLOATS ((size_t)16 << 20)

int winograd_applies(int k, int stride, int pad)
{
    return k == 3 && stride == 1 && pad == 1;
}

typedef struct wino_geom {
    int cin, cout, h, w, tiles_x, tiles_y;
    int band_rows;  /* tile rows per band */
    size_t band_tiles; /* columns of V and M: band_rows * tiles_x rounded up to LANES */
} wino_geom;

static wino_geom geom_for(int cin, int cout, int h, int w)
{
    wino_geom g = {cin, cout, h, w, (w + 3) / 4, (h + 3) / 4, 1, 0};
    size_t per_tile = (size_t)POINTS * (cin + cout);
    size_t rows = BAND_FLOATS / (per_tile * g.tiles_x);
    g.band_rows = rows < 1 ? 1 : (rows > (size_t)g.tiles_y ? g.tiles_y : (int)rows);
    g.band_tiles = ((size_t)g.band_rows * g.tiles_x + LANES - 1) / LANES * LANES;
    return g;
}

size_t winograd_scratch_floats(int cin, int cout, int h, int w)
{
    wino_geom g = geom_for(cin, cout, h, w);
    return (size_t)POINTS * cout * cin + (size_t)POINTS * (cin + cout) * g.band_tiles;
}

/* ---- Filter transform U = G g G^T, per (k, c), point-major ------------- */

typedef struct wino_job {
    const wino_geom *g;
    const float *weight, *x;
    float *u, *v, *m, *y;
    pad_mode mode;
    int ty0, ntiles; /* band: first tile row, valid tiles */
    int ncols;       /* ntiles rounded up to LANES: the columns computed */
} wino_job;

/* G applied to three values: the six rows of G = [1/4 0 0; -1/6 -1/6 -1/6;
 * -1/6 1/6 -1/6; 1/24 1/12 1/6; 1/24 -1/12 1/6; 0 0 1]. */
static void g_apply(float a, float b, float c, float out[6])
{
    const float sixth = 1.0f / 6.0f, twelfth = 1.0f / 12.0f, tf = 1.0f / 24.0f;
    out[0] = 0.25f * a;
    out[1] = -sixth * (a + b + c);
    out[2] = -sixth * (a - b + c);
    out[3] = tf * a + twelfth * b + sixth * c;
    out[4] = tf * a - twelfth * b + sixth * c;
    out[5] = c;
}

SIMD_CLONES static void filter_share(void *arg, int part, int k0, int k1)
{
    const wino_job *j = arg;
    const int cin = j->g->cin, cout = j->g->cout;
    const size_t stride = (size_t)cout * cin;
    (void)part;
    for (int k = k0; k < k1; k++)
        for (int c = 0; c < cin; c++) {
            const float *f = j->weight + ((size_t)k * cin + c) * 9;
            float t[6][3], col[3][6], out[6];
            for (int x = 0; x < 3; x++) {
                g_apply(f[x], f[3 + x], f[6 + x], col[x]);
                for (int i = 0; i < 6; i++)
                    t[i][x] = col[x][i];
            }
            for (int i = 0; i < 6; i++) {
                g_apply(t[i][0], t[i][1], t[i][2], out);
                for (int x = 0; x < 6; x++)
                    j->u[(size_t)(i * 6 + x) * stride + (size_t)k * cin + c] = out[x];
            }
        }
}

/* ---- Input transform V = B^T d B, per channel --------------------------- */

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
    const wino_geom g = geom_for(cin, cout, h, w);
    float *u = e->scratch.data;
    float *v = u + (size_t)POINTS * cout * cin;
    float *m = v + (size_t)POINTS * cin * g.band_tiles;
    wino_job j = {&g, weight, x, u, v, m, y, mode, 0, 0, 0};
    exec_run(e, cout, filter_share, &j);
    for (int ty0 = 0; ty0 < g.tiles_y; ty0 += g.band_rows) {
        int rows = g.tiles_y - ty0 < g.band_rows ? g.tiles_y - ty0 : g.band_rows;
        j.ty0 = ty0;
        j.ntiles = rows * g.tiles_x;
        j.ncols = (j.ntiles + LANES - 1) / LANES * LANES;
        exec_run(e, cin, input_share, &j);
        exec_run(e, POINTS, gemm_share, &j);
        exec_run(e, cout, output_share, &j);
    }
}
