/* sample_grid.h: a picture of what the model does now, saved every epoch:
 * for a few fixed training images of each domain, one row each with the
 * real image, its translation, the cycle back (cycle.h), and the edge map
 * s_edge (grey = 0), so a person can see training progress. */
#ifndef EDCG_CLI_SAMPLE_GRID_H
#define EDCG_CLI_SAMPLE_GRID_H

#include <stddef.h>

#include "edcg.h"
#include "train_data.h"

/* 0, or -1 with a reason in `why`. */
int sample_grid_save(const char *path, const edcg_model *model, const train_set sets[2],
                     int size, int threads, char *why, size_t why_size);

#endif
