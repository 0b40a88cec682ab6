#include "train_loop.h"

#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "interrupt.h"
#include "train_checkpoint.h"
#include "train_report.h"

/* Long epochs still get a checkpoint this often. */
#define CHECKPOINT_SECONDS 600.0

int train_epoch_samples(const train_run *run, int phase)
{
    const int a = run->sets[0].count, b = run->sets[1].count;
    /* Phase 1 sees every image of both domains; phase 2 follows CycleGAN's
     * unaligned dataset: max(|A|, |B|) pairs, A in order, B at random. */
    return phase == 1 ? a + b : (a > b ? a : b);
}

int train_epoch_steps(const train_run *run, int phase)
{
    return (train_epoch_samples(run, phase) + run->opt->batch - 1) / run->opt->batch;
}

double train_seconds(const train_run *run)
{
    return run->seconds_before + (progress_now() - run->started);
}

static int phase_epochs(const train_run *run, int phase)
{
    return phase == 1 ? run->opt->ed_epochs : run->opt->epochs;
}

static void draw_order(int *order, int n, data_rng *rng)
{
    for (int i = 0; i < n; i++)
        order[i] = i;
    data_rng_shuffle(rng, order, n);
}

/* Fills the batches for the current step; returns the batch size. */
static int fill_batches(train_run *run)
{
    const int phase = run->pos.phase, size = run->opt->size;
    const int total = train_epoch_samples(run, phase), first = run->pos.step * run->opt->batch;
    const int n = total - first < run->opt->batch ? total - first : run->opt->batch;
    const size_t image = (size_t)3 * size * size;
    for (int k = 0; k < n; k++) {
        int j = run->order[first + k];
        if (phase == 1) {
            const int in_a = j < run->sets[0].count;
            train_set_sample(&run->sets[in_a ? 0 : 1], in_a ? j : j - run->sets[0].count, size,
                             &run->rng, run->batch[0] + k * image);
        } else {
            train_set_sample(&run->sets[0], j % run->sets[0].count, size, &run->rng,
                             run->batch[0] + k * image);
            int b = data_rng_below(&run->rng, run->sets[1].count);
            train_set_sample(&run->sets[1], b, size, &run->rng, run->batch[1] + k * image);
        }
    }
    return n;
}

static int run_step(train_run *run, loss_record *r)
{
    const int n = fill_batches(run), size = run->opt->size;
    edcg_batch a = {run->batch[0], n, size, size}, b = {run->batch[1], n, size, size};
    edcg_error err;
    edcg_status s;
    for (int k = 0; k < LOSS_KINDS; k++)
        r->loss[k] = NAN;
    if (run->pos.phase == 1) {
        edcg_ed_losses l;
        s = edcg_trainer_ed_step(run->trainer, &a, &l, &err);
        r->loss[LOSS_RECOVER] = l.recover;
    } else {
        edcg_gan_losses l;
        s = edcg_trainer_gan_step(run->trainer, &a, &b, &l, &err);
        const float v[] = {l.g_adv_a2b, l.g_adv_b2a, l.cyc_a, l.cyc_b, l.g_total, l.d_a, l.d_b};
        memcpy(&r->loss[LOSS_G_ADV_A2B], v, sizeof v);
        if (run->opt->identity > 0.0) {
            r->loss[LOSS_IDT_A2B] = l.idt_a2b;
            r->loss[LOSS_IDT_B2A] = l.idt_b2a;
        }
    }
    if (s) {
        progress_clear(&run->line);
        diag_error("training step failed: %s", err.message);
        return -1;
    }
    r->global_step = run->pos.global_step;
    r->phase = run->pos.phase;
    r->epoch = run->pos.epoch;
    r->step = run->pos.step;
    r->seconds = train_seconds(run);
    return 0;
}

/* The test suite's way to interrupt at an exact step, through the real
 * signal handler. */
static void debug_interrupt(long global_step)
{
    const char *at = getenv("EDCG_DEBUG_INTERRUPT_AT_STEP");
    if (at && *at && atol(at) == global_step)
        raise(SIGINT);
}

static int stop_for_signal(train_run *run)
{
    progress_clear(&run->line);
    /* At an epoch's first step the order is drawn but not used yet: the
     * resumed run draws it again from the state before. */
    if (run->pos.step == 0)
        run->rng = run->epoch_rng;
    if (train_checkpoint_save(run))
        return EXIT_RUNTIME;
    printf("interrupted at phase %d, epoch %d, step %d; checkpoint saved to %s\n"
           "resume with: %s --resume\n",
           run->pos.phase, run->pos.epoch + 1, run->pos.step, run->checkpoint_path,
           run->command_line);
    fflush(stdout);
    return interrupt_exit_status();
}

static void start_phase_timer(train_run *run)
{
    run->phase_started = progress_now();
    run->phase_steps = 0;
}

/* Moves to the next epoch (or phase) and checkpoints it. */
static int end_epoch(train_run *run)
{
    const int phase = run->pos.phase, epoch = run->pos.epoch;
    run->pos.epoch++;
    run->pos.step = 0;
    if (phase == 1 && run->pos.epoch >= run->opt->ed_epochs) {
        run->pos.phase = 2;
        run->pos.epoch = 0;
    }
    if (train_checkpoint_save(run))
        return -1;
    run->last_checkpoint = progress_now();
    train_report_epoch(run, phase, epoch);
    if (run->pos.phase != phase)
        start_phase_timer(run);
    return 0;
}

static int run_epoch(train_run *run)
{
    const int phase = run->pos.phase, steps = train_epoch_steps(run, phase);
    edcg_trainer_set_epoch(run->trainer, phase, run->pos.epoch);
    while (run->pos.step < steps) {
        if (interrupt_requested())
            return stop_for_signal(run);
        loss_record r;
        if (run_step(run, &r) || loss_log_add(&run->log, &r))
            return EXIT_RUNTIME;
        run->pos.step++;
        run->pos.global_step++;
        run->phase_steps++;
        train_report_step(run, &r);
        debug_interrupt(run->pos.global_step);
        if (progress_now() - run->last_checkpoint > CHECKPOINT_SECONDS && run->pos.step < steps) {
            if (train_checkpoint_save(run))
                return EXIT_RUNTIME;
            run->last_checkpoint = progress_now();
        }
    }
    return end_epoch(run) ? EXIT_RUNTIME : 0;
}

int train_loop(train_run *run)
{
    const int most = train_epoch_samples(run, 1) > train_epoch_samples(run, 2)
                         ? train_epoch_samples(run, 1)
                         : train_epoch_samples(run, 2);
    run->order = malloc(sizeof(int) * (size_t)most);
    if (!run->order) {
        diag_error("out of memory");
        return EXIT_RUNTIME;
    }
    if (run->pos.step > 0) { /* resumed inside an epoch: redraw its order */
        data_rng again = run->epoch_rng;
        draw_order(run->order, train_epoch_samples(run, run->pos.phase), &again);
    }
    run->last_checkpoint = progress_now();
    start_phase_timer(run);
    while (run->pos.epoch < phase_epochs(run, run->pos.phase)) {
        if (run->pos.step == 0) {
            run->epoch_rng = run->rng;
            draw_order(run->order, train_epoch_samples(run, run->pos.phase), &run->rng);
        }
        int rc = run_epoch(run);
        if (rc)
            return rc;
    }
    return 0; /* complete: a late Ctrl-C still gets the finished model */
}
