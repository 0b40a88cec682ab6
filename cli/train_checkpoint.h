/* train_checkpoint.h: saving and resuming a training run. The engine's
 * checkpoint (edcg_trainer_save, written atomically) carries weights, Adam
 * moments, image pools and the pool RNG; the run adds its own position,
 * data RNG state, elapsed time and a summary of the options in the
 * checkpoint's extra key/values, so --resume continues exactly. */
#ifndef EDCG_CLI_TRAIN_CHECKPOINT_H
#define EDCG_CLI_TRAIN_CHECKPOINT_H

#include "train_run.h"

/* 0, or -1 after printing the error. */
int train_checkpoint_save(const train_run *run);
/* Restores run->trainer and the run's position from run->checkpoint_path;
 * refuses a checkpoint made with other options. 0, or -1 after printing. */
int train_checkpoint_restore(train_run *run);

#endif
