/* loss_plot.h: the loss curves of a training run as a picture (one panel
 * per kind of loss, the paper's Figs. 3 and 4), drawn by edcg itself and
 * saved through GEGL. */
#ifndef EDCG_CLI_LOSS_PLOT_H
#define EDCG_CLI_LOSS_PLOT_H

#include <stddef.h>

#include "loss_log.h"

/* 0, or -1 with a reason in `why`. */
int loss_plot_save(const char *path, const loss_record *records, size_t count, char *why,
                   size_t why_size);

#endif
