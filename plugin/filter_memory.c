#include "filter_memory.h"

#include <stdio.h>
#include <unistd.h>

#include "filter_args.h"
#include "filter_i18n.h"

guint64 filter_memory_available(void)
{
    FILE *f = fopen("/proc/meminfo", "r");
    char line[256];
    unsigned long long kb;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "MemAvailable: %llu kB", &kb) == 1) {
            fclose(f);
            return (guint64)kb * 1024;
        }
    if (f)
        fclose(f);
#ifdef _SC_AVPHYS_PAGES
    long pages = sysconf(_SC_AVPHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    if (pages > 0 && page > 0)
        return (guint64)pages * (guint64)page;
#endif
    return G_MAXUINT64;
}

guint64 filter_memory_needed(const edcg_model *model, const edcg_translate_options *options,
                             int width, int height)
{
    const guint64 region = (guint64)width * (guint64)height * 4 * sizeof(float);
    return region + edcg_translate_memory_with(model, width, height, options);
}

gboolean filter_memory_check(guint64 needed, guint64 available, int work_size, GError **error)
{
    if (needed <= available)
        return TRUE;
    const double mib = 1024.0 * 1024.0;
    if (work_size == 0)
        g_set_error(error, FILTER_ERROR, FILTER_ERROR_MEMORY,
                    _("A full-resolution translation of this area needs %.0f MiB of memory but "
                      "only %.0f MiB are available. Choose a working resolution (for example "
                      "-1, automatic) or select a smaller area."),
                    needed / mib, available / mib);
    else
        g_set_error(error, FILTER_ERROR, FILTER_ERROR_MEMORY,
                    _("This translation needs %.0f MiB of memory but only %.0f MiB are "
                      "available. Select a smaller area or close other programs."),
                    needed / mib, available / mib);
    return FALSE;
}
