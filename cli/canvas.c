#include "canvas.h"

#include <math.h>
#include <stdlib.h>

#include "bitmap_font.h"

int canvas_new(canvas *c, int width, int height, colour bg)
{
    c->width = width;
    c->height = height;
    c->rgb = malloc(sizeof(float) * 3 * (size_t)width * height);
    if (!c->rgb)
        return -1;
    canvas_fill(c, 0, 0, width, height, bg);
    return 0;
}

void canvas_free(canvas *c)
{
    free(c->rgb);
    c->rgb = NULL;
}

static void plot(canvas *c, int x, int y, colour col)
{
    if (x < 0 || y < 0 || x >= c->width || y >= c->height)
        return;
    float *p = c->rgb + ((size_t)y * c->width + x) * 3;
    p[0] = col.r;
    p[1] = col.g;
    p[2] = col.b;
}

void canvas_fill(canvas *c, int x, int y, int w, int h, colour col)
{
    for (int j = y; j < y + h; j++)
        for (int i = x; i < x + w; i++)
            plot(c, i, j, col);
}

void canvas_line(canvas *c, double x0, double y0, double x1, double y1, colour col)
{
    double dx = x1 - x0, dy = y1 - y0;
    int steps = (int)ceil(fmax(fabs(dx), fabs(dy)));
    if (steps > 100000)
        steps = 100000; /* a runaway value must not stall a chart */
    for (int i = 0; i <= steps; i++) {
        double t = steps ? (double)i / steps : 0.0;
        plot(c, (int)lround(x0 + t * dx), (int)lround(y0 + t * dy), col);
    }
}

int canvas_text(canvas *c, int x, int y, const char *text, colour col, int scale)
{
    for (; *text; text++, x += (BITMAP_FONT_W + 1) * scale) {
        const unsigned char *rows = bitmap_font_glyph(*text);
        for (int r = 0; rows && r < BITMAP_FONT_H; r++)
            for (int b = 0; b < BITMAP_FONT_W; b++)
                if (rows[r] >> (BITMAP_FONT_W - 1 - b) & 1)
                    canvas_fill(c, x + b * scale, y + r * scale, scale, scale, col);
    }
    return x;
}

void canvas_blit(canvas *c, int x, int y, const float *rgb, int w, int h)
{
    for (int j = 0; j < h; j++)
        for (int i = 0; i < w; i++) {
            const float *s = rgb + ((size_t)j * w + i) * 3;
            colour col = {fminf(fmaxf(s[0], 0.0f), 1.0f), fminf(fmaxf(s[1], 0.0f), 1.0f),
                          fminf(fmaxf(s[2], 0.0f), 1.0f)};
            plot(c, x + i, y + j, col);
        }
}
