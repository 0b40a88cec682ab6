/* dialog.h: the GIMP 2.10 dialog: the same choices as the GIMP 3 dialog
 * (model, direction, strength, edge strength, working resolution) and a
 * live preview, built by hand as GIMP 2.10 has no procedure dialogs. */
#ifndef EDCG_GIMP2_DIALOG_H
#define EDCG_GIMP2_DIALOG_H

#include <libgimp/gimp.h>

#include "filter_args.h"

/* Shows the dialog with `args` as the starting values; TRUE when the user
 * pressed OK (args then holds the choice), FALSE on Cancel. */
gboolean edcg2_dialog_run(gint32 drawable_id, filter_args *args);

#endif
