#include "dialog.h"

#include <libgimp/gimpui.h>

#include "config.h"
#include "filter_dialog.h"
#include "filter_i18n.h"
#include "filter_params.h"
#include "filter_stores.h"

typedef struct dialog_state {
    filter_dialog common;
    GimpProcedureConfig *config;
} dialog_state;

static void preview_update(GimpPreview *preview, dialog_state *st)
{
    filter_args args;
    GError *error = NULL;
    if (edcg3_config_get_args(st->config, &args, &error))
        filter_dialog_preview(&st->common, preview, &args);
    else
        filter_dialog_preview_failed(&st->common, preview, &error);
}

/* A new model: relabel the directions with its domains, and map a domain
 * name the config may hold ("orange") onto the id the combo box knows. */
static void model_changed(GimpProcedureConfig *config, GParamSpec *pspec, dialog_state *st)
{
    char *model = NULL, *direction = NULL;
    g_object_get(config, "model", &model, "direction", &direction, NULL);
    const char *id = filter_dialog_model_changed(&st->common, model, direction);
    if (g_strcmp0(id, direction) != 0)
        g_object_set(config, "direction", id, NULL);
    g_free(model);
    g_free(direction);
}

static GtkWidget *string_combo(dialog_state *st, const char *property, GtkListStore *store)
{
    GtkWidget *combo = gimp_prop_string_combo_box_new(G_OBJECT(st->config), property,
                                                      GTK_TREE_MODEL(store), FILTER_STORE_ID,
                                                      FILTER_STORE_LABEL);
    g_object_unref(store);
    const filter_param_info *p =
        filter_param(g_strcmp0(property, "model") == 0 ? FILTER_PARAM_MODEL
                                                       : FILTER_PARAM_DIRECTION);
    GtkWidget *labeled = gimp_label_string_widget_new(_(p->nick), combo);
    gimp_help_set_help_data(labeled, _(p->blurb), NULL);
    gtk_widget_show(labeled);
    return labeled;
}

/* The model argument the dialog opens with: the last one used, or the
 * first installed model when there was none. */
static void choose_initial_model(dialog_state *st)
{
    char *model = NULL;
    g_object_get(st->config, "model", &model, NULL);
    const filter_models *installed = &st->common.models;
    if ((!model || !*model) && installed->count > 0)
        g_object_set(st->config, "model", installed->entries[0].name, NULL);
    g_free(model);
}

gboolean edcg3_dialog_run(GimpProcedure *procedure, GimpProcedureConfig *config,
                          GimpDrawable *drawable)
{
    dialog_state st = {.config = config};
    filter_dialog_init(&st.common, drawable);
    choose_initial_model(&st);

    char *model = NULL;
    g_object_get(config, "model", &model, NULL);
    GtkWidget *dialog = gimp_procedure_dialog_new(procedure, config, _("ED-CycleGAN Translate"));
    GimpProcedureDialog *pd = GIMP_PROCEDURE_DIALOG(dialog);
    GtkWidget *model_widget =
        string_combo(&st, "model", filter_model_store_new(&st.common.models, model));
    /* string_combo hands a reference to the combo box; st keeps its own. */
    GtkWidget *direction_widget =
        string_combo(&st, "direction", g_object_ref(st.common.direction_store));
    g_free(model);
    model_changed(config, NULL, &st);

    gimp_procedure_dialog_get_scale_entry(pd, "strength", 1.0);
    gimp_procedure_dialog_get_scale_entry(pd, "edge-strength", 1.0);
    gimp_procedure_dialog_get_spin_scale(pd, "work-size", 1.0);
    GtkWidget *settings =
        gimp_procedure_dialog_fill_box(pd, "edcg-settings", "strength", "edge-strength",
                                       "work-size", NULL);
    /* The two combo boxes are not built from the arguments (a string
     * argument would get a text entry): put them first. */
    gtk_box_pack_start(GTK_BOX(settings), direction_widget, FALSE, FALSE, 0);
    gtk_box_reorder_child(GTK_BOX(settings), direction_widget, 0);
    gtk_box_pack_start(GTK_BOX(settings), model_widget, FALSE, FALSE, 0);
    gtk_box_reorder_child(GTK_BOX(settings), model_widget, 0);
    gtk_box_set_spacing(GTK_BOX(settings), 6);
    /* Room for the scales beside the preview. */
    gtk_widget_set_size_request(settings, 380, -1);

    if (st.common.models.count == 0) {
        GtkWidget *hint = filter_dialog_no_models_hint();
        gtk_box_pack_start(GTK_BOX(settings), hint, FALSE, FALSE, 0);
        gtk_widget_show(hint);
    }
    gtk_label_set_max_width_chars(GTK_LABEL(st.common.status), 50);
    gtk_box_pack_end(GTK_BOX(settings), st.common.status, FALSE, FALSE, 0);

    GtkWidget *preview = gimp_procedure_dialog_get_drawable_preview(pd, "preview", drawable);
    g_signal_connect(preview, "invalidated", G_CALLBACK(preview_update), &st);
    g_signal_connect(config, "notify::model", G_CALLBACK(model_changed), &st);
    const gulong invalidate_id = g_signal_connect_swapped(
        config, "notify", G_CALLBACK(gimp_preview_invalidate), preview);

    GtkWidget *main_box = gimp_procedure_dialog_fill_box(pd, "edcg-main", "preview",
                                                         "edcg-settings", NULL);
    gtk_orientable_set_orientation(GTK_ORIENTABLE(main_box), GTK_ORIENTATION_HORIZONTAL);
    gtk_box_set_spacing(GTK_BOX(main_box), 12);
    gimp_procedure_dialog_fill(pd, "edcg-main", NULL);

    gboolean run = gimp_procedure_dialog_run(pd);

    g_signal_handlers_disconnect_by_data(config, &st);
    g_signal_handler_disconnect(config, invalidate_id);
    gtk_widget_destroy(dialog);
    filter_dialog_clear(&st.common);
    return run;
}
