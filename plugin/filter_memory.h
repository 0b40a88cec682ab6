/* filter_memory.h: refuse a run that would not fit in memory, with a clear
 * message, instead of being killed by the system half way. */
#ifndef EDCG_FILTER_MEMORY_H
#define EDCG_FILTER_MEMORY_H

#include <glib.h>

#include "edcg.h"

/* Bytes this process can still allocate without swapping: MemAvailable of
 * /proc/meminfo (Linux), else the free physical pages; G_MAXUINT64 when
 * unknown, so an unknown amount never refuses a run. */
guint64 filter_memory_available(void);

/* Bytes a translation of a width x height region with these options needs:
 * the float copy of the region edcg_gegl_translate makes (16 bytes a pixel)
 * plus the engine's working memory at the options' working resolution
 * (edcg_translate_memory_with). */
guint64 filter_memory_needed(const edcg_model *model, const edcg_translate_options *options,
                             int width, int height);

/* TRUE when `needed` fits in `available`; else FALSE with a translated
 * message that says how much is needed and what to change. */
gboolean filter_memory_check(guint64 needed, guint64 available, int work_size,
                             GError **error);

#endif
