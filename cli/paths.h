/* paths.h: file names and folders (all results malloc'ed, caller frees). */
#ifndef EDCG_CLI_PATHS_H
#define EDCG_CLI_PATHS_H

#include <stddef.h>

/* "a/b/c.png" -> "c.png"; "a/b/" -> "b". */
char *path_basename(const char *path);
/* "a/b/c.png" -> "a/b"; "c.png" -> "." */
char *path_dirname(const char *path);
/* Pointer into path at the extension's dot ("c.tar.png" -> ".png"), or at
 * the terminating NUL when there is none. */
const char *path_extension(const char *path);
/* The base name without extension: "a/b/c.png" -> "c". */
char *path_stem(const char *path);
/* dir + "/" + name (no doubled slash). */
char *path_join(const char *dir, const char *name);
/* printf into a new string. */
char *str_printf(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* Creates a folder and its parents (like mkdir -p). 0 or -1 with errno. */
int path_mkdirs(const char *dir);
/* 1 when both names are the same existing file (same device and inode). */
int path_same_file(const char *a, const char *b);
int path_exists(const char *path);
int path_is_dir(const char *path);
/* 0 when a new file can be created in `dir` (tries one and removes it);
 * otherwise -1 with errno. */
int path_dir_writable(const char *dir);
/* A name beside `path` for a temporary file, unique in this process. */
char *path_temp_beside(const char *path);

#endif
