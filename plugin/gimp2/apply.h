/* apply.h: running the translation on a GIMP 2.10 layer. */
#ifndef EDCG_GIMP2_APPLY_H
#define EDCG_GIMP2_APPLY_H

#include <libgimp/gimp.h>

#include "filter_args.h"

/* TRUE for a drawable the filter can change (see filter_check_layer). */
gboolean edcg2_check_drawable(gint32 drawable_id, GError **error);

/* Translates the selected part of the drawable with `args`, with a
 * progress bar: through the shadow buffer, merged as one undo step, only
 * where the selection is (feathered selections blend). On failure the
 * layer and the undo history are untouched and *error says why. */
GimpPDBStatusType edcg2_apply(gint32 drawable_id, const filter_args *args, GError **error);

#endif
