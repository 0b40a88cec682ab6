/* config.h: GIMP 3's procedure config <-> the filter's argument values. */
#ifndef EDCG_GIMP3_CONFIG_H
#define EDCG_GIMP3_CONFIG_H

#include <libgimp/gimp.h>

#include "filter_args.h"

/* Registers the five arguments of filter_params.h on the procedure. */
void edcg3_add_arguments(GimpProcedure *procedure);

/* Reads the five arguments from the config. FALSE with a translated
 * message when a string does not fit filter_args. */
gboolean edcg3_config_get_args(GimpProcedureConfig *config, filter_args *args, GError **error);

#endif
