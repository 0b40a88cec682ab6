/* Commands still being written (replaced in the next commits). */
#include <stdio.h>

#include "commands.h"
#include "diag.h"

static int not_yet(const char *name)
{
    diag_error("'edcg %s' is not implemented yet", name);
    return EXIT_RUNTIME;
}

int cmd_train(int argc, char **argv) { return not_yet("train"); }
