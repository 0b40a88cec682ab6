/* image_sniff.h: which GEGL loader a file needs, judged by its content.
 *
 * GEGL's gegl:load picks a loader by the file name's extension and falls
 * back to ImageMagick for unknown ones; a PNG named .jpg then reaches
 * libjpeg, whose default error handler calls exit(). GEGL 0.4's jpg-load
 * also spins forever on a truncated JPEG and exits on a corrupt one. So the
 * content decides the loader here, and JPEG, PNG and WebP files are checked
 * for a complete structure before any decoder sees them. */
#ifndef EDCG_CLI_IMAGE_SNIFF_H
#define EDCG_CLI_IMAGE_SNIFF_H

#include <stddef.h>

/* The GEGL operation that loads `path` ("gegl:png-load", ...), or NULL
 * with a short reason in `why` ("not an image", "truncated JPEG", ...). */
const char *image_sniff(const char *path, char *why, size_t why_size);

#endif
