#include "filter_preview.h"

#include "filter_i18n.h"
#include "filter_params.h"
#include "gegl_translate.h"

int filter_preview_work_size(const edcg_model *model, int work_size, int run_w, int run_h,
                             int region_w, int region_h)
{
    const int ws = work_size == EDCG_WORK_SIZE_AUTO ? edcg_model_default_work_size(model)
                                                    : work_size;
    const int run_longest = MAX(run_w, run_h), region_longest = MAX(region_w, region_h);
    if (ws <= 0 || run_longest <= ws)
        return 0;
    const int scaled = (int)((double)region_longest * ws / run_longest + 0.5);
    if (scaled >= region_longest)
        return 0;
    /* The engine's smallest working size; a region that small runs as is. */
    if (scaled < FILTER_WORK_SIZE_MIN)
        return region_longest <= FILTER_WORK_SIZE_MIN ? 0 : FILTER_WORK_SIZE_MIN;
    return scaled;
}

gboolean filter_preview_render(const filter_job *job, GeglBuffer *in, const GeglRectangle *rect,
                               int run_w, int run_h, const Babl *format, guchar *pixels,
                               GError **error)
{
    edcg_translate_options options = job->options;
    options.work_size = filter_preview_work_size(job->model, job->options.work_size, run_w,
                                                 run_h, rect->width, rect->height);
    options.progress = NULL;
    GeglBuffer *out = gegl_buffer_new(rect, edcg_gegl_format());
    edcg_error err = {{0}};
    edcg_status s = edcg_gegl_translate(job->model, job->direction, in, rect, out, &options, &err);
    if (s == EDCG_OK)
        gegl_buffer_get(out, rect, 1.0, format, pixels, GEGL_AUTO_ROWSTRIDE, GEGL_ABYSS_NONE);
    else
        g_set_error(error, FILTER_ERROR, FILTER_ERROR_ENGINE, _("The preview failed: %s"),
                    err.message);
    g_object_unref(out);
    return s == EDCG_OK;
}
