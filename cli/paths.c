#include "paths.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *str_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (s) {
        va_start(ap, fmt);
        vsnprintf(s, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    return s;
}

/* Length of path without trailing slashes (but keeps a lone "/"). */
static size_t trimmed_length(const char *path)
{
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/')
        n--;
    return n;
}

char *path_basename(const char *path)
{
    size_t n = trimmed_length(path), start = n;
    while (start > 0 && path[start - 1] != '/')
        start--;
    return strndup(path + start, n - start);
}

char *path_dirname(const char *path)
{
    size_t n = trimmed_length(path);
    while (n > 0 && path[n - 1] != '/')
        n--;
    while (n > 1 && path[n - 1] == '/')
        n--;
    return n == 0 ? strdup(".") : strndup(path, n);
}

const char *path_extension(const char *path)
{
    const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    return dot && dot != base ? dot : path + strlen(path);
}

char *path_stem(const char *path)
{
    char *base = path_basename(path);
    if (base)
        *(char *)path_extension(base) = '\0';
    return base;
}

char *path_join(const char *dir, const char *name)
{
    size_t n = strlen(dir);
    return str_printf("%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", name);
}

int path_mkdirs(const char *dir)
{
    char *copy = strdup(dir);
    if (!copy)
        return -1;
    for (char *p = copy + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(copy, 0777) && errno != EEXIST) {
            free(copy);
            return -1;
        }
        *p = '/';
    }
    int rc = mkdir(copy, 0777) && errno != EEXIST ? -1 : 0;
    if (rc == 0 && !path_is_dir(copy)) {
        errno = ENOTDIR;
        rc = -1;
    }
    free(copy);
    return rc;
}

int path_same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

int path_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

int path_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *path_temp_beside(const char *path)
{
    static unsigned counter;
    char *dir = path_dirname(path), *base = path_basename(path);
    char *tmp = dir && base ? str_printf("%s/.%s.%ld-%u.tmp", dir, base, (long)getpid(),
                                         counter++)
                            : NULL;
    free(dir);
    free(base);
    return tmp;
}

int path_dir_writable(const char *dir)
{
    char *probe = path_join(dir, ".edcg-write-test");
    char *tmp = probe ? path_temp_beside(probe) : NULL;
    free(probe);
    if (!tmp)
        return -1;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0600);
    int saved = errno;
    if (fd >= 0) {
        close(fd);
        unlink(tmp);
    }
    free(tmp);
    errno = saved;
    return fd >= 0 ? 0 : -1;
}
