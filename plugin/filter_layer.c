#include "filter_layer.h"

#include "filter_args.h"
#include "filter_i18n.h"

gboolean filter_check_layer(gboolean is_group, gboolean is_rgb, GError **error)
{
    if (is_group) {
        g_set_error(error, FILTER_ERROR, FILTER_ERROR_IMAGE,
                    _("ED-CycleGAN cannot change a layer group: select one of its layers."));
        return FALSE;
    }
    if (!is_rgb) {
        g_set_error(error, FILTER_ERROR, FILTER_ERROR_IMAGE,
                    _("ED-CycleGAN needs an RGB layer. Convert the image with Image > Mode > "
                      "RGB first."));
        return FALSE;
    }
    return TRUE;
}
