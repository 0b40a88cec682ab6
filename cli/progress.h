/* progress.h: a status line that updates in place on a terminal and stays
 * silent in logs (where callers print whole lines instead), and the clock
 * and duration format the progress reports use. */
#ifndef EDCG_CLI_PROGRESS_H
#define EDCG_CLI_PROGRESS_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"

typedef struct progress_line {
    FILE *out;
    int tty;     /* updates are shown only on a terminal */
    int visible; /* something is on the line now */
} progress_line;

void progress_init(progress_line *p, FILE *out);
/* Replaces the line (\r, text, clear to end of line); no-op off a terminal. */
void progress_show(progress_line *p, const char *fmt, ...) DIAG_PRINTF(2, 3);
/* Clears the line so a normal line can be printed. */
void progress_clear(progress_line *p);

/* Seconds on a monotonic clock. */
double progress_now(void);
/* 0.4 -> "0.4s", 75 -> "1m15s", 3725 -> "1h02m", 200000 -> "2d07h". */
const char *format_duration(double seconds, char *out, size_t size);

#endif
