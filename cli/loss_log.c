#include "loss_log.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "paths.h"

static const char header[] =
    "global_step,phase,epoch,step,seconds,recover,g_adv_a2b,g_adv_b2a,cyc_a,cyc_b,g_total,"
    "d_a,d_b,idt_a2b,idt_b2a\n";

/* Columns before the loss cells, and the loss cells of the layout before
 * the identity columns were added. */
#define FIXED_CELLS 5
#define OLD_LOSS_CELLS (LOSS_KINDS - 2)

static int keep(loss_log *log, const loss_record *r)
{
    if (log->count == log->capacity) {
        size_t cap = log->capacity ? 2 * log->capacity : 1024;
        loss_record *grown = realloc(log->records, sizeof *grown * cap);
        if (!grown)
            return -1;
        log->records = grown;
        log->capacity = cap;
    }
    log->records[log->count++] = *r;
    return 0;
}

static void write_row(FILE *f, const loss_record *r)
{
    fprintf(f, "%ld,%d,%d,%d,%.3f", r->global_step, r->phase, r->epoch, r->step, r->seconds);
    for (int k = 0; k < LOSS_KINDS; k++) {
        if (isnan(r->loss[k]))
            fputs(",", f);
        else
            fprintf(f, ",%.6g", (double)r->loss[k]);
    }
    fputc('\n', f);
}

/* One CSV row back into a record; empty cells are NaN. */
static int parse_row(char *line, loss_record *r)
{
    char *cell[FIXED_CELLS + LOSS_KINDS];
    int n = 0;
    for (char *p = line; n < FIXED_CELLS + LOSS_KINDS; n++) {
        cell[n] = p;
        p += strcspn(p, ",\n");
        int last = *p != ',';
        *p = '\0';
        if (last) {
            n++;
            break;
        }
        p++;
    }
    if (n != FIXED_CELLS + LOSS_KINDS && n != FIXED_CELLS + OLD_LOSS_CELLS)
        return -1;
    r->global_step = atol(cell[0]);
    r->phase = atoi(cell[1]);
    r->epoch = atoi(cell[2]);
    r->step = atoi(cell[3]);
    r->seconds = atof(cell[4]);
    for (int k = 0; k < LOSS_KINDS; k++)
        r->loss[k] = FIXED_CELLS + k < n && *cell[FIXED_CELLS + k]
                         ? strtof(cell[FIXED_CELLS + k], NULL)
                         : NAN;
    return 0;
}

static void read_back(loss_log *log, const char *path, long resume_step)
{
    FILE *f = fopen(path, "r");
    char line[1024];
    while (f && fgets(line, sizeof line, f)) {
        loss_record r;
        if (line[0] >= '0' && line[0] <= '9' && parse_row(line, &r) == 0 &&
            r.global_step < resume_step && keep(log, &r))
            break;
    }
    if (f)
        fclose(f);
}

int loss_log_open(loss_log *log, const char *path, long resume_step)
{
    memset(log, 0, sizeof log[0]);
    if (resume_step > 0)
        read_back(log, path, resume_step);
    char *tmp = path_temp_beside(path);
    FILE *f = tmp ? fopen(tmp, "w") : NULL;
    if (!f) {
        free(tmp);
        return -1;
    }
    fputs(header, f);
    for (size_t i = 0; i < log->count; i++)
        write_row(f, &log->records[i]);
    if (fflush(f) || rename(tmp, path)) {
        fclose(f);
        remove(tmp);
        free(tmp);
        return -1;
    }
    free(tmp);
    log->csv = f; /* still open on the renamed file: appends go there */
    return 0;
}

int loss_log_add(loss_log *log, const loss_record *r)
{
    if (log->csv)
        write_row(log->csv, r);
    return keep(log, r);
}

void loss_log_flush(loss_log *log)
{
    if (log->csv)
        fflush(log->csv);
}

void loss_log_close(loss_log *log)
{
    if (log->csv)
        fclose(log->csv);
    free(log->records);
    memset(log, 0, sizeof log[0]);
}
