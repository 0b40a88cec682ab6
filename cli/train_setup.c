#include "train_setup.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diag.h"
#include "paths.h"
#include "train_checkpoint.h"

static int has_ed_block(const char *variant)
{
    return strcmp(variant, "ed") == 0 || strcmp(variant, "ed-tedge") == 0;
}

/* "--names A,B", or the folders' names. */
static void domain_names(const train_options *o, char *names[2])
{
    if (o->names) {
        const char *comma = strchr(o->names, ',');
        names[0] = str_printf("%.*s", (int)(comma - o->names), o->names);
        names[1] = str_printf("%s", comma + 1);
    } else {
        names[0] = path_basename(o->dir[0]);
        names[1] = path_basename(o->dir[1]);
    }
}

static int writable_dir(const char *dir, const char *what)
{
    if (path_mkdirs(dir) || path_dir_writable(dir)) {
        diag_error("%s: cannot write the %s there: %s", dir, what, strerror(errno));
        return -1;
    }
    return 0;
}

/* Model path, checkpoint folder and file, checked writable before the
 * first image is decoded: a typo must not cost hours of training. */
static int choose_paths(train_run *run, char *names[2])
{
    const train_options *o = run->opt;
    char *pair = str_printf("%s2%s", names[0], names[1]);
    if (o->output) {
        run->model_path = str_printf("%s", o->output);
    } else {
        char *dir = edcg_user_model_dir();
        if (!dir)
            diag_error("no user model folder (HOME is not set): give -o MODEL.safetensors");
        run->model_path = dir && pair ? str_printf("%s/%s.safetensors", dir, pair) : NULL;
        if (dir && writable_dir(dir, "model")) {
            free(run->model_path);
            run->model_path = NULL;
        }
        free(dir);
    }
    if (!run->model_path) {
        free(pair);
        return -1;
    }
    char *model_dir = path_dirname(run->model_path), *stem = path_stem(run->model_path);
    if (o->checkpoint_dir)
        run->report_dir = str_printf("%s", o->checkpoint_dir);
    else if (o->output)
        run->report_dir = str_printf("%s/%s-training", model_dir, stem);
    else
        run->report_dir = str_printf("%s-training", pair);
    int rc = writable_dir(model_dir, "model") || writable_dir(run->report_dir, "checkpoint");
    run->checkpoint_path = path_join(run->report_dir, "checkpoint.safetensors");
    free(model_dir);
    free(stem);
    free(pair);
    return rc ? -1 : 0;
}

static int load_sets(train_run *run, char *names[2])
{
    const int side = train_load_side(run->opt->size);
    for (int d = 0; d < 2; d++) {
        double t0 = progress_now();
        char label[128], took[32];
        snprintf(label, sizeof label, "%c (%s)", 'A' + d, names[d]);
        if (train_set_load(&run->sets[d], run->opt->dir[d], side, label))
            return -1;
        printf("domain %s: %d images from %s, kept at %dx%d (%s)\n", label, run->sets[d].count,
               run->opt->dir[d], side, side,
               format_duration(progress_now() - t0, took, sizeof took));
        fflush(stdout);
    }
    return 0;
}

static int new_model(train_run *run, char *names[2])
{
    const train_options *o = run->opt;
    edcg_arch arch = {EDCG_VARIANT_ED, o->ngf, o->ndf, o->blocks};
    edcg_variant_parse(o->variant, &arch.variant);
    edcg_error err;
    char size[16];
    snprintf(size, sizeof size, "%d", o->size);
    run->model = edcg_model_new(&arch, (uint64_t)o->seed, &err);
    if (!run->model || edcg_model_set_meta(run->model, "domain_a", names[0], &err) ||
        edcg_model_set_meta(run->model, "domain_b", names[1], &err) ||
        edcg_model_set_meta(run->model, "train_size", size, &err)) {
        diag_error("%s", err.message);
        return -1;
    }
    edcg_train_config_default(&run->config);
    run->config.lr = (float)o->lr;
    run->config.ed_epochs = o->ed_epochs;
    run->config.epochs = o->epochs;
    run->config.seed = (uint64_t)o->seed;
    run->config.threads = o->threads;
    run->config.pool_size = o->pool_size;
    run->config.lambda_identity = (float)o->identity;
    run->config.gan_loss = strcmp(o->gan_loss, "log") == 0 ? EDCG_GAN_LOG : EDCG_GAN_LSGAN;
    run->trainer = edcg_trainer_new(run->model, &run->config, &err);
    if (!run->trainer) {
        diag_error("%s", err.message);
        return -1;
    }
    return 0;
}

