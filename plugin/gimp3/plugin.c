/* plugin.c: the GIMP 3 front end, in the shape of GIMP's own filters
 * (plug-ins/common/despeckle.c): a GimpPlugIn subclass that registers one
 * image procedure, plug-in-edcyclegan, with typed arguments; the dialog is
 * built from those arguments (dialog.c); the result goes through the
 * shadow buffer, is merged (one undo step) and the layer updated. */
#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

#include "config.h"
#include "dialog.h"
#include "filter_apply.h"
#include "filter_args.h"
#include "filter_i18n.h"
#include "filter_params.h"

typedef struct _EdcgFilter {
    GimpPlugIn parent_instance;
} EdcgFilter;

#define EDCG_TYPE_FILTER (edcg_filter_get_type())
G_DECLARE_FINAL_TYPE(EdcgFilter, edcg_filter, EDCG, FILTER, GimpPlugIn)
G_DEFINE_TYPE(EdcgFilter, edcg_filter, GIMP_TYPE_PLUG_IN)

static GList *edcg_filter_query_procedures(GimpPlugIn *plug_in)
{
    return g_list_append(NULL, g_strdup(FILTER_PROC));
}

/* The domain and the catalog folder are GIMP's defaults (the plug-in's
 * name, locale/ beside it); said here so that renaming the folder cannot
 * silently lose the translations. */
static gboolean edcg_filter_set_i18n(GimpPlugIn *plug_in, const gchar *procedure_name,
                                     gchar **gettext_domain, gchar **catalog_dir)
{
    *gettext_domain = g_strdup(GETTEXT_PACKAGE);
    *catalog_dir = g_strdup("locale");
    return TRUE;
}

static GimpValueArray *edcg_filter_run(GimpProcedure *procedure, GimpRunMode run_mode,
                                       GimpImage *image, GimpDrawable **drawables,
                                       GimpProcedureConfig *config, gpointer run_data)
{
    GError *error = NULL;
    if (gimp_core_object_array_get_length((GObject **)drawables) != 1) {
        g_set_error(&error, FILTER_ERROR, FILTER_ERROR_IMAGE,
                    _("ED-CycleGAN works on one layer at a time: select exactly one."));
        return gimp_procedure_new_return_values(procedure, GIMP_PDB_CALLING_ERROR, error);
    }
    GimpDrawable *drawable = drawables[0];
    if (!filter_check_drawable(drawable, &error))
        return gimp_procedure_new_return_values(procedure, GIMP_PDB_EXECUTION_ERROR, error);

    if (run_mode == GIMP_RUN_INTERACTIVE) {
        gimp_ui_init(FILTER_BINARY);
        if (!edcg3_dialog_run(procedure, config, drawable))
            return gimp_procedure_new_return_values(procedure, GIMP_PDB_CANCEL, NULL);
    }
    filter_args args;
    GimpPDBStatusType status = GIMP_PDB_CALLING_ERROR;
    if (edcg3_config_get_args(config, &args, &error) && filter_args_validate(&args, &error))
        status = filter_apply(drawable, &args, &error);
    if (status == GIMP_PDB_SUCCESS && run_mode != GIMP_RUN_NONINTERACTIVE)
        gimp_displays_flush();
    return gimp_procedure_new_return_values(procedure, status, error);
}

static GimpProcedure *edcg_filter_create_procedure(GimpPlugIn *plug_in, const gchar *name)
{
    if (g_strcmp0(name, FILTER_PROC) != 0)
        return NULL;
    GimpProcedure *procedure = gimp_image_procedure_new(plug_in, name, GIMP_PDB_PROC_TYPE_PLUGIN,
                                                        edcg_filter_run, NULL, NULL);
    gimp_procedure_set_image_types(procedure, FILTER_IMAGE_TYPES);
    gimp_procedure_set_sensitivity_mask(procedure, GIMP_PROCEDURE_SENSITIVE_DRAWABLE);
    gimp_procedure_set_menu_label(procedure, _(filter_menu_label()));
    gimp_procedure_add_menu_path(procedure, FILTER_MENU_PATH);
    gimp_procedure_set_documentation(procedure, _(filter_blurb()), _(filter_help()), name);
    gimp_procedure_set_attribution(procedure, FILTER_AUTHOR, FILTER_COPYRIGHT, FILTER_DATE);
    edcg3_add_arguments(procedure);
    return procedure;
}

static void edcg_filter_class_init(EdcgFilterClass *klass)
{
    GimpPlugInClass *plug_in_class = GIMP_PLUG_IN_CLASS(klass);
    plug_in_class->query_procedures = edcg_filter_query_procedures;
    plug_in_class->create_procedure = edcg_filter_create_procedure;
    plug_in_class->set_i18n = edcg_filter_set_i18n;
}

static void edcg_filter_init(EdcgFilter *filter)
{
}

GIMP_MAIN(EDCG_TYPE_FILTER)
