#include "sample_grid.h"

#include <stdio.h>
#include <stdlib.h>

#include "cycle.h"
#include "image_grid.h"

#define PER_DOMAIN 2
#define COLUMNS 4

/* Edge maps are small around 0: shown as grey + 2 s_edge. */
static void edge_for_display(float *edge, size_t n)
{
    for (size_t i = 0; i < n; i++)
        edge[i] = 0.5f + 4.0f * edge[i];
}

static int draw_row(image_grid *g, const edcg_model *m, const train_set *set, int domain,
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
    image_grid_image_row(g, domain ? "B" : "A");
    for (int k = 0; k < COLUMNS; k++)
        image_grid_image(g, k, bufs[k], size, size);
    return 0;
}

int sample_grid_save(const char *path, const edcg_model *m, const train_set sets[2], int size,
                     int threads, char *why, size_t why_size)
{
    static const char *const titles[COLUMNS] = {"REAL", "TRANSLATED", "CYCLE", "EDGE MAP"};
    static const char *const short_titles[COLUMNS] = {"REAL", "OUT", "CYCLE", "EDGE"};
    const image_grid_layout layout = {COLUMNS, size, 2, 12, 1};
    const int rows = (sets[0].count < PER_DOMAIN ? sets[0].count : PER_DOMAIN) +
                     (sets[1].count < PER_DOMAIN ? sets[1].count : PER_DOMAIN);
    image_grid g;
    float *block = malloc(sizeof(float) * 3 * (size_t)size * size * COLUMNS), *bufs[COLUMNS];
    if (!block || image_grid_new(&g, &layout, 1, rows)) {
        free(block);
        snprintf(why, why_size, "out of memory");
        return -1;
    }
    image_grid_text_row(&g, NULL, size >= 64 ? titles : short_titles);
    for (int k = 0; k < COLUMNS; k++)
        bufs[k] = block + (size_t)k * 3 * size * size;
    int rc = 0;
    for (int d = 0; d < 2 && rc == 0; d++)
        for (int i = 0; i < sets[d].count && i < PER_DOMAIN && rc == 0; i++)
            rc = draw_row(&g, m, &sets[d], d, i, size, threads, bufs, why, why_size);
    if (rc == 0)
        rc = image_grid_save(&g, path, why, why_size);
    image_grid_free(&g);
    free(block);
    return rc;
}
