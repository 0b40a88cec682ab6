/* image_folder.h: the files of a folder that may be images, in a fixed
 * order (byte order of their names), so runs are reproducible. */
#ifndef EDCG_CLI_IMAGE_FOLDER_H
#define EDCG_CLI_IMAGE_FOLDER_H

#include <stddef.h>

/* Full paths (malloc'ed) of the regular files in `dir`, hidden files (a
 * leading '.') left out. Returns the count, or -1 with errno when the
 * folder cannot be read. */
long image_folder_list(const char *dir, char ***paths);
void image_folder_free(char **paths, long count);

/* One listed file as interleaved sRGB floats (image_load_rgb). A file that
 * is not a readable image is skipped, not fatal: a warning naming it and
 * the reason, and NULL. Every command that walks a folder does the same. */
float *image_folder_load_rgb(const char *path, int *width, int *height);

#endif
