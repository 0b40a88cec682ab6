#include "image_pool.h"

#include <stdlib.h>
#include <string.h>

int image_pool_query(image_pool *p, rng *r, const float *image, size_t floats, float *out)
{
    if (p->capacity <= 0) {
        memcpy(out, image, sizeof(float) * floats);
        return 0;
    }
    if (!p->images) {
        p->images = malloc(sizeof(float) * floats * (size_t)p->capacity);
        if (!p->images)
            return -1;
        p->image_floats = floats;
    }
    if (floats != p->image_floats)
        return -1;
    if (p->count < p->capacity) {
        memcpy(p->images + (size_t)p->count * floats, image, sizeof(float) * floats);
        p->count++;
        memcpy(out, image, sizeof(float) * floats);
        return 0;
    }
    if (rng_uniform(r) > 0.5) {
        float *stored = p->images + (size_t)rng_below(r, (uint64_t)p->capacity) * floats;
        memcpy(out, stored, sizeof(float) * floats);
        memcpy(stored, image, sizeof(float) * floats);
    } else {
        memcpy(out, image, sizeof(float) * floats);
    }
    return 0;
}

void image_pool_free(image_pool *p)
{
    free(p->images);
    p->images = NULL;
    p->count = 0;
    p->image_floats = 0;
}
