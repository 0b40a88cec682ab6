#include "command.h"

#include <stdio.h>

#include "diag.h"
#include "image_io.h"
#include "interrupt.h"

int command_parse(const char *command, const char *usage, const arg_spec *specs, int argc,
                  char **argv, arg_list *positional)
{
    switch (args_parse(command, specs, argc, argv, positional)) {
    case ARGS_OK:
        return COMMAND_CONTINUE;
    case ARGS_HELP:
        fputs(usage, stdout);
        return 0;
    default:
        return EXIT_USAGE;
    }
}

int command_run_with_images(int (*job)(const void *options), const void *options)
{
    image_io_init();
    interrupt_install();
    int rc = job(options);
    image_io_exit();
    return rc;
}

int command_check_models_and_sets(const char *command, size_t models, const char *const dir[2])
{
    if (models == 0)
        return diag_usage(command, "-m MODEL is required");
    if (!dir[0] && !dir[1])
        return diag_usage(command, "give --a DIR and/or --b DIR (test images)");
    return 0;
}
