/* filter_apply.h: running the translation on a layer, the same in GIMP 3
 * and GIMP 2.10: this file is compiled with each front end's libgimp, the
 * drawable being whatever that version names one by (gimp_compat.h). */
#ifndef EDCG_FILTER_APPLY_H
#define EDCG_FILTER_APPLY_H

#include "filter_args.h"
#include "gimp_compat.h"

/* TRUE for a drawable the filter can change (an RGB layer that is not a
 * group); otherwise FALSE with a translated message saying what to do
 * (see filter_check_layer). */
gboolean filter_check_drawable(filter_drawable drawable, GError **error);

/* Translates the selected part of `drawable` with `args` (validated), with
 * a progress bar: through the shadow buffer, merged as one undo step, only
 * where the selection is (feathered selections blend). On failure the
 * layer and the undo history are untouched and *error says why. */
GimpPDBStatusType filter_apply(filter_drawable drawable, const filter_args *args,
                               GError **error);

#endif
