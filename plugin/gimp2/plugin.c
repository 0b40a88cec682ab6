/* plugin.c: the GIMP 2.10 front end: registers plug-in-edcyclegan with the
 * same arguments as the GIMP 3 procedure (after run-mode, image and
 * drawable) and runs it interactively (dialog.c), non-interactively or with
 * the last-used values. */
#include <string.h>

#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

#include "dialog.h"
#include "filter_apply.h"
#include "filter_args.h"
#include "filter_i18n.h"
#include "filter_params.h"

static void query(void);
static void run(const gchar *name, gint nparams, const GimpParam *param, gint *nreturn_vals,
                GimpParam **return_vals);

const GimpPlugInInfo PLUG_IN_INFO = {NULL, NULL, query, run};

MAIN()

/* Catalogs live in locale/ beside the executable, as for GIMP 3, so one
 * installed folder holds everything and a copy into a profile works. */
static char *locale_dir(void)
{
    char *dir = g_path_get_dirname(gimp_get_progname());
    char *locale = g_build_filename(dir, "locale", NULL);
    g_free(dir);
    return locale;
}

static void init_i18n(void)
{
    char *dir = locale_dir();
    bindtextdomain(GETTEXT_PACKAGE, dir);
    bind_textdomain_codeset(GETTEXT_PACKAGE, "UTF-8");
    g_free(dir);
}

static void query(void)
{
    static GimpParamDef args[3 + FILTER_PARAM_COUNT] = {
        {GIMP_PDB_INT32, "run-mode", "The run mode { RUN-INTERACTIVE (0), RUN-NONINTERACTIVE (1) }"},
        {GIMP_PDB_IMAGE, "image", "Input image"},
        {GIMP_PDB_DRAWABLE, "drawable", "Input drawable"},
    };
    static const GimpPDBArgType types[FILTER_PARAM_COUNT] = {
        [FILTER_PARAM_MODEL] = GIMP_PDB_STRING,
        [FILTER_PARAM_DIRECTION] = GIMP_PDB_STRING,
        [FILTER_PARAM_STRENGTH] = GIMP_PDB_FLOAT,
        [FILTER_PARAM_EDGE_STRENGTH] = GIMP_PDB_FLOAT,
        [FILTER_PARAM_WORK_SIZE] = GIMP_PDB_INT32,
    };
    for (int i = 0; i < FILTER_PARAM_COUNT; i++) {
        const filter_param_info *p = filter_param((filter_param_id)i);
        args[3 + i].type = types[i];
        args[3 + i].name = (gchar *)p->name;
        args[3 + i].description = (gchar *)p->blurb;
    }
    char *dir = locale_dir();
    /* GIMP translates the menu label and the blurb with this domain. */
    gimp_plugin_domain_register(GETTEXT_PACKAGE, dir);
    g_free(dir);
    gimp_install_procedure(FILTER_PROC, filter_blurb(), filter_help(), FILTER_AUTHOR,
                           FILTER_COPYRIGHT, FILTER_DATE, filter_menu_label(),
                           FILTER_IMAGE_TYPES, GIMP_PLUGIN, G_N_ELEMENTS(args), 0, args, NULL);
    gimp_plugin_menu_register(FILTER_PROC, FILTER_MENU_PATH);
}

/* Last-used values, or the defaults when there are none (or they were
 * stored by a build with another layout). */
static void load_last_values(filter_args *args)
{
    filter_args_defaults(args);
    if (gimp_get_data_size(FILTER_PROC) == sizeof *args)
        gimp_get_data(FILTER_PROC, args);
}

static gboolean args_from_params(filter_args *args, gint nparams, const GimpParam *param,
                                 GError **error)
{
    if (nparams != 3 + FILTER_PARAM_COUNT) {
        g_set_error(error, FILTER_ERROR, FILTER_ERROR_ARGUMENT,
                    _("plug-in-edcyclegan takes %d arguments after the drawable: model, "
                      "direction, strength, edge-strength, work-size."),
                    FILTER_PARAM_COUNT);
        return FALSE;
    }
    const GimpParam *p = param + 3;
    return filter_args_set(args, p[FILTER_PARAM_MODEL].data.d_string,
                           p[FILTER_PARAM_DIRECTION].data.d_string,
                           p[FILTER_PARAM_STRENGTH].data.d_float,
                           p[FILTER_PARAM_EDGE_STRENGTH].data.d_float,
                           p[FILTER_PARAM_WORK_SIZE].data.d_int32, error);
}

static GimpPDBStatusType run_mode_args(GimpRunMode run_mode, gint32 drawable_id,
                                       gint nparams, const GimpParam *param, filter_args *args,
                                       GError **error)
{
    switch (run_mode) {
    case GIMP_RUN_INTERACTIVE:
        load_last_values(args);
        gimp_ui_init(FILTER_BINARY, FALSE);
        return edcg2_dialog_run(drawable_id, args) ? GIMP_PDB_SUCCESS : GIMP_PDB_CANCEL;
    case GIMP_RUN_NONINTERACTIVE:
        return args_from_params(args, nparams, param, error) &&
                       filter_args_validate(args, error)
                   ? GIMP_PDB_SUCCESS
                   : GIMP_PDB_CALLING_ERROR;
    case GIMP_RUN_WITH_LAST_VALS:
        load_last_values(args);
        return GIMP_PDB_SUCCESS;
    }
    return GIMP_PDB_CALLING_ERROR;
}

static void run(const gchar *name, gint nparams, const GimpParam *param, gint *nreturn_vals,
                GimpParam **return_vals)
{
    static GimpParam values[2];
    static char message[1024];
    GError *error = NULL;
    filter_args args;
    GimpPDBStatusType status = GIMP_PDB_CALLING_ERROR;

    init_i18n();
    gegl_init(NULL, NULL); /* GIMP 2.10 plug-ins start GEGL themselves */
    *nreturn_vals = 1;
    *return_vals = values;

    if (nparams >= 3) {
        const GimpRunMode run_mode = (GimpRunMode)param[0].data.d_int32;
        const gint32 drawable_id = param[2].data.d_drawable;
        if (!filter_check_drawable(drawable_id, &error))
            status = GIMP_PDB_EXECUTION_ERROR;
        else if ((status = run_mode_args(run_mode, drawable_id, nparams, param, &args, &error)) ==
                 GIMP_PDB_SUCCESS)
            status = filter_apply(drawable_id, &args, &error);
        if (status == GIMP_PDB_SUCCESS && run_mode != GIMP_RUN_NONINTERACTIVE) {
            gimp_displays_flush();
            gimp_set_data(FILTER_PROC, &args, sizeof args);
        }
    }
    values[0].type = GIMP_PDB_STATUS;
    values[0].data.d_status = status;
    if (error) {
        /* The message must outlive run(): libgimp sends it after we return. */
        g_strlcpy(message, error->message, sizeof message);
        values[1].type = GIMP_PDB_STRING;
        values[1].data.d_string = message;
        *nreturn_vals = 2;
        g_error_free(error);
    }
}
