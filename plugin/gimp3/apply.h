/* apply.h: running the translation on a GIMP 3 layer. */
#ifndef EDCG_GIMP3_APPLY_H
#define EDCG_GIMP3_APPLY_H

#include <libgimp/gimp.h>

/* TRUE for a drawable the filter can change (an RGB layer that is not a
 * group); otherwise FALSE with a translated message saying what to do. */
gboolean edcg3_check_drawable(GimpDrawable *drawable, GError **error);

/* Translates the selected part of `drawable` with the config's arguments,
 * with a progress bar: through the shadow buffer, merged as one undo step,
 * only where the selection is (feathered selections blend). On failure the
 * layer and the undo history are untouched and *error says why. */
GimpPDBStatusType edcg3_apply(GimpDrawable *drawable, GimpProcedureConfig *config,
                              GError **error);

#endif
