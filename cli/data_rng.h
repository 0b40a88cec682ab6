/* data_rng.h: the random numbers that decide the data order, crops and
 * flips of training. Its whole state is one 64-bit word, saved in each
 * checkpoint so a resumed run draws exactly what the uninterrupted run
 * would have (splitmix64: tiny state, good statistics). */
#ifndef EDCG_CLI_DATA_RNG_H
#define EDCG_CLI_DATA_RNG_H

#include <stdint.h>

typedef struct data_rng {
    uint64_t state;
} data_rng;

void data_rng_seed(data_rng *r, uint64_t seed);
uint64_t data_rng_next(data_rng *r);
/* Uniform in [0, n), n >= 1. */
int data_rng_below(data_rng *r, int n);
/* Fisher-Yates over items[0..n). */
void data_rng_shuffle(data_rng *r, int *items, int n);
/* 16 hex digits and back; from_hex returns -1 on malformed text. */
void data_rng_to_hex(const data_rng *r, char out[17]);
int data_rng_from_hex(data_rng *r, const char *hex);

#endif
