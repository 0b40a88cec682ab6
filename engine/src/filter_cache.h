/* filter_cache.h: transformed convolution filters kept across calls (internal).
 *
 * One training step runs each generator forward and backward once per image
 * and direction (16 passes per residual convolution at batch 4) with the
 * same weights; transforming a filter bank (Winograd's U = G g G^T) once
 * per step instead of once per pass saves as much work as the small
 * images' GEMMs take. Only the trainer uses a cache, and it marks every
 * entry stale whenever weights may have changed (at the start of each
 * gradient computation), so a stale transform is never used.
 */
#ifndef EDCG_FILTER_CACHE_H
#define EDCG_FILTER_CACHE_H

#include <stddef.h>

typedef struct filter_cache filter_cache;

/* Returns an empty cache (caller owns; free with filter_cache_free), or NULL
 * when out of memory. */
filter_cache *filter_cache_new(void);
void filter_cache_free(filter_cache *c);

/* Weights may have changed: every entry must be computed again. */
void filter_cache_stale(filter_cache *c);

/* The buffer of n floats kept for the filters at `weight` (owned by the
 * cache). *fresh is 1 when it already holds their transform since the last
 * filter_cache_stale; otherwise 0, and the caller must fill it now (it is
 * counted as fresh from here on). Returns NULL when out of memory: the
 * caller then transforms into its own scratch. */
float *filter_cache_slot(filter_cache *c, const float *weight, size_t n, int *fresh);

#endif
