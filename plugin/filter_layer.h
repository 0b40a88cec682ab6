/* filter_layer.h: which layers the filter can change, and what the user is
 * told otherwise; the front ends ask GIMP the questions. */
#ifndef EDCG_FILTER_LAYER_H
#define EDCG_FILTER_LAYER_H

#include <glib.h>

/* TRUE for an RGB layer that is not a group; otherwise FALSE with a
 * translated message saying what to do. Grey and indexed layers are
 * refused rather than converted: the models learnt colour images, and a
 * grey layer cannot hold their colour result. */
gboolean filter_check_layer(gboolean is_group, gboolean is_rgb, GError **error);

#endif
