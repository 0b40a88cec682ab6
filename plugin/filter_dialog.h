/* filter_dialog.h: what the GIMP 3 and GIMP 2.10 dialogs do alike: the
 * installed models, the direction list that follows the chosen model, the
 * live preview and its status line, the hint shown when no model is
 * installed. Compiled with each front end's libgimpui (gimp_compat.h);
 * the widgets that hold the values stay in gimp2/dialog.c (built by hand)
 * and gimp3/dialog.c (a GimpProcedureDialog). */
#ifndef EDCG_FILTER_DIALOG_H
#define EDCG_FILTER_DIALOG_H

#include "filter_args.h"
#include "filter_job.h"
#include "filter_models.h"
#include "gimp_compat.h" /* before gimpui.h, which GIMP 2.10 needs after gimp.h */

#include <libgimp/gimpui.h>

typedef struct filter_dialog {
    filter_drawable drawable;
    filter_models models;          /* installed, for the model list */
    GtkListStore *direction_store; /* see filter_direction_store_new */
    GtkWidget *status;             /* why the preview is missing, when it is */
    filter_job job;                /* the preview's model, kept while the model is unchanged */
    int run_w, run_h;              /* the area OK will translate */
} filter_dialog;

/* Loads the installed models and creates the direction store and the
 * status label (to be packed by the caller; hidden by
 * filter_dialog_show_status). Free with filter_dialog_clear. */
void filter_dialog_init(filter_dialog *dialog, filter_drawable drawable);
/* Frees what init made; the status label goes with the window it is in. */
void filter_dialog_clear(filter_dialog *dialog);

/* Shows `message` under the settings, or hides the line for NULL. */
void filter_dialog_show_status(filter_dialog *dialog, const char *message);

/* Draws the preview's area translated with `args`: on failure the layer
 * as it is, and the reason in the status line. */
void filter_dialog_preview(filter_dialog *dialog, GimpPreview *preview, const filter_args *args);
/* Draws the layer as it is and shows *error (which this clears). */
void filter_dialog_preview_failed(filter_dialog *dialog, GimpPreview *preview, GError **error);

/* Relabels the directions with the domains of `model` and returns the
 * direction id ("a2b" or "b2a") that `direction` (which may be a domain
 * name such as "orange") means for it; "a2b" when it means none. */
const char *filter_dialog_model_changed(filter_dialog *dialog, const char *model,
                                        const char *direction);

/* A wrapped label saying how to install a model (not yet shown). */
GtkWidget *filter_dialog_no_models_hint(void);

#endif
