#include "dialog.h"

#include <libgimp/gimpui.h>

#include "filter_dialog.h"
#include "filter_i18n.h"
#include "filter_params.h"
#include "filter_stores.h"

typedef struct dialog_state {
    filter_dialog common;
    filter_args *args;
    GtkWidget *direction_combo;
    GtkWidget *preview;
} dialog_state;

static void preview_update(GimpPreview *preview, dialog_state *st)
{
    filter_dialog_preview(&st->common, preview, st->args);
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
    gimp_string_combo_box_set_active(
        GIMP_STRING_COMBO_BOX(st->direction_combo),
        filter_dialog_model_changed(&st->common, st->args->model, st->args->direction));
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

    const filter_models *installed = &st->common.models;
    GtkListStore *models = filter_model_store_new(installed, st->args->model);
    GtkWidget *model_combo =
        gimp_string_combo_box_new(GTK_TREE_MODEL(models), FILTER_STORE_ID, FILTER_STORE_LABEL);
    g_object_unref(models);
    if (!st->args->model[0] && installed->count > 0)
        g_strlcpy(st->args->model, installed->entries[0].name, sizeof st->args->model);
    gimp_string_combo_box_set_active(GIMP_STRING_COMBO_BOX(model_combo), st->args->model);
    attach_combo(table, 0, FILTER_PARAM_MODEL, model_combo);

    st->direction_combo = gimp_string_combo_box_new(GTK_TREE_MODEL(st->common.direction_store),
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

gboolean edcg2_dialog_run(gint32 drawable_id, filter_args *args)
{
    dialog_state st = {.args = args};
    filter_dialog_init(&st.common, drawable_id);

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
    if (st.common.models.count == 0)
        gtk_box_pack_start(GTK_BOX(vbox), filter_dialog_no_models_hint(), FALSE, FALSE, 0);
    gtk_box_pack_end(GTK_BOX(vbox), st.common.status, FALSE, FALSE, 0);
    g_signal_connect(st.preview, "invalidated", G_CALLBACK(preview_update), &st);

    gtk_widget_show_all(dialog);
    gtk_widget_hide(st.common.status);
    gboolean run = gimp_dialog_run(GIMP_DIALOG(dialog)) == GTK_RESPONSE_OK;

    gtk_widget_destroy(dialog);
    filter_dialog_clear(&st.common);
    return run;
}
