/* train_report.h: what a training run shows while it runs: a status line
 * updated in place on a terminal (epoch, step, images/s, ETA, losses), one
 * line per epoch, the CSV of losses (loss_log.h), the loss-curve chart
 * and a grid of sample translations every epoch, in the checkpoint folder. */
#ifndef EDCG_CLI_TRAIN_REPORT_H
#define EDCG_CLI_TRAIN_REPORT_H

#include "train_run.h"

/* After each step. */
void train_report_step(train_run *run, const loss_record *r);
/* After epoch `epoch` of `phase` ended and was checkpointed: the epoch's
 * line, the chart and the sample grid. */
void train_report_epoch(train_run *run, int phase, int epoch);

#endif
