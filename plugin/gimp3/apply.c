#include "apply.h"

#include "config.h"
#include "filter_i18n.h"
#include "filter_job.h"
#include "filter_layer.h"
#include "filter_memory.h"

gboolean edcg3_check_drawable(GimpDrawable *drawable, GError **error)
{
    return filter_check_layer(gimp_item_is_group(GIMP_ITEM(drawable)),
                              gimp_drawable_is_rgb(drawable), error);
}

/* GIMP shows a Cancel button beside this progress; pressing it ends the
 * plug-in process, which is safe: nothing reaches the layer before the
 * merge. */
static gboolean report_progress(double fraction, void *user_data)
{
    gimp_progress_update(fraction);
    return TRUE;
}

GimpPDBStatusType edcg3_apply(GimpDrawable *drawable, GimpProcedureConfig *config,
                              GError **error)
{
    filter_args args;
    filter_job job;
    if (!edcg3_config_get_args(config, &args, error) || !filter_args_validate(&args, error))
        return GIMP_PDB_CALLING_ERROR;
    if (!filter_job_prepare(&job, &args, error))
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
