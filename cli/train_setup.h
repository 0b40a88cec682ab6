/* train_setup.h: everything around the training loop: where the model and
 * the checkpoint go, loading the folders, a fresh model or the resumed
 * checkpoint, and the finished model with its provenance. */
#ifndef EDCG_CLI_TRAIN_SETUP_H
#define EDCG_CLI_TRAIN_SETUP_H

#include "train_run.h"

/* 0, or an exit status after printing the error. */
int train_setup(train_run *run);
/* Writes the model file (atomically) with its metadata. */
int train_finish(train_run *run);
void train_teardown(train_run *run);

#endif
