/* filter_preview.h: the dialog's live preview, shared by both front ends.
 * The preview translates only the area it shows, at the scale the real run
 * will use, so it costs a fraction of a second and shows textures at the
 * size the result will have. */
#ifndef EDCG_FILTER_PREVIEW_H
#define EDCG_FILTER_PREVIEW_H

#include <gegl.h>

#include "filter_job.h"

/* The working resolution for a preview of region_w x region_h pixels of a
 * run over run_w x run_h pixels (the selection's bounds): the run's scale
 * (its working resolution over its longest side) applied to the region.
 * 0 (full resolution) when the run is not scaled. */
int filter_preview_work_size(const edcg_model *model, int work_size, int run_w, int run_h,
                             int region_w, int region_h);

/* Translates `rect` of `in` with the job's options, at the preview's
 * working resolution, into `pixels` (rect->width * rect->height pixels of
 * `format`, rows packed; e.g. "R'G'B'A u8", what GimpPreview draws).
 * FALSE with a translated message in *error when it fails. */
gboolean filter_preview_render(const filter_job *job, GeglBuffer *in, const GeglRectangle *rect,
                               int run_w, int run_h, const Babl *format, guchar *pixels,
                               GError **error);

#endif
