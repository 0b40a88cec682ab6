#include "dialog.h"

#include <stdlib.h>

#include <libgimp/gimpui.h>

#include "config.h"
#include "filter_i18n.h"
#include "filter_models.h"
#include "filter_params.h"
#include "filter_preview.h"
#include "filter_stores.h"

typedef struct dialog_state {
    GimpProcedureConfig *config;
    GimpDrawable *drawable;
    filter_models models;
    GtkListStore *direction_store;
    filter_job job;   /* the preview's model, kept while the model is unchanged */
    GtkWidget *status; /* why the preview is missing, when it is */
    int run_w, run_h;  /* the area OK will translate */
} dialog_state;

static void show_status(dialog_state *st, const char *message)
{
    gtk_label_set_text(GTK_LABEL(st->status), message ? message : "");
    gtk_widget_set_visible(st->status, message != NULL);
}

static void preview_update(GimpPreview *preview, dialog_state *st)
{
    filter_args args;
    GError *error = NULL;
    gint x, y, w, h;
    gimp_preview_get_position(preview, &x, &y);
    gimp_preview_get_size(preview, &w, &h);
    if (!edcg3_config_get_args(st->config, &args, &error) ||
        !filter_job_update(&st->job, &args, &error)) {
        show_status(st, error->message);
        g_clear_error(&error);
        gimp_preview_draw(preview); /* the layer as it is */
        return;
    }
    const gboolean alpha = gimp_drawable_has_alpha(st->drawable);
    const int bpp = alpha ? 4 : 3;
    guchar *pixels = g_malloc((gsize)w * h * bpp);
    GeglBuffer *src = gimp_drawable_get_buffer(st->drawable);
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

/* A new model: relabel the directions with its domains, and map a domain
 * name the config may hold ("orange") onto the id the combo box knows. */
static void model_changed(GimpProcedureConfig *config, GParamSpec *pspec, dialog_state *st)
{
    char *model = NULL, *direction = NULL;
    g_object_get(config, "model", &model, "direction", &direction, NULL);
    filter_direction_store_update(st->direction_store, &st->models, model);
    const char *id = filter_direction_normalize(&st->models, model, direction);
    if (g_strcmp0(id ? id : "a2b", direction) != 0)
        g_object_set(config, "direction", id ? id : "a2b", NULL);
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
    if ((!model || !*model) && st->models.count > 0)
        g_object_set(st->config, "model", st->models.entries[0].name, NULL);
    g_free(model);
}

gboolean edcg3_dialog_run(GimpProcedure *procedure, GimpProcedureConfig *config,
                          GimpDrawable *drawable)
{
    dialog_state st = {0};
    st.config = config;
    st.drawable = drawable;
    filter_models_load(&st.models);
    choose_initial_model(&st);
    gint x, y;
    if (!gimp_drawable_mask_intersect(drawable, &x, &y, &st.run_w, &st.run_h)) {
        st.run_w = gimp_drawable_get_width(drawable);
        st.run_h = gimp_drawable_get_height(drawable);
    }

    char *model = NULL;
    g_object_get(config, "model", &model, NULL);
    GtkWidget *dialog = gimp_procedure_dialog_new(procedure, config, _("ED-CycleGAN Translate"));
    GimpProcedureDialog *pd = GIMP_PROCEDURE_DIALOG(dialog);
    GtkWidget *model_widget = string_combo(&st, "model", filter_model_store_new(&st.models, model));
    st.direction_store = filter_direction_store_new();
    g_object_ref(st.direction_store); /* string_combo hands its reference to the combo box */
    GtkWidget *direction_widget = string_combo(&st, "direction", st.direction_store);
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

    if (st.models.count == 0) {
        char *dir = edcg_user_model_dir();
        char *text = g_strdup_printf(_("No models are installed. Train one with `edcg train` "
                                       "or copy a .safetensors model into %s."),
                                     dir ? dir : "~/.local/share/edcyclegan/models");
        GtkWidget *hint = gtk_label_new(text);
        gtk_label_set_line_wrap(GTK_LABEL(hint), TRUE);
        gtk_box_pack_start(GTK_BOX(settings), hint, FALSE, FALSE, 0);
        gtk_widget_show(hint);
        g_free(text);
        free(dir);
    }
    st.status = gtk_label_new(NULL);
    gtk_label_set_line_wrap(GTK_LABEL(st.status), TRUE);
    gtk_label_set_max_width_chars(GTK_LABEL(st.status), 50);
    gtk_box_pack_end(GTK_BOX(settings), st.status, FALSE, FALSE, 0);

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
    g_object_unref(st.direction_store);
    filter_job_clear(&st.job);
    filter_models_clear(&st.models);
    return run;
}
