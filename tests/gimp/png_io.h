/* png_io.h: PNG files to and from GEGL buffers, for the GIMP tests' helper
 * programs (the same GEGL operations the edcg command uses). */
#ifndef EDCG_TEST_PNG_IO_H
#define EDCG_TEST_PNG_IO_H

#include <gegl.h>

/* A new buffer with the file's pixels in their own format, or NULL. */
GeglBuffer *png_load(const char *path);

/* Writes an 8-bit PNG (RGB, RGBA or grey, as the buffer's format);
 * returns 0 on success. */
int png_save(GeglBuffer *buffer, const char *path);

#endif
