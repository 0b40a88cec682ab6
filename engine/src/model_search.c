/* model_search.c: where installed models live, shared by edcg and the GIMP
 * filter so that a pair trained with the CLI shows up in GIMP unchanged. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "edcg.h"
#include "error.h"
#include "safetensors.h"

#ifndef EDCG_SYSTEM_MODEL_DIR
#define EDCG_SYSTEM_MODEL_DIR "/usr/local/share/edcyclegan/models"
#endif

#define MODEL_SUFFIX ".safetensors"

static char *join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s%s%s", a, (*a && a[strlen(a) - 1] == '/') ? "" : "/", b);
    return s;
}

char *edcg_user_model_dir(void)
{
    const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
    if (xdg && *xdg == '/')
        return join(xdg, "edcyclegan/models");
    if (home && *home)
        return join(home, ".local/share/edcyclegan/models");
    return NULL;
}

size_t edcg_model_search_dirs(char **dirs, size_t max)
{
    size_t n = 0;
    const char *env = getenv("EDCG_MODEL_PATH");
    while (env && *env && n < max) {
        const char *end = strchr(env, ':');
        size_t len = end ? (size_t)(end - env) : strlen(env);
        if (len > 0 && (dirs[n] = malloc(len + 1))) {
            memcpy(dirs[n], env, len);
            dirs[n++][len] = '\0';
        }
        env = end ? end + 1 : NULL;
    }
    if (n < max && (dirs[n] = edcg_user_model_dir()))
        n++;
    /* EDCG_SYSTEM_MODEL_DIR relocates the system folder (an install moved
     * elsewhere, or tests that must not see models installed on the machine). */
    const char *system = getenv("EDCG_SYSTEM_MODEL_DIR");
    if (n < max && (dirs[n] = join(system && *system ? system : EDCG_SYSTEM_MODEL_DIR, "")))
        n++;
    return n;
}

static int is_regular_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static char *dup_or(const char *s, const char *fallback)
{
    const char *v = s ? s : fallback;
    char *d = malloc(strlen(v) + 1);
    return d ? strcpy(d, v) : NULL;
}

#define MAX_DIRS 32

char *edcg_model_resolve(const char *name, edcg_error *err)
{
    if (!name || !*name) {
        edcg_fail(err, EDCG_ERR_INVALID, "no model given");
        return NULL;
    }
    if (strchr(name, '/') || has_suffix(name, MODEL_SUFFIX)) {
        if (is_regular_file(name))
            return dup_or(name, "");
        edcg_fail(err, EDCG_ERR_IO, "%s: no such model file", name);
        return NULL;
    }
    char *dirs[MAX_DIRS], *found = NULL;
    size_t n = edcg_model_search_dirs(dirs, MAX_DIRS);
    char file[512];
    snprintf(file, sizeof file, "%s%s", name, MODEL_SUFFIX);
    for (size_t i = 0; i < n; i++) {
        char *path = found ? NULL : join(dirs[i], file);
        if (path && is_regular_file(path))
            found = path;
        else
            free(path);
        free(dirs[i]);
    }
    if (!found)
        edcg_fail(err, EDCG_ERR_IO,
                  "no installed model named '%s' (see `edcg list`; search path: $EDCG_MODEL_PATH, "
                  "the user data folder, " EDCG_SYSTEM_MODEL_DIR ")", name);
    return found;
}

static int compare_entries(const void *a, const void *b)
{
    return strcmp(((const edcg_model_entry *)a)->name, ((const edcg_model_entry *)b)->name);
}

static int listed(const edcg_model_entry *e, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(e[i].name, name) == 0)
            return 1;
    return 0;
}

/* Adds one file if it is a readable edcg model; returns the new count. */
static size_t add_entry(edcg_model_entry **list, size_t n, size_t *cap, const char *dir,
                        const char *file)
{
    char *path = join(dir, file);
    size_t len = strlen(file) - strlen(MODEL_SUFFIX);
    char name[256];
    st_file f;
    if (!path || len >= sizeof name || st_read_header(path, &f, NULL)) {
        free(path);
        return n;
    }
    memcpy(name, file, len);
    name[len] = '\0';
    const char *format = st_meta(&f, "format");
    if (!format || strcmp(format, "edcg-model") != 0 || listed(*list, n, name)) {
        st_free(&f);
        free(path);
        return n;
    }
    if (n == *cap) {
        size_t c = *cap ? 2 * *cap : 8;
        edcg_model_entry *e = realloc(*list, c * sizeof *e);
        if (!e) {
            st_free(&f);
            free(path);
            return n;
        }
        *list = e;
        *cap = c;
    }
    edcg_model_entry *e = &(*list)[n];
    e->name = dup_or(name, "");
    e->path = path;
    e->domain_a = dup_or(st_meta(&f, "domain_a"), "a");
    e->domain_b = dup_or(st_meta(&f, "domain_b"), "b");
    st_free(&f);
    return n + 1;
}

size_t edcg_model_list(edcg_model_entry **out)
{
    char *dirs[MAX_DIRS];
    size_t ndirs = edcg_model_search_dirs(dirs, MAX_DIRS), n = 0, cap = 0;
    edcg_model_entry *list = NULL;
    for (size_t i = 0; i < ndirs; i++) {
        DIR *d = opendir(dirs[i]);
        struct dirent *ent;
        while (d && (ent = readdir(d)))
            if (ent->d_name[0] != '.' && has_suffix(ent->d_name, MODEL_SUFFIX))
                n = add_entry(&list, n, &cap, dirs[i], ent->d_name);
        if (d)
            closedir(d);
        free(dirs[i]);
    }
    if (n)
        qsort(list, n, sizeof *list, compare_entries);
    *out = list;
    return n;
}

void edcg_model_list_free(edcg_model_entry *e, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(e[i].name);
        free(e[i].path);
        free(e[i].domain_a);
        free(e[i].domain_b);
    }
    free(e);
}
