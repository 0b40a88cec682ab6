/* synthetic.h: tiny two-domain image sets for training tests: random soft
 * blobs, tinted warm (domain A) or cool (domain B), planar in [-1, 1]. */
#ifndef EDCG_SYNTHETIC_H
#define EDCG_SYNTHETIC_H

#include <math.h>
#include <stdlib.h>

#include "rng.h"

static inline void synthetic_batch(rng *r, int domain, int n, int h, int w, float *out)
{
    const float tint[2][3] = {{0.6f, 0.0f, -0.5f}, {-0.5f, 0.0f, 0.6f}};
    for (int i = 0; i < n; i++) {
        float cx = (float)rng_uniform(r) * w, cy = (float)rng_uniform(r) * h;
        float radius = 4.0f + (float)rng_uniform(r) * w / 3.0f;
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) {
                    float d2 = ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (radius * radius);
                    float blob = expf(-d2);
                    out[(((size_t)i * 3 + c) * h + y) * w + x] =
                        -0.6f + 1.2f * blob * (0.5f + 0.5f * tint[domain][c]) + 0.2f * tint[domain][c];
                }
    }
}

#endif
