/* cmd_train.c: `edcg train`: a new colour-domain pair from two folders.
 * Phase 1 trains the ED-Block on both domains (L1 recover loss, Eq. 1),
 * phase 2 the CycleGAN around its frozen encoder (Eq. 2-6); then the model
 * is written with its provenance in the metadata. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "command.h"
#include "command_line.h"
#include "commands.h"
#include "diag.h"
#include "paths.h"
#include "runtime_line.h"
#include "train_checkpoint.h"
#include "train_loop.h"
#include "train_setup.h"

static const char usage[] =
    "Usage: edcg train --a DIR_A --b DIR_B [-o MODEL.safetensors] [options]\n"
    "Train a colour-domain pair: first the ED-Block (phase 1, L1 recover loss) on the\n"
    "images of both folders, then ED-CycleGAN around its frozen encoder (phase 2).\n"
    "Every image file of each folder is used (others are skipped with a warning).\n"
    "Images are resized to size*286/256 square, randomly cropped to --size and\n"
    "flipped, as CycleGAN does. Defaults are the paper's, and CycleGAN's\n"
    "where the paper is silent.\n\n"
    "Options:\n"
    "  --a DIR, --b DIR      training images of domains A and B\n"
    "  -o, --output FILE     the model to write (default: the user model folder,\n"
    "                        as <A>2<B>.safetensors, where 'edcg list' and GIMP find it)\n"
    "  --names A,B           domain names (default: the folder names)\n"
    "  --variant V           ed (the paper's), ed-tedge, cyclegan, skip (default ed)\n"
    "  --ngf N, --ndf N      generator / discriminator width (64, 64)\n"
    "  --blocks N            residual blocks per generator (9)\n"
    "  --size N              crop size, a multiple of 4, >= 32 (256)\n"
    "  --batch N             images per step (4)\n"
    "  --ed-epochs N         phase 1 epochs (200)\n"
    "  --epochs N            phase 2 epochs (200)\n"
    "  --lr X                Adam learning rate (0.0002; constant for the first half of\n"
    "                        each phase, then linear decay to 0)\n"
    "  --gan-loss L          lsgan (CycleGAN's, default) or log (the paper's Eq. 3)\n"
    "  --pool-size N         fakes kept per domain for the discriminators (50)\n"
    "  --identity X          identity loss weight, relative to the cycle's (0.5, as in\n"
    "                        CycleGAN's code; 0 leaves it out, as the paper's Eq. 6):\n"
    "                        each generator should leave a real image of its own target\n"
    "                        domain unchanged (without it, small models learn to turn\n"
    "                        light areas dark)\n"
    "  --seed N              weights, data order, crops and image pool (1)\n"
    "  --threads N           worker threads (default: one per core)\n"
    "  --checkpoint-dir DIR  checkpoint, losses.csv, loss_curve.png and samples/\n"
    "                        (default: beside the model, <model>-training; with no -o,\n"
    "                        ./<A>2<B>-training)\n"
    "  --resume              continue the run saved in the checkpoint folder\n\n"
    "A checkpoint is written every epoch (atomically). Ctrl-C (or SIGTERM) finishes the\n"
    "current step, saves, prints how to resume and exits with status 130 (143 for\n"
    "SIGTERM); run the same command with --resume to continue exactly.\n";

static int check_options(const train_options *o)
{
    edcg_variant v;
    if (!o->dir[0] || !o->dir[1])
        return diag_usage("train", "--a DIR_A and --b DIR_B are required");
    if (edcg_variant_parse(o->variant, &v))
        return diag_usage("train", "unknown variant '%s' (use ed, ed-tedge, cyclegan or skip)",
                          o->variant);
    if (strcmp(o->gan_loss, "lsgan") != 0 && strcmp(o->gan_loss, "log") != 0)
        return diag_usage("train", "unknown GAN loss '%s' (use lsgan or log)", o->gan_loss);
    if (o->size % 4)
        return diag_usage("train", "--size must be a multiple of 4 (got %d)", o->size);
    if (o->names && (!strchr(o->names, ',') || strchr(o->names, '/') ||
                     strchr(strchr(o->names, ',') + 1, ',') || o->names[0] == ',' ||
                     o->names[strlen(o->names) - 1] == ','))
        return diag_usage("train", "--names takes two names without '/': A,B");
    return 0;
}

/* The command line without --resume: the command that trains this model. */
static char *training_command(int argc, char **argv)
{
    char **kept = malloc(sizeof(char *) * (size_t)(argc + 1));
    int n = 0;
    for (int i = 0; kept && i < argc; i++)
        if (strcmp(argv[i], "--resume") != 0)
            kept[n++] = argv[i];
    char *line = kept ? command_line_join("edcg train", n, kept) : NULL;
    free(kept);
    return line;
}

