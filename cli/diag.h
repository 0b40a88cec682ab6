/* diag.h: how edcg talks about failure: one line on stderr naming what went
 * wrong, and an exit status scripts can rely on. */
#ifndef EDCG_CLI_DIAG_H
#define EDCG_CLI_DIAG_H

enum {
    EXIT_SUCCESS_CODE = 0, /* everything asked was done */
    EXIT_RUNTIME = 1,      /* a file, the model or the machine failed */
    EXIT_USAGE = 2         /* the command line was wrong; nothing was done */
};

#if defined(__GNUC__)
#define DIAG_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define DIAG_PRINTF(a, b)
#endif

/* "edcg: error: ..." */
void diag_error(const char *fmt, ...) DIAG_PRINTF(1, 2);
/* "edcg: warning: ..." */
void diag_warning(const char *fmt, ...) DIAG_PRINTF(1, 2);
/* "edcg COMMAND: ... (see 'edcg COMMAND --help')"; returns EXIT_USAGE. */
int diag_usage(const char *command, const char *fmt, ...) DIAG_PRINTF(2, 3);

#endif
