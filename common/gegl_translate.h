/* gegl_translate.h: the one path from GEGL pixels to the engine and back,
 * shared by the edcg command and the GIMP filter so both give the same
 * pixels for the same input and options. */
#ifndef EDCG_GEGL_TRANSLATE_H
#define EDCG_GEGL_TRANSLATE_H

#include <gegl.h>

#include "edcg.h"

/* Non-linear R'G'B'A float: the model learnt on sRGB-encoded pixels, so
 * any precision (8, 16, 32-bit, linear or not) is read through this. */
const Babl *edcg_gegl_format(void);

/* Translates `rect` of `in` into the same rectangle of `out` (which may be
 * `in`); alpha is copied unchanged. On failure or cancel `out` is not
 * written. Memory: 16 bytes per pixel of rect plus the engine's working
 * memory (edcg_translate_memory). */
edcg_status edcg_gegl_translate(const edcg_model *model, edcg_direction direction,
                                GeglBuffer *in, const GeglRectangle *rect, GeglBuffer *out,
                                const edcg_translate_options *options, edcg_error *err);

#endif
