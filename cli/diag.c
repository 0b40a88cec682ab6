#include "diag.h"

#include <stdarg.h>
#include <stdio.h>

static void vprint(const char *prefix, const char *fmt, va_list ap)
{
    fflush(stdout); /* keep the order of interleaved stdout and stderr lines */
    fputs(prefix, stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void diag_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprint("edcg: error: ", fmt, ap);
    va_end(ap);
}

void diag_warning(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprint("edcg: warning: ", fmt, ap);
    va_end(ap);
}

int diag_usage(const char *command, const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    fprintf(stderr, "edcg %s: ", command);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, " (see 'edcg %s --help')\n", command);
    return EXIT_USAGE;
}