static int run_training(const void *options)
{
    const train_options *o = options;
    train_run run;
    memset(&run, 0, sizeof run);
    run.opt = o;
    run.command_line = training_command(o->argc, o->argv);
    char line[512];
    int rt = runtime_line(line, sizeof line, o->threads);
    printf("edcg train: variant %s, ngf %d, ndf %d, %d blocks, crop %d, batch %d; %s%s\n",
           o->variant, o->ngf, o->ndf, o->blocks, o->size, o->batch, rt ? "runtime: " : "", line);
    fflush(stdout);
    int rc = rt ? EXIT_RUNTIME : train_setup(&run);
    if (rc == 0)
        rc = train_loop(&run);
    if (rc == 0)
        rc = train_finish(&run);
    train_teardown(&run);
    return rc;
}

int cmd_train(int argc, char **argv)
{
    train_options o = {{NULL, NULL}, NULL, NULL, NULL, "ed", "lsgan",
                       64, 64, 9, 256, 4, 200, 200, 0, 0, 50, 2e-4, 1, 0.5, argc, argv};
    const arg_spec specs[] = {
        {"a", 0, ARG_STRING, &o.dir[0], 0, 0},
        {"b", 0, ARG_STRING, &o.dir[1], 0, 0},
        {"output", 'o', ARG_STRING, &o.output, 0, 0},
        {"names", 0, ARG_STRING, &o.names, 0, 0},
        {"variant", 0, ARG_STRING, &o.variant, 0, 0},
        {"ngf", 0, ARG_INT, &o.ngf, 1, 1024},
        {"ndf", 0, ARG_INT, &o.ndf, 1, 1024},
        {"blocks", 0, ARG_INT, &o.blocks, 0, 64},
        {"size", 0, ARG_INT, &o.size, 32, 4096},
        {"batch", 0, ARG_INT, &o.batch, 1, 256},
        {"ed-epochs", 0, ARG_INT, &o.ed_epochs, 0, 100000},
        {"epochs", 0, ARG_INT, &o.epochs, 1, 100000},
        {"lr", 0, ARG_DOUBLE, &o.lr, 1e-9, 0.999},
        {"gan-loss", 0, ARG_STRING, &o.gan_loss, 0, 0},
        {"pool-size", 0, ARG_INT, &o.pool_size, 0, 10000},
        {"identity", 0, ARG_DOUBLE, &o.identity, 0, 100},
        {"seed", 0, ARG_DOUBLE, &o.seed, 0, 9007199254740992.0},
        {"threads", 0, ARG_INT, &o.threads, 0, 1024},
        {"checkpoint-dir", 0, ARG_STRING, &o.checkpoint_dir, 0, 0},
        {"resume", 0, ARG_FLAG, &o.resume, 0, 0},
        {NULL, 0, ARG_FLAG, NULL, 0, 0},
    };
    int rc = command_parse("train", usage, specs, argc, argv, NULL);
    if (rc == COMMAND_CONTINUE)
        rc = check_options(&o) ? EXIT_USAGE : command_run_with_images(run_training, &o);
    return rc;
}
