#include "filter_dialog.h"

#include <stdlib.h>

#include "filter_i18n.h"
#include "filter_preview.h"
#include "filter_stores.h"

void filter_dialog_init(filter_dialog *dialog, filter_drawable drawable)
{
    *dialog = (filter_dialog){0};
    dialog->drawable = drawable;
    filter_models_load(&dialog->models);
    dialog->direction_store = filter_direction_store_new();
    gint x, y;
    if (!gimp_drawable_mask_intersect(drawable, &x, &y, &dialog->run_w, &dialog->run_h)) {
        dialog->run_w = filter_drawable_width(drawable);
        dialog->run_h = filter_drawable_height(drawable);
    }
    dialog->status = gtk_label_new(NULL);
    gtk_label_set_line_wrap(GTK_LABEL(dialog->status), TRUE);
}

void filter_dialog_clear(filter_dialog *dialog)
{
    g_object_unref(dialog->direction_store);
    filter_job_clear(&dialog->job);
    filter_models_clear(&dialog->models);
}

void filter_dialog_show_status(filter_dialog *dialog, const char *message)
{
    gtk_label_set_text(GTK_LABEL(dialog->status), message ? message : "");
    gtk_widget_set_visible(dialog->status, message != NULL);
}

void filter_dialog_preview_failed(filter_dialog *dialog, GimpPreview *preview, GError **error)
{
    filter_dialog_show_status(dialog, (*error)->message);
    g_clear_error(error);
    gimp_preview_draw(preview); /* the layer as it is */
}

void filter_dialog_preview(filter_dialog *dialog, GimpPreview *preview, const filter_args *args)
{
    GError *error = NULL;
    if (!filter_job_update(&dialog->job, args, &error)) {
        filter_dialog_preview_failed(dialog, preview, &error);
        return;
    }
    gint x, y, w, h;
    gimp_preview_get_position(preview, &x, &y);
    gimp_preview_get_size(preview, &w, &h);
    const gboolean alpha = gimp_drawable_has_alpha(dialog->drawable);
    const int bpp = alpha ? 4 : 3;
    guchar *pixels = g_malloc((gsize)w * h * bpp);
    GeglBuffer *src = gimp_drawable_get_buffer(dialog->drawable);
    const GeglRectangle rect = {x, y, w, h};
    if (filter_preview_render(&dialog->job, src, &rect, dialog->run_w, dialog->run_h,
                              babl_format(alpha ? "R'G'B'A u8" : "R'G'B' u8"), pixels, &error)) {
        /* GimpDrawablePreview shows the original outside the selection. */
        gimp_preview_draw_buffer(preview, pixels, w * bpp);
        filter_dialog_show_status(dialog, NULL);
    } else {
        filter_dialog_preview_failed(dialog, preview, &error);
    }
    g_object_unref(src);
    g_free(pixels);
}

const char *filter_dialog_model_changed(filter_dialog *dialog, const char *model,
                                        const char *direction)
{
    filter_direction_store_update(dialog->direction_store, &dialog->models, model);
    const char *id = filter_direction_normalize(&dialog->models, model, direction);
    return id ? id : "a2b";
}

GtkWidget *filter_dialog_no_models_hint(void)
{
    char *dir = edcg_user_model_dir();
    char *text = g_strdup_printf(_("No models are installed. Train one with `edcg train` or "
                                   "copy a .safetensors model into %s."),
                                 dir ? dir : "~/.local/share/edcyclegan/models");
    GtkWidget *hint = gtk_label_new(text);
    gtk_label_set_line_wrap(GTK_LABEL(hint), TRUE);
    g_free(text);
    free(dir);
    return hint;
}
