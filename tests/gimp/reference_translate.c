/* reference_translate: what `edcg apply` does, for the GIMP tests to
 * compare the filter with: load a PNG with GEGL, translate it through
 * edcg_gegl_translate (the function the CLI and the filter share), save an
 * 8-bit PNG. An optional rectangle translates only that part, as the
 * filter does for a rectangular selection.
 *
 *   reference_translate MODEL DIRECTION STRENGTH EDGE WORK_SIZE IN OUT [X Y W H] */
#include <stdio.h>
#include <stdlib.h>

#include "gegl_translate.h"
#include "png_io.h"

int main(int argc, char **argv)
{
    if (argc != 8 && argc != 12) {
        fprintf(stderr, "usage: %s MODEL DIRECTION STRENGTH EDGE WORK_SIZE IN OUT [X Y W H]\n",
                argv[0]);
        return 2;
    }
    gegl_init(NULL, NULL);
    edcg_error err = {{0}};
    edcg_direction direction;
    edcg_translate_options options;
    edcg_translate_options_init(&options);
    options.strength = (float)atof(argv[3]);
    options.edge_strength = (float)atof(argv[4]);
    options.work_size = atoi(argv[5]);
    edcg_model *model = edcg_model_load(argv[1], &err);
    GeglBuffer *buffer = model ? png_load(argv[6]) : NULL;
    int rc = 1;
    if (model && buffer && !edcg_direction_parse(model, argv[2], &direction, &err)) {
        GeglRectangle rect = *gegl_buffer_get_extent(buffer);
        if (argc == 12)
            rect = (GeglRectangle){atoi(argv[8]), atoi(argv[9]), atoi(argv[10]), atoi(argv[11])};
        if (!edcg_gegl_translate(model, direction, buffer, &rect, buffer, &options, &err))
            rc = png_save(buffer, argv[7]);
    }
    if (rc)
        fprintf(stderr, "reference_translate: %s\n", err.message[0] ? err.message : "failed");
    g_clear_object(&buffer);
    edcg_model_free(model);
    gegl_exit();
    return rc;
}
