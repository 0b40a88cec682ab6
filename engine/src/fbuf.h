/* fbuf.h: a growable float buffer, for workspaces sized once per image size. */
#ifndef EDCG_FBUF_H
#define EDCG_FBUF_H

#include <stddef.h>

typedef struct fbuf {
    float *data;
    size_t cap; /* floats */
} fbuf;

/* Makes room for n floats (contents not kept). Returns 0, or -1 when out of
 * memory (the old buffer is then still valid). */
int fbuf_reserve(fbuf *b, size_t n);
void fbuf_free(fbuf *b);

#endif
