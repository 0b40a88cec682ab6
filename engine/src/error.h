/* error.h: filling the caller's edcg_error (internal). */
#ifndef EDCG_ERROR_H
#define EDCG_ERROR_H

#include "edcg.h"

#if defined(__GNUC__)
#define EDCG_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define EDCG_PRINTF(a, b)
#endif

/* Formats one line into err (if not NULL) and returns status, so that
 * failures read `return edcg_fail(err, EDCG_ERR_IO, "%s: ...", path);`. */
edcg_status edcg_fail(edcg_error *err, edcg_status status, const char *fmt, ...)
    EDCG_PRINTF(3, 4);

#endif
