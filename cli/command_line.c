#include "command_line.h"

#include <stdlib.h>
#include <string.h>

static int needs_quotes(const char *s)
{
    if (!*s)
        return 1;
    for (; *s; s++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%",
                    *s))
            return 1;
    return 0;
}

/* 'it'\''s' quoting: every ' becomes '\'' inside single quotes. */
static size_t quoted_length(const char *s)
{
    size_t n = 2;
    for (; *s; s++)
        n += *s == '\'' ? 4 : 1;
    return n;
}

static char *append_quoted(char *p, const char *s)
{
    *p++ = '\'';
    for (; *s; s++) {
        if (*s == '\'') {
            memcpy(p, "'\\''", 4);
            p += 4;
        } else {
            *p++ = *s;
        }
    }
    *p++ = '\'';
    return p;
}

char *command_line_join(const char *prefix, int argc, char **argv)
{
    size_t n = strlen(prefix) + 1;
    for (int i = 0; i < argc; i++)
        n += 1 + quoted_length(argv[i]);
    char *out = malloc(n), *p = out;
    if (!out)
        return NULL;
    p += strlen(strcpy(p, prefix));
    for (int i = 0; i < argc; i++) {
        *p++ = ' ';
        if (needs_quotes(argv[i]))
            p = append_quoted(p, argv[i]);
        else
            p += strlen(strcpy(p, argv[i]));
    }
    *p = '\0';
    return out;
}
