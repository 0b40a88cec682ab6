#include "filter_apply.h"

#include "filter_i18n.h"
#include "filter_job.h"
#include "filter_layer.h"
#include "filter_memory.h"

gboolean filter_check_drawable(filter_drawable drawable, GError **error)
{
    return filter_check_layer(filter_drawable_is_group(drawable), gimp_drawable_is_rgb(drawable),
                              error);
}

/* GIMP shows a Cancel button beside this progress; pressing it ends the
 * plug-in process, which is safe: nothing reaches the layer before the
 * merge. */
static gboolean report_progress(double fraction, void *user_data)
{
    gimp_progress_update(fraction);
    return TRUE;
}

GimpPDBStatusType filter_apply(filter_drawable drawable, const filter_args *args, GError **error)
{
    filter_job job;
    if (!filter_job_prepare(&job, args, error))
        return (*error)->code == FILTER_ERROR_ARGUMENT ? GIMP_PDB_CALLING_ERROR
                                                       : GIMP_PDB_EXECUTION_ERROR;
    /* Drawable coordinates of the selection's bounds clipped to the layer
     * (so a layer offset and a selection partly outside are handled). */
    gint x, y, w, h;
    if (!gimp_drawable_mask_intersect(drawable, &x, &y, &w, &h)) {
        filter_job_clear(&job);
        return GIMP_PDB_SUCCESS; /* the selection does not touch this layer */
    }
    gimp_progress_init(_("ED-CycleGAN: translating"));
    GeglBuffer *src = gimp_drawable_get_buffer(drawable);
    GeglBuffer *shadow = gimp_drawable_get_shadow_buffer(drawable);
    const GeglRectangle rect = {x, y, w, h};
    gboolean ok = filter_job_run(&job, src, &rect, shadow, filter_memory_available(),
                                 report_progress, NULL, error);
    g_object_unref(src);
    if (ok)
        gegl_buffer_flush(shadow);
    g_object_unref(shadow);
    filter_job_clear(&job);
    if (!ok)
        return GIMP_PDB_EXECUTION_ERROR;
    gimp_progress_update(1.0);
    gimp_drawable_merge_shadow(drawable, TRUE);
    gimp_drawable_update(drawable, x, y, w, h);
    return GIMP_PDB_SUCCESS;
}
