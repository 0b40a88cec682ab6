#include "fbuf.h"

#include <stdlib.h>

int fbuf_reserve(fbuf *b, size_t n)
{
    if (n <= b->cap)
        return 0;
    if (n > (size_t)-1 / sizeof(float))
        return -1;
    /* 64-byte alignment: a cache line and an AVX-512 vector. */
    size_t bytes = (n * sizeof(float) + 63) & ~(size_t)63;
    float *p = aligned_alloc(64, bytes);
    if (!p)
        return -1;
    free(b->data);
    b->data = p;
    b->cap = n;
    return 0;
}

void fbuf_free(fbuf *b)
{
    free(b->data);
    b->data = NULL;
    b->cap = 0;
}
