/* train_loop.h: the two training phases, step by step, with checkpoints
 * every epoch (and every 10 minutes), and a clean stop on Ctrl-C. */
#ifndef EDCG_CLI_TRAIN_LOOP_H
#define EDCG_CLI_TRAIN_LOOP_H

#include "train_run.h"

/* Runs from run->pos to the end. Returns 0 when training is complete, the
 * interrupt's exit status (130 for SIGINT) after saving a checkpoint when
 * stopped, or EXIT_RUNTIME after printing an error. */
int train_loop(train_run *run);

#endif
