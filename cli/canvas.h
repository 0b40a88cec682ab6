/* canvas.h: a float RGB picture to draw charts and sample grids into,
 * saved through GEGL like any other image. */
#ifndef EDCG_CLI_CANVAS_H
#define EDCG_CLI_CANVAS_H

typedef struct canvas {
    int width, height;
    float *rgb; /* interleaved, [0, 1] */
} canvas;

typedef struct colour {
    float r, g, b;
} colour;

/* 0, or -1 out of memory. */
int canvas_new(canvas *c, int width, int height, colour background);
void canvas_free(canvas *c);
void canvas_fill(canvas *c, int x, int y, int w, int h, colour col);
/* A one-pixel line; parts outside the canvas are clipped. */
void canvas_line(canvas *c, double x0, double y0, double x1, double y1, colour col);
/* Text at (x, y) = top-left, `scale` pixels per font pixel. Returns the x
 * after the last character. */
int canvas_text(canvas *c, int x, int y, const char *text, colour col, int scale);
/* Copies an interleaved RGB image (clamped to [0, 1]) to (x, y). */
void canvas_blit(canvas *c, int x, int y, const float *rgb, int w, int h);

#endif
