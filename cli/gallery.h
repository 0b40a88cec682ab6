/* gallery.h: the picture `edcg gallery` writes, to compare models at a
 * glance: a header naming each model's column, then a section per domain
 * (a band naming the domain and each column's direction, e.g.
 * "apple -> orange") with one row per test image: the input, then each
 * model's translation of it. Every cell is a square; pictures are fitted
 * into it with their aspect ratio kept. */
#ifndef EDCG_CLI_GALLERY_H
#define EDCG_CLI_GALLERY_H

#include <stddef.h>

/* A picture already scaled to fit its cell: interleaved RGB in [0, 1]. */
typedef struct gallery_cell {
    float *rgb; /* malloc'ed; owned by the gallery */
    int w, h;
} gallery_cell;

typedef struct gallery {
    int cell_size;           /* side of a cell, pixels */
    int models;              /* columns after the input column */
    const char **model_names; /* borrowed, `models` of them */
    const char *domain[2];   /* borrowed: the names of domains A and B */
    int rows[2];             /* images shown of each domain; 0 leaves its section out */
    gallery_cell *cells[2];  /* rows[d] x (1 + models) cells, row by row */
} gallery;

/* The size in pixels gallery_save draws `g` at. */
void gallery_dimensions(const gallery *g, int *width, int *height);

/* Draws the gallery and writes it to `path` atomically (image_io.h).
 * 0, or -1 with a reason in `why`. */
int gallery_save(const gallery *g, const char *path, char *why, size_t why_size);

#endif
