/* image_io.h: image files in and out through GEGL, like GIMP itself.
 *
 * Loading picks the loader from the file's content (image_sniff.h) and
 * treats any loader complaint as a failed load; saving writes a temporary
 * file beside the target and renames it over the target, so a reader
 * never sees a half-written image and a failure leaves nothing behind. */
#ifndef EDCG_CLI_IMAGE_IO_H
#define EDCG_CLI_IMAGE_IO_H

#include <stddef.h>

#include <gegl.h>

/* Starts GEGL once per process and routes its log messages through edcg. */
void image_io_init(void);
void image_io_exit(void);

/* The file as a new GeglBuffer in the file's own pixel format (bit depth,
 * alpha and colour space kept), a JPEG turned upright by its EXIF
 * orientation. NULL with a reason in `why` when the file is missing, not an
 * image, corrupt, or larger than edcg handles. */
GeglBuffer *image_load(const char *path, char *why, size_t why_size);

/* The file as interleaved non-linear sRGB floats in [0, 1], 3 per pixel
 * (malloc'ed; caller frees). */
float *image_load_rgb(const char *path, int *width, int *height, char *why, size_t why_size);

/* 0 when an image can be written to `path`: edcg writes the file type it
 * names (.png, .jpg, ...) and a new file can be created in its folder;
 * otherwise -1 with a reason in `why`. For refusing before the work that
 * would make the image, rather than after it. */
int image_check_output(const char *path, char *why, size_t why_size);

/* Writes `buffer` to `path` in `file_format` (its bit depth decides 8 or 16
 * bits where the file type offers both), atomically. 0 or -1 with `why`. */
int image_save(const char *path, GeglBuffer *buffer, const Babl *file_format, char *why,
               size_t why_size);

/* Writes interleaved sRGB floats (3 per pixel, [0, 1]) as an 8-bit image. */
int image_save_rgb(const char *path, const float *rgb, int width, int height, char *why,
                   size_t why_size);

/* The pixel format an output should have to keep the input's alpha, bit
 * depth, linearity and colour space while holding colour (a grey or CMYK
 * input gives an RGB output of the same depth). A space that is sRGB in all
 * but name (sRGB's primaries, a 2.2 gamma) becomes sRGB. */
const Babl *image_output_format(const Babl *input_format);

#endif
