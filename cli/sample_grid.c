#include "sample_grid.h"

#include <stdio.h>
#include <stdlib.h>

#include "canvas.h"
#include "cycle.h"
#include "image_io.h"

#define PER_DOMAIN 2
#define COLUMNS 4
#define HEADER 14
#define GAP 2

static const colour ink = {0.1f, 0.1f, 0.1f};

/* Edge maps are small around 0: shown as grey + 2 s_edge. */
static void edge_for_display(float *edge, size_t n)
{
    for (size_t i = 0; i < n; i++)
        edge[i] = 0.5f + 4.0f * edge[i];
}

static int draw_row(canvas *c, int y, const edcg_model *m, const train_set *set, int domain,
                    int index, int size, int threads, float *bufs[4], char *why, size_t why_size)
{
    edcg_error err;
    train_set_center_crop(set, index, size, bufs[0]);
    if (cycle_reconstruct(m, domain ? EDCG_B_TO_A : EDCG_A_TO_B, bufs[0], size, size, threads,
                          bufs[1], bufs[2], bufs[3], &err)) {
        snprintf(why, why_size, "%s", err.message);
        return -1;
    }
    edge_for_display(bufs[3], (size_t)size * size * 3);
    canvas_text(c, 2, y + size / 2 - 3, domain ? "B" : "A", ink, 1);
    for (int k = 0; k < COLUMNS; k++)
        canvas_blit(c, 12 + k * (size + GAP), y, bufs[k], size, size);
    return 0;
}

int sample_grid_save(const char *path, const edcg_model *m, const train_set sets[2], int size,
                     int threads, char *why, size_t why_size)
{
    static const char *const titles[COLUMNS] = {"REAL", "TRANSLATED", "CYCLE", "EDGE MAP"};
    static const char *const short_titles[COLUMNS] = {"REAL", "OUT", "CYCLE", "EDGE"};
    const int rows = (sets[0].count < PER_DOMAIN ? sets[0].count : PER_DOMAIN) +
                     (sets[1].count < PER_DOMAIN ? sets[1].count : PER_DOMAIN);
    canvas c;
    float *block = malloc(sizeof(float) * 3 * (size_t)size * size * COLUMNS), *bufs[COLUMNS];
    if (!block || canvas_new(&c, 12 + COLUMNS * (size + GAP), HEADER + rows * (size + GAP),
                             (colour){1, 1, 1})) {
        free(block);
        snprintf(why, why_size, "out of memory");
        return -1;
    }
    for (int k = 0; k < COLUMNS; k++) {
        bufs[k] = block + (size_t)k * 3 * size * size;
        canvas_text(&c, 12 + k * (size + GAP), 3, size >= 64 ? titles[k] : short_titles[k], ink, 1);
    }
    int y = HEADER, rc = 0;
    for (int d = 0; d < 2 && rc == 0; d++)
        for (int i = 0; i < sets[d].count && i < PER_DOMAIN && rc == 0; i++, y += size + GAP)
            rc = draw_row(&c, y, m, &sets[d], d, i, size, threads, bufs, why, why_size);
    if (rc == 0)
        rc = image_save_rgb(path, c.rgb, c.width, c.height, why, why_size);
    canvas_free(&c);
    free(block);
    return rc;
}
