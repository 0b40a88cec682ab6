#include "dialog.h"

#include <stdlib.h>

#include <libgimp/gimpui.h>

#include "filter_i18n.h"
#include "filter_models.h"
#include "filter_params.h"
#include "filter_preview.h"
#include "filter_stores.h"

typedef struct dialog_state {
    gint32 drawable_id;
    filter_args *args;
    filter_models models;
    GtkListStore *direction_store;
    GtkWidget *direction_combo;
    GtkWidget *preview;
    GtkWidget *status; /* why the preview is missing, when it is */
    filter_job job;    /* the preview's model, kept while the model is unchanged */
    int run_w, run_h;  /* the area OK will translate */
} dialog_state;

static void show_status(dialog_state *st, const char *message)
{
    gtk_label_set_text(GTK_LABEL(st->status), message ? message : "");
    if (message)
        gtk_widget_show(st->status);
    else
        gtk_widget_hide(st->status);
}

static void preview_update(GimpPreview *preview, dialog_state *st)
{
    GError *error = NULL;
    gint x, y, w, h;
    gimp_preview_get_position(preview, &x, &y);
    gimp_preview_get_size(preview, &w, &h);
    if (!filter_job_update(&st->job, st->args, &error)) {
        show_status(st, error->message);
        g_clear_error(&error);
        gimp_preview_draw(preview); /* the layer as it is */
        return;
    }
    const gboolean alpha = gimp_drawable_has_alpha(st->drawable_id);
    const int bpp = alpha ? 4 : 3;
    guchar *pixels = g_malloc((gsize)w * h * bpp);
    GeglBuffer *src = gimp_drawable_get_buffer(st->drawable_id);
    const GeglRectangle rect = {x, y, w, h};
    if (filter_preview_render(&st->job, src, &rect, st->run_w, st->run_h,
                              babl_format(alpha ? "R'G'B'A u8" : "R'G'B' u8"), pixels, &error)) {
        /* GimpDrawablePreview shows the original outside the selection. */
        gimp_preview_draw_buffer(preview, pixels, w * bpp);
        show_status(st, NULL);
    } else {
        show_status(st, error->message);
        g_clear_error(&error);
        gimp_preview_draw(preview);
    }
    g_object_unref(src);
    g_free(pixels);
}

static void copy_active(GtkWidget *combo, char *dst, size_t size)
{
    char *id = gimp_string_combo_box_get_active(GIMP_STRING_COMBO_BOX(combo));
    if (id)
        g_strlcpy(dst, id, size);
    g_free(id);
}

static void direction_changed(GtkWidget *combo, dialog_state *st)
{
    copy_active(combo, st->args->direction, sizeof st->args->direction);
    gimp_preview_invalidate(GIMP_PREVIEW(st->preview));
}

/* A new model: relabel the directions with its domains, and select the
 * row a domain name in the arguments ("orange") means. */
static void model_changed(GtkWidget *combo, dialog_state *st)
{
    if (combo)
        copy_active(combo, st->args->model, sizeof st->args->model);
    filter_direction_store_update(st->direction_store, &st->models, st->args->model);
    const char *id = filter_direction_normalize(&st->models, st->args->model,
                                                st->args->direction);
    gimp_string_combo_box_set_active(GIMP_STRING_COMBO_BOX(st->direction_combo),
                                     id ? id : "a2b");
    gimp_preview_invalidate(GIMP_PREVIEW(st->preview));
}

static void attach_combo(GtkWidget *table, int row, filter_param_id id, GtkWidget *combo)
{
    const filter_param_info *p = filter_param(id);
    gimp_table_attach_aligned(GTK_TABLE(table), 0, row, _(p->nick), 0.0, 0.5, combo, 2, FALSE);
    gimp_help_set_help_data(combo, _(p->blurb), NULL);
}

static void attach_scale(dialog_state *st, GtkWidget *table, int row, filter_param_id id,
                         double value, double step, int digits, GCallback update, void *target)
{
    const filter_param_info *p = filter_param(id);
    GtkObject *adj = gimp_scale_entry_new(GTK_TABLE(table), 0, row, _(p->nick), 160, 6, value,
                                          p->min, p->max, step, step * 10, digits, TRUE, 0, 0,
                                          _(p->blurb), NULL);
    g_signal_connect(adj, "value-changed", update, target);
    g_signal_connect_swapped(adj, "value-changed", G_CALLBACK(gimp_preview_invalidate),
                             st->preview);
}

