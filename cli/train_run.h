/* train_run.h: the state of one `edcg train` run, shared by the training
 * loop (train_loop.c), its checkpoints (train_checkpoint.c) and its
 * reports (train_report.c). */
#ifndef EDCG_CLI_TRAIN_RUN_H
#define EDCG_CLI_TRAIN_RUN_H

#include <stdint.h>

#include "data_rng.h"
#include "edcg.h"
#include "loss_log.h"
#include "progress.h"
#include "train_data.h"

typedef struct train_options {
    const char *dir[2], *output, *checkpoint_dir, *names, *variant, *gan_loss;
    int ngf, ndf, blocks, size, batch, ed_epochs, epochs, threads, resume, pool_size;
    double lr, seed, identity;
    int argc;    /* the arguments as given, recorded in the model */
    char **argv;
} train_options;

/* Where training stands: the next step to run. Phase 1 trains the ED-Block
 * (Eq. 1), phase 2 the CycleGAN around its frozen encoder (Eq. 2-6);
 * phase 2 with epoch == epochs means done. */
typedef struct train_position {
    int phase, epoch, step;
    long global_step;
} train_position;

typedef struct train_run {
    const train_options *opt;
    char *command_line;  /* for the model's metadata and the resume hint */
    char *model_path, *checkpoint_path, *report_dir;
    train_set sets[2];
    edcg_model *model;
    edcg_trainer *trainer;
    edcg_train_config config;
    train_position pos;
    data_rng rng;            /* crops and flips, drawn step by step */
    data_rng epoch_rng;      /* the state the epoch's order was drawn from */
    int *order;              /* this epoch's order of samples */
    float *batch[2];         /* planar batches of A and B */
    double seconds_before;   /* training time of earlier, interrupted runs */
    double started;          /* progress_now() when this process started training */
    double last_checkpoint;
    loss_log log;
    progress_line line;
    double phase_started;    /* for images/s and ETA within this process */
    long phase_steps;
} train_run;

/* Steps in one epoch of a phase, and the samples per epoch. */
int train_epoch_samples(const train_run *run, int phase);
int train_epoch_steps(const train_run *run, int phase);
/* Total training seconds, earlier runs included. */
double train_seconds(const train_run *run);

#endif
