/* memory_check.h: refuse an image that would not fit in memory before
 * starting, instead of being killed by the kernel's OOM killer halfway. */
#ifndef EDCG_CLI_MEMORY_CHECK_H
#define EDCG_CLI_MEMORY_CHECK_H

#include <stddef.h>

#include "edcg.h"

/* MemAvailable from /proc/meminfo in bytes, or -1 when unknown. */
long long memory_available(void);

/* Bytes `edcg apply` needs for a width x height image at `work_size`
 * (0 full resolution, EDCG_WORK_SIZE_AUTO the model's default): the
 * engine's working memory plus the float copies of the image. */
double memory_needed_for_apply(const edcg_model *model, int width, int height, int work_size);

/* 0 when it fits; otherwise -1 with a one-line reason in `why`. */
int memory_check_apply(const edcg_model *model, int width, int height, int work_size, char *why,
                       size_t why_size);

#endif
