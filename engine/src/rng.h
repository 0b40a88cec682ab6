/* rng.h: a small deterministic random generator (xoshiro256**, seeded with
 * splitmix64), so that a seed gives the same weights and pool choices on
 * every machine and a checkpoint can store and restore the exact state. */
#ifndef EDCG_RNG_H
#define EDCG_RNG_H

#include <stdint.h>

typedef struct rng {
    uint64_t s[4];
} rng;

void rng_seed(rng *r, uint64_t seed);
uint64_t rng_next(rng *r);
/* Uniform in [0, 1). */
double rng_uniform(rng *r);
/* Uniform integer in [0, n), n > 0. */
uint64_t rng_below(rng *r, uint64_t n);
/* Standard normal (Box-Muller; one value per call, deterministic). */
double rng_normal(rng *r);

#endif
