/* image_pool.h: CycleGAN's history of generated images (Shrivastava et al.):
 * discriminators see a mix of current and older fakes, which damps
 * oscillation. While the pool has room, fakes go in and come back as they
 * are; once full, each fake has a 1/2 chance to swap with a stored one. */
#ifndef EDCG_IMAGE_POOL_H
#define EDCG_IMAGE_POOL_H

#include <stddef.h>

#include "rng.h"

typedef struct image_pool {
    int capacity, count;
    size_t image_floats; /* floats per image; fixed by the first query */
    float *images;       /* capacity * image_floats */
} image_pool;

/* Returns 0, or -1 when out of memory or the image size changed. out may
 * not alias image. */
int image_pool_query(image_pool *p, rng *r, const float *image, size_t floats, float *out);
void image_pool_free(image_pool *p);

#endif
