/* filter_i18n.h: gettext for the filter. Every user-visible string of the
 * filter goes through _() (or N_() where it is translated later), in the
 * "edcyclegan" domain whose catalogs are installed in locale/ beside the
 * plug-in, where GIMP 3 looks for them by default. */
#ifndef EDCG_FILTER_I18N_H
#define EDCG_FILTER_I18N_H

#ifndef GETTEXT_PACKAGE
#error "GETTEXT_PACKAGE must be defined by the build"
#endif

/* _() is g_dgettext (GETTEXT_PACKAGE, ...): it names the domain, so it
 * works whatever textdomain() the host program (GIMP's libgimp) chose. */
#include <glib/gi18n-lib.h>

#endif
