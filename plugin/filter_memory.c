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

/* The network's size for a region: its own, or scaled so that its longest
 * side is the working resolution (the engine's rule). */
static void work_dims(const edcg_model *model, int work_size, int w, int h, int *ww, int *wh)
{
    int ws = work_size == EDCG_WORK_SIZE_AUTO ? edcg_model_default_work_size(model) : work_size;
    int longest = w > h ? w : h;
    *ww = w;
    *wh = h;
    if (ws > 0 && longest > ws) {
        *ww = MAX(1, (int)(w * (double)ws / longest + 0.5));
        *wh = MAX(1, (int)(h * (double)ws / longest + 0.5));
    }
}

/* The engine's working memory for a network of ww x wh pixels.
 * edcg_translate_memory() always assumes the model's automatic working
 * resolution, so it is exact only up to that size; beyond it (a
 * full-resolution run) the cost is extrapolated from two sizes it measures
 * exactly, as the network's buffers grow linearly with the pixel count. */
static guint64 network_memory(const edcg_model *model, int ww, int wh)
{
    const int auto_ws = edcg_model_default_work_size(model);
    const int longest = MAX(ww, wh);
    if (longest <= auto_ws)
        return edcg_translate_memory(model, ww, wh);
    int w1 = MAX(1, (int)((double)ww * auto_ws / longest)),
        h1 = MAX(1, (int)((double)wh * auto_ws / longest));
    int w2 = MAX(1, w1 / 2), h2 = MAX(1, h1 / 2);
    double m1 = (double)edcg_translate_memory(model, w1, h1);
    double m2 = (double)edcg_translate_memory(model, w2, h2);
    double p1 = (double)w1 * h1, p2 = (double)w2 * h2;
    double per_pixel = p1 > p2 ? (m1 - m2) / (p1 - p2) : 0.0;
    return (guint64)(m1 + per_pixel * ((double)ww * wh - p1));
}

guint64 filter_memory_needed(const edcg_model *model, const edcg_translate_options *options,
                             int width, int height)
{
    int ww, wh;
    work_dims(model, options->work_size, width, height, &ww, &wh);
    const guint64 region = (guint64)width * (guint64)height * 4 * sizeof(float);
    /* A scaled run also keeps one row pass of the downscale (ww x height). */
    const guint64 rows = (ww != width || wh != height)
                             ? (guint64)ww * (guint64)height * 3 * sizeof(float)
                             : 0;
    return region + rows + network_memory(model, ww, wh);
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
