#include "train_checkpoint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

/* What must not change between a run and its resumption (the engine
 * checks the architecture itself). */
static void options_summary(const train_run *run, char *out, size_t size)
{
    const train_options *o = run->opt;
    int n = snprintf(out, size,
                     "size %d, batch %d, ed-epochs %d, epochs %d, lr %g, seed %.0f, gan-loss %s, "
                     "pool %d, images %d + %d",
                     o->size, o->batch, o->ed_epochs, o->epochs, o->lr, o->seed, o->gan_loss,
                     o->pool_size, run->sets[0].count, run->sets[1].count);
    /* Only when on, so checkpoints from before --identity still resume. */
    if (o->identity > 0.0 && n > 0 && (size_t)n < size)
        snprintf(out + n, size - (size_t)n, ", identity %g", o->identity);
}

int train_checkpoint_save(const train_run *run)
{
    char phase[16], epoch[16], step[16], global[24], seconds[32], rng[17], epoch_rng[17],
        summary[256];
    snprintf(phase, sizeof phase, "%d", run->pos.phase);
    snprintf(epoch, sizeof epoch, "%d", run->pos.epoch);
    snprintf(step, sizeof step, "%d", run->pos.step);
    snprintf(global, sizeof global, "%ld", run->pos.global_step);
    snprintf(seconds, sizeof seconds, "%.3f", train_seconds(run));
    data_rng_to_hex(&run->rng, rng);
    data_rng_to_hex(&run->epoch_rng, epoch_rng);
    options_summary(run, summary, sizeof summary);
    const char *kv[] = {"phase", phase, "epoch", epoch, "step", step,
                        "global_step", global, "seconds", seconds, "data_rng", rng,
                        "epoch_rng", epoch_rng, "options", summary};
    edcg_error err;
    if (edcg_trainer_save(run->trainer, run->checkpoint_path, kv, sizeof kv / sizeof *kv / 2,
                          &err)) {
        diag_error("%s", err.message);
        return -1;
    }
    return 0;
}

static int read_int(const edcg_trainer *t, const char *key, long *out)
{
    const char *v = edcg_trainer_get_extra(t, key);
    char *end = NULL;
    *out = v ? strtol(v, &end, 10) : -1;
    return v && !*end && *out >= 0 ? 0 : -1;
}

static int read_position(train_run *run)
{
    long phase, epoch, step, global;
    if (read_int(run->trainer, "phase", &phase) || read_int(run->trainer, "epoch", &epoch) ||
        read_int(run->trainer, "step", &step) || read_int(run->trainer, "global_step", &global) ||
        phase < 1 || phase > 2 ||
        data_rng_from_hex(&run->rng, edcg_trainer_get_extra(run->trainer, "data_rng")) ||
        data_rng_from_hex(&run->epoch_rng, edcg_trainer_get_extra(run->trainer, "epoch_rng")))
        return -1;
    run->pos.phase = (int)phase;
    run->pos.epoch = (int)epoch;
    run->pos.step = (int)step;
    run->pos.global_step = global;
    const char *seconds = edcg_trainer_get_extra(run->trainer, "seconds");
    run->seconds_before = seconds ? atof(seconds) : 0.0;
    return 0;
}

int train_checkpoint_restore(train_run *run)
{
    edcg_error err;
    if (edcg_trainer_load(run->trainer, run->checkpoint_path, &err)) {
        diag_error("%s", err.message);
        return -1;
    }
    char now[256];
    const char *then = edcg_trainer_get_extra(run->trainer, "options");
    options_summary(run, now, sizeof now);
    if (!then || strcmp(then, now) != 0) {
        diag_error("%s was made with %s; this run has %s: resume with the same options and "
                   "folders", run->checkpoint_path, then ? then : "unknown options", now);
        return -1;
    }
    if (read_position(run)) {
        diag_error("%s: not a checkpoint of edcg train (its position or data RNG is missing)",
                   run->checkpoint_path);
        return -1;
    }
    return 0;
}
