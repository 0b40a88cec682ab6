#include "gallery.h"

#include <stdio.h>
#include <stdlib.h>

#include "image_grid.h"

/* Labels are readable beside 256-pixel pictures only at twice the font's
 * size; small cells keep the font's own size so names still fit. */
static image_grid_layout layout_of(const gallery *g)
{
    const int scale = g->cell_size >= 128 ? 2 : 1;
    const image_grid_layout l = {1 + g->models, g->cell_size, 4 * scale, 4 * scale, scale};
    return l;
}

/* The header, and a band per domain shown. */
static int text_rows(const gallery *g)
{
    return 1 + (g->rows[0] > 0) + (g->rows[1] > 0);
}

void gallery_dimensions(const gallery *g, int *width, int *height)
{
    const image_grid_layout l = layout_of(g);
    *width = image_grid_width(&l);
    *height = image_grid_height(&l, text_rows(g), g->rows[0] + g->rows[1]);
}

/* Column texts of a band: `first` over the inputs, `rest` over every model
 * (each model's own name when `rest` is NULL). */
static int draw_band(image_grid *grid, const gallery *g, const colour *shade, const char *first,
                     const char *rest)
{
    const char **texts = malloc(sizeof *texts * (size_t)(1 + g->models));
    if (!texts)
        return -1;
    texts[0] = first;
    for (int k = 0; k < g->models; k++)
        texts[1 + k] = rest ? rest : g->model_names[k];
    image_grid_text_row(grid, shade, texts);
    free(texts);
    return 0;
}

/* "A: apple" over the inputs, "apple -> orange" over each translation
 * ("-> orange" when the whole does not fit the cell). */
static int draw_section_band(image_grid *grid, const gallery *g, int d)
{
    static const colour band = {0.9f, 0.9f, 0.9f};
    char domain[256], direction[256];
    snprintf(domain, sizeof domain, "%c: %s", d ? 'B' : 'A', g->domain[d]);
    snprintf(direction, sizeof direction, "%s -> %s", g->domain[d], g->domain[!d]);
    if (!image_grid_text_fits(grid, direction))
        snprintf(direction, sizeof direction, "-> %s", g->domain[!d]);
    return draw_band(grid, g, &band, domain, direction);
}

static int draw_section(image_grid *grid, const gallery *g, int d)
{
    if (draw_section_band(grid, g, d))
        return -1;
    for (int i = 0; i < g->rows[d]; i++) {
        image_grid_image_row(grid, NULL);
        for (int k = 0; k <= g->models; k++) {
            const gallery_cell *c = &g->cells[d][(size_t)i * (1 + g->models) + k];
            image_grid_image(grid, k, c->rgb, c->w, c->h);
        }
    }
    return 0;
}

int gallery_save(const gallery *g, const char *path, char *why, size_t why_size)
{
    const image_grid_layout l = layout_of(g);
    image_grid grid;
    if (image_grid_new(&grid, &l, text_rows(g), g->rows[0] + g->rows[1])) {
        snprintf(why, why_size, "not enough memory for the gallery picture");
        return -1;
    }
    int rc = draw_band(&grid, g, NULL, "input", NULL);
    for (int d = 0; d < 2 && rc == 0; d++)
        if (g->rows[d])
            rc = draw_section(&grid, g, d);
    if (rc)
        snprintf(why, why_size, "out of memory");
    else
        rc = image_grid_save(&grid, path, why, why_size);
    image_grid_free(&grid);
    return rc;
}
