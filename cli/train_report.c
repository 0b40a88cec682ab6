#include "train_report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "diag.h"
#include "loss_plot.h"
#include "paths.h"
#include "sample_grid.h"

static int images_per_step(const train_run *run, int phase)
{
    /* Phase 2 feeds a batch of each domain per step. */
    return run->opt->batch * (phase == 2 ? 2 : 1);
}

static void format_losses(const float *l, int phase, char *out, size_t size)
{
    if (phase == 1) {
        snprintf(out, size, "recover %.4f", (double)l[LOSS_RECOVER]);
        return;
    }
    char idt[48] = "";
    if (!isnan(l[LOSS_IDT_A2B]))
        snprintf(idt, sizeof idt, " idt %.3f/%.3f", (double)l[LOSS_IDT_A2B],
                 (double)l[LOSS_IDT_B2A]);
    snprintf(out, size, "G %.3f (adv %.3f/%.3f cyc %.3f/%.3f%s) D %.3f/%.3f",
             (double)l[LOSS_G_TOTAL], (double)l[LOSS_G_ADV_A2B], (double)l[LOSS_G_ADV_B2A],
             (double)l[LOSS_CYC_A], (double)l[LOSS_CYC_B], idt, (double)l[LOSS_D_A],
             (double)l[LOSS_D_B]);
}

static int phase_epochs(const train_run *run, int phase)
{
    return phase == 1 ? run->opt->ed_epochs : run->opt->epochs;
}

/* Images per second and seconds left in the phase, from this process's
 * steps of the phase; `done_in_epoch` steps of epoch `epoch` are done. */
static void speed(const train_run *run, int phase, int epoch, int done_in_epoch, double *ips,
                  double *eta)
{
    const int steps = train_epoch_steps(run, phase);
    double per_step = run->phase_steps ? (progress_now() - run->phase_started) / run->phase_steps
                                       : NAN;
    long left = (long)(phase_epochs(run, phase) - epoch - 1) * steps + (steps - done_in_epoch);
    *ips = images_per_step(run, phase) / per_step;
    *eta = per_step * (double)left;
}

void train_report_step(train_run *run, const loss_record *r)
{
    const int phase = r->phase;
    double ips, eta;
    speed(run, phase, r->epoch, r->step + 1, &ips, &eta);
    char losses[160], eta_text[32];
    format_losses(r->loss, phase, losses, sizeof losses);
    progress_show(&run->line, "phase %d/2 epoch %d/%d step %d/%d  %.1f img/s  ETA %s  %s", phase,
                  r->epoch + 1, phase_epochs(run, phase), r->step + 1,
                  train_epoch_steps(run, phase), ips,
                  format_duration(eta, eta_text, sizeof eta_text), losses);
}

/* Means of the epoch's losses, from the log. */
static int epoch_means(const train_run *run, int phase, int epoch, float *mean)
{
    int n = 0;
    double sum[LOSS_KINDS] = {0};
    for (size_t i = run->log.count; i-- > 0;) {
        const loss_record *r = &run->log.records[i];
        if (r->phase != phase || r->epoch != epoch)
            break;
        for (int k = 0; k < LOSS_KINDS; k++)
            sum[k] += r->loss[k];
        n++;
    }
    for (int k = 0; k < LOSS_KINDS; k++)
        mean[k] = n ? (float)(sum[k] / n) : NAN;
    return n;
}

static void save_pictures(train_run *run, int phase, int epoch)
{
    char why[512];
    char *plot = path_join(run->report_dir, "loss_curve.png");
    char *samples = str_printf("%s/samples/phase%d-epoch%04d.jpg", run->report_dir, phase,
                               epoch + 1);
    char *sample_dir = path_join(run->report_dir, "samples");
    if (plot && loss_plot_save(plot, run->log.records, run->log.count, why, sizeof why))
        diag_warning("%s: %s", plot, why);
    if (samples && sample_dir && path_mkdirs(sample_dir) == 0 &&
        sample_grid_save(samples, run->model, run->sets, run->opt->size, run->opt->threads, why,
                         sizeof why))
        diag_warning("%s: %s", samples, why);
    free(plot);
    free(samples);
    free(sample_dir);
}

void train_report_epoch(train_run *run, int phase, int epoch)
{
    float mean[LOSS_KINDS];
    int steps = epoch_means(run, phase, epoch, mean);
    char losses[160], took[32];
    double ips, eta;
    char eta_text[32];
    speed(run, phase, epoch, train_epoch_steps(run, phase), &ips, &eta);
    format_losses(mean, phase, losses, sizeof losses);
    progress_clear(&run->line);
    printf("phase %d/2 epoch %d/%d: %d steps, %.1f img/s, ETA %s (phase), time %s: %s\n",
           phase, epoch + 1, phase_epochs(run, phase), steps, ips,
           format_duration(eta, eta_text, sizeof eta_text),
           format_duration(train_seconds(run), took, sizeof took), losses);
    fflush(stdout);
    loss_log_flush(&run->log);
    save_pictures(run, phase, epoch);
}