static int start_or_resume(train_run *run)
{
    const train_options *o = run->opt;
    const int exists = path_exists(run->checkpoint_path);
    run->pos.phase = has_ed_block(o->variant) && o->ed_epochs > 0 ? 1 : 2;
    data_rng_seed(&run->rng, (uint64_t)o->seed);
    if (exists && !o->resume) {
        diag_error("%s exists: add --resume to continue that run, or use another "
                   "--checkpoint-dir (or delete it) to start over", run->checkpoint_path);
        return -1;
    }
    if (!exists) {
        if (o->resume)
            printf("no checkpoint in %s yet: starting from the beginning\n", run->report_dir);
        return 0;
    }
    if (train_checkpoint_restore(run))
        return -1;
    printf("resuming from %s at phase %d, epoch %d, step %d\n", run->checkpoint_path,
           run->pos.phase, run->pos.epoch + 1, run->pos.step);
    return 0;
}

static int open_log(train_run *run)
{
    char *csv = path_join(run->report_dir, "losses.csv");
    int rc = csv ? loss_log_open(&run->log, csv, run->pos.global_step) : -1;
    if (rc)
        diag_error("%s: cannot write the loss log: %s", csv ? csv : run->report_dir,
                   strerror(errno));
    free(csv);
    return rc;
}

int train_setup(train_run *run)
{
    char *names[2] = {NULL, NULL};
    domain_names(run->opt, names);
    const size_t batch = (size_t)run->opt->batch * 3 * run->opt->size * run->opt->size;
    run->batch[0] = malloc(sizeof(float) * batch);
    run->batch[1] = malloc(sizeof(float) * batch);
    int rc = !names[0] || !names[1] || !run->command_line || !run->batch[0] || !run->batch[1];
    if (rc)
        diag_error("out of memory");
    rc = rc || choose_paths(run, names) || new_model(run, names) || load_sets(run, names) ||
         start_or_resume(run) || open_log(run);
    free(names[0]);
    free(names[1]);
    progress_init(&run->line, stdout);
    run->started = progress_now();
    return rc ? EXIT_RUNTIME : 0;
}

static int set_provenance(train_run *run)
{
    const train_options *o = run->opt;
    char a[16], b[16], ed[16], ep[16], batch[16], lr[32], seed[32], secs[32], when[32],
        idt[32];
    time_t now = time(NULL);
    struct tm utc;
    gmtime_r(&now, &utc);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &utc);
    snprintf(a, sizeof a, "%d", run->sets[0].count);
    snprintf(b, sizeof b, "%d", run->sets[1].count);
    snprintf(ed, sizeof ed, "%d", has_ed_block(o->variant) ? o->ed_epochs : 0);
    snprintf(ep, sizeof ep, "%d", o->epochs);
    snprintf(batch, sizeof batch, "%d", o->batch);
    snprintf(lr, sizeof lr, "%g", o->lr);
    snprintf(idt, sizeof idt, "%g", o->identity);
    snprintf(seed, sizeof seed, "%.0f", o->seed);
    snprintf(secs, sizeof secs, "%.0f", train_seconds(run));
    const char *kv[] = {"images_a", a, "images_b", b, "ed_epochs", ed, "epochs", ep,
                        "batch_size", batch, "learning_rate", lr, "gan_loss", o->gan_loss,
                        "lambda_identity", idt,
                        "seed", seed, "trained_at", when, "train_seconds", secs,
                        "command_line", run->command_line, "trained_with", "edcg"};
    edcg_error err;
    for (size_t i = 0; i < sizeof kv / sizeof *kv; i += 2)
        if (edcg_model_set_meta(run->model, kv[i], kv[i + 1], &err)) {
            diag_error("%s", err.message);
            return -1;
        }
    return 0;
}

int train_finish(train_run *run)
{
    edcg_save_options so = {EDCG_DTYPE_F32, 0};
    edcg_error err;
    if (set_provenance(run))
        return EXIT_RUNTIME;
    if (edcg_model_save(run->model, run->model_path, &so, &err)) {
        diag_error("%s", err.message);
        return EXIT_RUNTIME;
    }
    char took[32];
    printf("wrote %s (%s <-> %s, %d + %d images, training time %s)\n", run->model_path,
           edcg_model_get_meta(run->model, "domain_a"), edcg_model_get_meta(run->model, "domain_b"),
           run->sets[0].count, run->sets[1].count,
           format_duration(train_seconds(run), took, sizeof took));
    return 0;
}

void train_teardown(train_run *run)
{
    progress_clear(&run->line);
    loss_log_close(&run->log);
    edcg_trainer_free(run->trainer);
    edcg_model_free(run->model);
    train_set_free(&run->sets[0]);
    train_set_free(&run->sets[1]);
    free(run->order);
    free(run->batch[0]);
    free(run->batch[1]);
    free(run->command_line);
    free(run->model_path);
    free(run->checkpoint_path);
    free(run->report_dir);
}
