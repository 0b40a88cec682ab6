/* main.c: the edcg command: dispatch to a command, --help, --version. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "diag.h"
#include "edcg.h"

typedef struct command {
    const char *name, *summary;
    int (*run)(int argc, char **argv);
} command;

static const command commands[] = {
    {"train", "train a new colour-domain pair from two folders of images", cmd_train},
    {"apply", "translate images with a trained pair", cmd_apply},
    {"eval", "score a pair like the paper: SSIM and PSNR of cycle reconstructions", cmd_eval},
    {"gallery", "compare models side by side on test images, in one picture", cmd_gallery},
    {"info", "show a model's metadata and parameter counts", cmd_info},
    {"export", "write the model inside a training checkpoint as a model file", cmd_export},
    {"list", "list the installed models", cmd_list},
};

static void print_help(FILE *out)
{
    fprintf(out, "Usage: edcg COMMAND [OPTIONS]\n"
                 "ED-CycleGAN colour-domain translation (train, apply, evaluate).\n\n"
                 "Commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(out, "  %-7s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\n'edcg COMMAND --help' describes a command's options.\n"
                 "Exit status: 0 success, 1 runtime failure, 2 usage error"
                 " (130 after Ctrl-C).\n");
}

int main(int argc, char **argv)
{
    setvbuf(stderr, NULL, _IOLBF, 0);
    if (argc < 2) {
        print_help(stderr);
        return EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
        print_help(stdout);
        return 0;
    }
    if (strcmp(name, "--version") == 0) {
        printf("edcg %s\n", edcg_version());
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(name, commands[i].name) == 0)
            return commands[i].run(argc - 2, argv + 2);
    fprintf(stderr, "edcg: unknown command '%s' (see 'edcg --help')\n", name);
    return EXIT_USAGE;
}
