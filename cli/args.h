/* args.h: GNU-style options (--name value, --name=value, -o value) from a
 * table per command, so every command parses and reports the same way. */
#ifndef EDCG_CLI_ARGS_H
#define EDCG_CLI_ARGS_H

#include <stddef.h>

typedef enum arg_kind {
    ARG_FLAG,   /* int *: set to 1 */
    ARG_STRING, /* const char **: points into argv */
    ARG_INT,    /* int *, checked against [min, max] */
    ARG_DOUBLE, /* double *, checked against [min, max] */
    ARG_LIST    /* arg_list *: every occurrence is kept (e.g. several -m) */
} arg_kind;

/* Strings borrowed from argv; `items` is malloc'ed (arg_list_free). */
typedef struct arg_list {
    const char **items;
    size_t count;
} arg_list;

typedef struct arg_spec {
    const char *name; /* long name without dashes; NULL ends a table */
    char short_name;  /* one-letter alias, or 0 */
    arg_kind kind;
    void *target;
    double min, max;  /* accepted range for ARG_INT and ARG_DOUBLE */
} arg_spec;

typedef enum args_result { ARGS_OK, ARGS_HELP, ARGS_USAGE_ERROR } args_result;

/* Parses argv[0..argc) (argv[0] is the first argument after the command
 * name). Positional arguments go to `positional` (may be NULL: then any is
 * a usage error). Prints the usage error itself. "--" ends options. */
args_result args_parse(const char *command, const arg_spec *specs, int argc, char **argv,
                       arg_list *positional);
void arg_list_free(arg_list *list);

#endif
