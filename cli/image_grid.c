#include "image_grid.h"

#include <string.h>

#include "bitmap_font.h"
#include "image_io.h"

/* A band of text: one line of the 5x7 font with 3 font pixels above it and
 * 4 below, so titles sit close to the cells they name. */
#define TEXT_ROW_HEIGHT (BITMAP_FONT_H + 7)

static const colour ink = {0.1f, 0.1f, 0.1f};

int image_grid_width(const image_grid_layout *l)
{
    return l->label_width + l->columns * (l->cell + l->gap);
}

int image_grid_height(const image_grid_layout *l, int text_rows, int image_rows)
{
    return text_rows * TEXT_ROW_HEIGHT * l->text_scale + image_rows * (l->cell + l->gap);
}

int image_grid_new(image_grid *g, const image_grid_layout *l, int text_rows, int image_rows)
{
    g->layout = *l;
    g->row_top = 0;
    g->row_height = 0;
    return canvas_new(&g->canvas, image_grid_width(l), image_grid_height(l, text_rows, image_rows),
                      (colour){1, 1, 1});
}

void image_grid_free(image_grid *g)
{
    canvas_free(&g->canvas);
}

static int column_x(const image_grid *g, int column)
{
    return g->layout.label_width + column * (g->layout.cell + g->layout.gap);
}

static void next_row(image_grid *g, int height)
{
    g->row_top += g->row_height;
    g->row_height = height;
}

void image_grid_image_row(image_grid *g, const char *label)
{
    const int s = g->layout.text_scale;
    next_row(g, g->layout.cell + g->layout.gap);
    if (label)
        canvas_text(&g->canvas, 2 * s, g->row_top + g->layout.cell / 2 - BITMAP_FONT_H * s / 2,
                    label, ink, s);
}

/* Characters of the font that fit a cell at `scale` (each is followed by
 * one blank column, except the last). */
static size_t chars_that_fit(const image_grid *g, int scale)
{
    return (size_t)((g->layout.cell + scale) / ((BITMAP_FONT_W + 1) * scale));
}

int image_grid_text_fits(const image_grid *g, const char *text)
{
    return strlen(text) <= chars_that_fit(g, 1);
}

static void draw_text(image_grid *g, int column, const char *text, int scale)
{
    char cut[256];
    const size_t fit = chars_that_fit(g, scale);
    if (strlen(text) > fit) {
        size_t keep = fit > 2 ? fit - 2 : 0;
        if (keep > sizeof cut - 3)
            keep = sizeof cut - 3;
        memcpy(cut, text, keep);
        strcpy(cut + keep, fit > 2 ? ".." : "");
        text = cut;
    }
    const int top = g->row_top + (g->row_height - BITMAP_FONT_H * scale) / 2 - scale / 2;
    canvas_text(&g->canvas, column_x(g, column), top, text, ink, scale);
}

/* A name is worth more than a large font: a band where one text is too
 * wide for the grid's scale is drawn at the font's own size. */
void image_grid_text_row(image_grid *g, const colour *shade, const char *const *texts)
{
    int scale = g->layout.text_scale;
    for (int k = 0; k < g->layout.columns; k++)
        if (texts[k] && strlen(texts[k]) > chars_that_fit(g, scale))
            scale = 1;
    next_row(g, TEXT_ROW_HEIGHT * g->layout.text_scale);
    if (shade)
        canvas_fill(&g->canvas, 0, g->row_top, g->canvas.width, g->row_height, *shade);
    for (int k = 0; k < g->layout.columns; k++)
        if (texts[k])
            draw_text(g, k, texts[k], scale);
}

void image_grid_image(image_grid *g, int column, const float *rgb, int w, int h)
{
    const int cell = g->layout.cell;
    canvas_blit(&g->canvas, column_x(g, column) + (cell - w) / 2, g->row_top + (cell - h) / 2,
                rgb, w, h);
}

int image_grid_save(const image_grid *g, const char *path, char *why, size_t why_size)
{
    return image_save_rgb(path, g->canvas.rgb, g->canvas.width, g->canvas.height, why,
                          why_size);
}
