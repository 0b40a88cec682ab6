#include "error.h"

#include <stdarg.h>
#include <stdio.h>

edcg_status edcg_fail(edcg_error *err, edcg_status status, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
        /* One line: a newline inside a message (e.g. from a file name) would
         * break log parsers and GIMP's message box alike. */
        for (char *p = err->message; *p; p++)
            if (*p == '\n' || *p == '\r')
                *p = ' ';
    }
    return status;
}
