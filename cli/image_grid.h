/* image_grid.h: pictures laid out as a table of square cells, with bands of
 * text between the rows (column titles, section headings) and a short label
 * left of each row of cells. The training sample grids (sample_grid.h) and
 * the model gallery (`edcg gallery`) are both drawn with it, so they read
 * alike. A grid is drawn top to bottom: start a row, then fill its cells. */
#ifndef EDCG_CLI_IMAGE_GRID_H
#define EDCG_CLI_IMAGE_GRID_H

#include <stddef.h>

#include "canvas.h"

typedef struct image_grid_layout {
    int columns;
    int cell;        /* side of a square cell, pixels */
    int gap;         /* space right of and below each cell */
    int label_width; /* strip left of the first column, for row labels */
    int text_scale;  /* pixels per font pixel, for all text */
} image_grid_layout;

typedef struct image_grid {
    image_grid_layout layout;
    canvas canvas;
    int row_top, row_height; /* the current row; row_height 0 before the first */
} image_grid;

/* The size in pixels of a grid with `text_rows` bands of text and
 * `image_rows` rows of cells. */
int image_grid_width(const image_grid_layout *layout);
int image_grid_height(const image_grid_layout *layout, int text_rows, int image_rows);

/* A white grid with room for that many rows. 0, or -1 out of memory. */
int image_grid_new(image_grid *g, const image_grid_layout *layout, int text_rows,
                   int image_rows);
void image_grid_free(image_grid *g);

/* Starts the next row, a band of text: texts[k] (NULL: none) over column
 * k, at the grid's text scale, or all at the font's own size when one is
 * too wide for that; a text wider than its cell even then is cut short with
 * "..". The band is filled across the whole width with `shade` (NULL: left
 * white). */
void image_grid_text_row(image_grid *g, const colour *shade, const char *const *texts);
/* Starts the next row, a row of cells, with `label` (may be NULL) in the
 * left strip. */
void image_grid_image_row(image_grid *g, const char *label);
/* 1 when `text` fits a cell's width, at least at the font's own size. */
int image_grid_text_fits(const image_grid *g, const char *text);
/* An interleaved RGB image (w, h <= cell) centred in a column's cell of the
 * current row of cells. */
void image_grid_image(image_grid *g, int column, const float *rgb, int w, int h);

/* Saves the grid as an 8-bit image, atomically (image_io.h). 0, or -1 with
 * a reason in `why`. */
int image_grid_save(const image_grid *g, const char *path, char *why, size_t why_size);

#endif
