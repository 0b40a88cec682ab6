/* gimp_compat.h: GIMP 2.10's side of what the code both front ends share
 * (filter_apply.c, filter_dialog.c) needs to know about the GIMP it is
 * built for: GIMP 2.10 names a drawable by its id. The gimp_* calls that
 * code makes have the same names and arguments in both versions. */
#ifndef EDCG_GIMP_COMPAT_H
#define EDCG_GIMP_COMPAT_H

#include <libgimp/gimp.h>

typedef gint32 filter_drawable;

static inline gboolean filter_drawable_is_group(filter_drawable drawable)
{
    return gimp_item_is_group(drawable);
}

static inline gint filter_drawable_width(filter_drawable drawable)
{
    return gimp_drawable_width(drawable);
}

static inline gint filter_drawable_height(filter_drawable drawable)
{
    return gimp_drawable_height(drawable);
}

#endif
