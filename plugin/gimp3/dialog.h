/* dialog.h: the GIMP 3 dialog, a GimpProcedureDialog built from the
 * procedure's arguments, with a live preview of the visible area. */
#ifndef EDCG_GIMP3_DIALOG_H
#define EDCG_GIMP3_DIALOG_H

#include <libgimp/gimp.h>

/* Shows the dialog; TRUE when the user pressed OK (the config then holds
 * the chosen values), FALSE on Cancel. */
gboolean edcg3_dialog_run(GimpProcedure *procedure, GimpProcedureConfig *config,
                          GimpDrawable *drawable);

#endif
