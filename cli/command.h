/* command.h: what every edcg command does around its own work, so each
 * cmd_*.c holds only its options, its checks and its job: parse the
 * arguments and answer --help, then run with image I/O and the Ctrl-C
 * handler in place. */
#ifndef EDCG_CLI_COMMAND_H
#define EDCG_CLI_COMMAND_H

#include <stddef.h>

#include "args.h"

/* What command_parse returns when the command should go on. */
#define COMMAND_CONTINUE (-1)

/* args_parse, with --help answered by printing `usage` on stdout. Returns
 * COMMAND_CONTINUE, or the exit status to return at once: 0 after --help,
 * EXIT_USAGE after a usage error (already reported). */
int command_parse(const char *command, const char *usage, const arg_spec *specs, int argc,
                  char **argv, arg_list *positional);

/* Runs job(options) between image_io_init/image_io_exit with the interrupt
 * handler installed, and returns its exit status. */
int command_run_with_images(int (*job)(const void *options), const void *options);

/* The checks shared by the commands that score or show models on test
 * images (eval, gallery): at least one -m, and --a and/or --b. Returns 0
 * or EXIT_USAGE (reported). */
int command_check_models_and_sets(const char *command, size_t models, const char *const dir[2]);

#endif
