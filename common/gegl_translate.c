#include "gegl_translate.h"

#include <stdio.h>
#include <stdlib.h>

const Babl *edcg_gegl_format(void)
{
    return babl_format("R'G'B'A float");
}

edcg_status edcg_gegl_translate(const edcg_model *model, edcg_direction direction,
                                GeglBuffer *in, const GeglRectangle *rect, GeglBuffer *out,
                                const edcg_translate_options *options, edcg_error *err)
{
    const size_t count = (size_t)rect->width * rect->height * 4;
    float *pixels = rect->width > 0 && rect->height > 0 ? malloc(sizeof(float) * count) : NULL;
    if (!pixels) {
        if (err)
            snprintf(err->message, sizeof err->message,
                     "not enough memory for a %dx%d image", rect->width, rect->height);
        return EDCG_ERR_NOMEM;
    }
    gegl_buffer_get(in, rect, 1.0, edcg_gegl_format(), pixels, GEGL_AUTO_ROWSTRIDE,
                    GEGL_ABYSS_NONE);
    /* In place: the engine reads the whole source before writing, and only
     * touches the first three channels, so alpha stays as it was. */
    edcg_image image = {pixels, rect->width, rect->height, 4, (size_t)rect->width * 4};
    edcg_status s = edcg_translate(model, direction, &image, &image, options, err);
    if (s == EDCG_OK)
        gegl_buffer_set(out, rect, 0, edcg_gegl_format(), pixels, GEGL_AUTO_ROWSTRIDE);
    free(pixels);
    return s;
}
