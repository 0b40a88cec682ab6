/* loss_log.h: the losses of every training step, kept in memory for the
 * loss-curve chart and appended to a CSV file (one row per step) that a
 * spreadsheet or a plotting script can read. */
#ifndef EDCG_CLI_LOSS_LOG_H
#define EDCG_CLI_LOSS_LOG_H

#include <stddef.h>
#include <stdio.h>

enum loss_kind {
    LOSS_RECOVER,   /* phase 1, Eq. 1 */
    LOSS_G_ADV_A2B, /* phase 2 */
    LOSS_G_ADV_B2A,
    LOSS_CYC_A, /* Eq. 5, before lambda */
    LOSS_CYC_B,
    LOSS_G_TOTAL, /* Eq. 6 */
    LOSS_D_A,
    LOSS_D_B,
    LOSS_IDT_A2B, /* identity terms, before weights; NaN when --identity is 0. */
    LOSS_IDT_B2A, /* Last, so that files written before them still parse. */
    LOSS_KINDS
};

typedef struct loss_record {
    long global_step; /* steps of both phases, from 0 */
    int phase, epoch, step;
    double seconds; /* training time so far */
    float loss[LOSS_KINDS]; /* NaN where the phase has no such loss */
} loss_record;

typedef struct loss_log {
    loss_record *records;
    size_t count, capacity;
    FILE *csv;
} loss_log;

/* Opens DIR/losses.csv. When resuming at `resume_step` (> 0), the rows of
 * steps before it are read back (rows of steps after the checkpoint, from
 * a run killed before its next save, are dropped) and the file rewritten
 * with them, in the current layout: rows without the identity columns
 * (written by earlier versions) read as NaN there. 0, or -1 with errno. */
int loss_log_open(loss_log *log, const char *path, long resume_step);
/* Keeps the record and appends its row (flushed at epoch ends). */
int loss_log_add(loss_log *log, const loss_record *r);
void loss_log_flush(loss_log *log);
void loss_log_close(loss_log *log);

#endif
