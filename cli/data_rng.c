#include "data_rng.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void data_rng_seed(data_rng *r, uint64_t seed)
{
    /* Distinct from the engine's pool RNG seeded with the same number. */
    r->state = seed ^ 0x6a09e667f3bcc909ull;
}

uint64_t data_rng_next(data_rng *r)
{
    uint64_t z = (r->state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

int data_rng_below(data_rng *r, int n)
{
    /* Lemire's multiply-shift; the bias (n / 2^32) is far below noise. */
    return (int)(((data_rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

void data_rng_shuffle(data_rng *r, int *items, int n)
{
    for (int i = n - 1; i > 0; i--) {
        int j = data_rng_below(r, i + 1), t = items[i];
        items[i] = items[j];
        items[j] = t;
    }
}

void data_rng_to_hex(const data_rng *r, char out[17])
{
    snprintf(out, 17, "%016" PRIx64, r->state);
}

int data_rng_from_hex(data_rng *r, const char *hex)
{
    char *end = NULL;
    if (!hex || strlen(hex) != 16)
        return -1;
    uint64_t v = strtoull(hex, &end, 16);
    if (*end)
        return -1;
    r->state = v;
    return 0;
}
