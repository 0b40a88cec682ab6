#include "args.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

static int list_push(arg_list *list, const char *item)
{
    const char **items = realloc(list->items, sizeof *items * (list->count + 1));
    if (!items)
        return -1;
    items[list->count++] = item;
    list->items = items;
    return 0;
}

void arg_list_free(arg_list *list)
{
    free(list->items);
    list->items = NULL;
    list->count = 0;
}

static const arg_spec *find_long(const arg_spec *specs, const char *name, size_t len)
{
    for (const arg_spec *s = specs; s->name; s++)
        if (strlen(s->name) == len && strncmp(s->name, name, len) == 0)
            return s;
    return NULL;
}

static const arg_spec *find_short(const arg_spec *specs, char c)
{
    for (const arg_spec *s = specs; s->name; s++)
        if (s->short_name == c)
            return s;
    return NULL;
}

static int parse_number(const char *command, const arg_spec *s, const char *value)
{
    char *end = NULL;
    errno = 0;
    double v = strtod(value, &end);
    if (!*value || *end || errno || !isfinite(v)) {
        diag_usage(command, "--%s: '%s' is not a number", s->name, value);
        return -1;
    }
    if (s->kind == ARG_INT && v != floor(v)) {
        diag_usage(command, "--%s: '%s' is not a whole number", s->name, value);
        return -1;
    }
    if (v < s->min || v > s->max) {
        diag_usage(command, "--%s must be between %g and %g (got %s)", s->name, s->min, s->max,
                   value);
        return -1;
    }
    if (s->kind == ARG_INT)
        *(int *)s->target = (int)v;
    else
        *(double *)s->target = v;
    return 0;
}

static int apply_value(const char *command, const arg_spec *s, const char *value)
{
    switch (s->kind) {
    case ARG_STRING:
        *(const char **)s->target = value;
        return 0;
    case ARG_LIST:
        return list_push(s->target, value);
    case ARG_INT:
    case ARG_DOUBLE:
        return parse_number(command, s, value);
    case ARG_FLAG:
        break;
    }
    return -1;
}

/* One option at argv[*i]; advances *i past its value. */
static int parse_option(const char *command, const arg_spec *specs, int argc, char **argv, int *i)
{
    const char *arg = argv[*i], *inline_value = NULL;
    const arg_spec *s;
    if (arg[1] == '-') {
        const char *name = arg + 2, *eq = strchr(name, '=');
        size_t len = eq ? (size_t)(eq - name) : strlen(name);
        s = find_long(specs, name, len);
        inline_value = eq ? eq + 1 : NULL;
    } else {
        s = arg[2] == '\0' ? find_short(specs, arg[1]) : NULL;
    }
    if (!s) {
        diag_usage(command, "unknown option '%s'", arg);
        return -1;
    }
    if (s->kind == ARG_FLAG) {
        if (inline_value) {
            diag_usage(command, "--%s takes no value", s->name);
            return -1;
        }
        *(int *)s->target = 1;
        return 0;
    }
    if (!inline_value) {
        if (*i + 1 >= argc) {
            diag_usage(command, "--%s needs a value", s->name);
            return -1;
        }
        inline_value = argv[++*i];
    }
    return apply_value(command, s, inline_value);
}

args_result args_parse(const char *command, const arg_spec *specs, int argc, char **argv,
                       arg_list *positional)
{
    int only_positional = 0;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (!only_positional && strcmp(arg, "--") == 0) {
            only_positional = 1;
        } else if (!only_positional && (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0)) {
            return ARGS_HELP;
        } else if (!only_positional && arg[0] == '-' && arg[1] != '\0') {
            if (parse_option(command, specs, argc, argv, &i))
                return ARGS_USAGE_ERROR;
        } else if (!positional) {
            diag_usage(command, "unexpected argument '%s'", arg);
            return ARGS_USAGE_ERROR;
        } else if (list_push(positional, arg)) {
            return ARGS_USAGE_ERROR;
        }
    }
    return ARGS_OK;
}
