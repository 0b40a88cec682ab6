#include "filter_cache.h"

#include <stdlib.h>

#include "fbuf.h"

typedef struct cache_entry {
    const float *weight; /* the key: a parameter's data, which never moves */
    size_t n;
    fbuf buf;
    int fresh;
} cache_entry;

struct filter_cache {
    cache_entry *entries;
    size_t count, cap;
};

filter_cache *filter_cache_new(void)
{
    return calloc(1, sizeof(filter_cache));
}

void filter_cache_free(filter_cache *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->count; i++)
        fbuf_free(&c->entries[i].buf);
    free(c->entries);
    free(c);
}

void filter_cache_stale(filter_cache *c)
{
    for (size_t i = 0; c && i < c->count; i++)
        c->entries[i].fresh = 0;
}

float *filter_cache_slot(filter_cache *c, const float *weight, size_t n, int *fresh)
{
    *fresh = 0;
    /* A model has a few dozen such layers: a linear search costs nothing
     * next to one convolution. */
    for (size_t i = 0; i < c->count; i++) {
        cache_entry *en = &c->entries[i];
        if (en->weight == weight && en->n == n) {
            *fresh = en->fresh;
            en->fresh = 1;
            return en->buf.data;
        }
    }
    if (c->count == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 32;
        cache_entry *grown = realloc(c->entries, cap * sizeof *grown);
        if (!grown)
            return NULL;
        c->entries = grown;
        c->cap = cap;
    }
    cache_entry en = {weight, n, {NULL, 0}, 1};
    if (fbuf_reserve(&en.buf, n))
        return NULL;
    c->entries[c->count++] = en;
    return en.buf.data;
}