static GtkWidget *settings_table(dialog_state *st)
{
    GtkWidget *table = gtk_table_new(5, 3, FALSE);
    gtk_table_set_col_spacings(GTK_TABLE(table), 6);
    gtk_table_set_row_spacings(GTK_TABLE(table), 6);

    GtkListStore *models = filter_model_store_new(&st->models, st->args->model);
    GtkWidget *model_combo =
        gimp_string_combo_box_new(GTK_TREE_MODEL(models), FILTER_STORE_ID, FILTER_STORE_LABEL);
    g_object_unref(models);
    if (!st->args->model[0] && st->models.count > 0)
        g_strlcpy(st->args->model, st->models.entries[0].name, sizeof st->args->model);
    gimp_string_combo_box_set_active(GIMP_STRING_COMBO_BOX(model_combo), st->args->model);
    attach_combo(table, 0, FILTER_PARAM_MODEL, model_combo);

    st->direction_store = filter_direction_store_new();
    st->direction_combo = gimp_string_combo_box_new(GTK_TREE_MODEL(st->direction_store),
                                                    FILTER_STORE_ID, FILTER_STORE_LABEL);
    attach_combo(table, 1, FILTER_PARAM_DIRECTION, st->direction_combo);
    model_changed(NULL, st);
    g_signal_connect(model_combo, "changed", G_CALLBACK(model_changed), st);
    g_signal_connect(st->direction_combo, "changed", G_CALLBACK(direction_changed), st);

    attach_scale(st, table, 2, FILTER_PARAM_STRENGTH, st->args->strength, 0.01, 2,
                 G_CALLBACK(gimp_double_adjustment_update), &st->args->strength);
    attach_scale(st, table, 3, FILTER_PARAM_EDGE_STRENGTH, st->args->edge_strength, 0.01, 2,
                 G_CALLBACK(gimp_double_adjustment_update), &st->args->edge_strength);
    attach_scale(st, table, 4, FILTER_PARAM_WORK_SIZE, st->args->work_size, 1, 0,
                 G_CALLBACK(gimp_int_adjustment_update), &st->args->work_size);
    return table;
}

static GtkWidget *no_models_hint(void)
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

gboolean edcg2_dialog_run(gint32 drawable_id, filter_args *args)
{
    dialog_state st = {0};
    st.drawable_id = drawable_id;
    st.args = args;
    filter_models_load(&st.models);
    gint x, y;
    if (!gimp_drawable_mask_intersect(drawable_id, &x, &y, &st.run_w, &st.run_h)) {
        st.run_w = gimp_drawable_width(drawable_id);
        st.run_h = gimp_drawable_height(drawable_id);
    }

    GtkWidget *dialog = gimp_dialog_new(_("ED-CycleGAN Translate"), FILTER_BINARY, NULL, 0,
                                        gimp_standard_help_func, FILTER_PROC, _("_Cancel"),
                                        GTK_RESPONSE_CANCEL, _("_OK"), GTK_RESPONSE_OK, NULL);
    gtk_dialog_set_alternative_button_order(GTK_DIALOG(dialog), GTK_RESPONSE_OK,
                                            GTK_RESPONSE_CANCEL, -1);
    gimp_window_set_transient(GTK_WINDOW(dialog));

    GtkWidget *hbox = gtk_hbox_new(FALSE, 12);
    gtk_container_set_border_width(GTK_CONTAINER(hbox), 12);
    gtk_box_pack_start(GTK_BOX(gtk_dialog_get_content_area(GTK_DIALOG(dialog))), hbox, TRUE,
                       TRUE, 0);
    st.preview = gimp_drawable_preview_new_from_drawable_id(drawable_id);
    gtk_box_pack_start(GTK_BOX(hbox), st.preview, TRUE, TRUE, 0);

    GtkWidget *vbox = gtk_vbox_new(FALSE, 6);
    gtk_box_pack_start(GTK_BOX(hbox), vbox, FALSE, FALSE, 0);
    gtk_box_pack_start(GTK_BOX(vbox), settings_table(&st), FALSE, FALSE, 0);
    if (st.models.count == 0)
        gtk_box_pack_start(GTK_BOX(vbox), no_models_hint(), FALSE, FALSE, 0);
    st.status = gtk_label_new(NULL);
    gtk_label_set_line_wrap(GTK_LABEL(st.status), TRUE);
    gtk_box_pack_end(GTK_BOX(vbox), st.status, FALSE, FALSE, 0);
    g_signal_connect(st.preview, "invalidated", G_CALLBACK(preview_update), &st);

    gtk_widget_show_all(dialog);
    gtk_widget_hide(st.status);
    gboolean run = gimp_dialog_run(GIMP_DIALOG(dialog)) == GTK_RESPONSE_OK;

    gtk_widget_destroy(dialog);
    g_object_unref(st.direction_store);
    filter_job_clear(&st.job);
    filter_models_clear(&st.models);
    return run;
}
