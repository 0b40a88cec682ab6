#include "image_folder.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"
#include "image_io.h"
#include "paths.h"

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_regular(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

long image_folder_list(const char *dir, char ***paths)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    char **list = NULL;
    long n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char *path = path_join(dir, e->d_name);
        if (path && !is_regular(path)) {
            free(path);
            continue;
        }
        if (path && n == cap) {
            char **grown = realloc(list, sizeof *list * (size_t)(cap = cap ? 2 * cap : 64));
            if (!grown) {
                free(path);
                path = NULL;
            } else {
                list = grown;
            }
        }
        if (!path) {
            image_folder_free(list, n);
            closedir(d);
            errno = ENOMEM;
            return -1;
        }
        list[n++] = path;
    }
    closedir(d);
    if (n > 1)
        qsort(list, (size_t)n, sizeof *list, by_name);
    *paths = list;
    return n;
}

void image_folder_free(char **paths, long count)
{
    for (long i = 0; i < count; i++)
        free(paths[i]);
    free(paths);
}

float *image_folder_load_rgb(const char *path, int *width, int *height)
{
    char why[512];
    float *rgb = image_load_rgb(path, width, height, why, sizeof why);
    if (!rgb)
        diag_warning("%s: %s, skipped", path, why);
    return rgb;
}
