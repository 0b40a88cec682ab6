#include "png_chunks.h"

#include <string.h>

#include "byte_order.h"

int png_chunks_begin(FILE *f, long *size)
{
    unsigned char sig[PNG_SIGNATURE_SIZE];
    if (fseek(f, 0, SEEK_END) != 0 || (*size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0 ||
        fread(sig, 1, sizeof sig, f) != sizeof sig ||
        memcmp(sig, PNG_SIGNATURE, PNG_SIGNATURE_SIZE) != 0)
        return -1;
    return 0;
}

int png_chunk_next(FILE *f, long size, png_chunk *c)
{
    unsigned char head[8];
    const long at = ftell(f);
    if (at < 0 || size - at < 12 || fread(head, 1, sizeof head, f) != sizeof head)
        return 0;
    c->length = load32(head, 1);
    memcpy(c->type, head + 4, 4);
    /* The specification caps lengths at 2^31 - 1; the file's size caps them harder. */
    if (c->length > 0x7fffffffu || (long)c->length > size - at - 12)
        return 0;
    c->next = at + 12 + (long)c->length;
    return 1;
}

int png_chunk_is(const png_chunk *c, const char *type)
{
    return memcmp(c->type, type, 4) == 0;
}

int png_chunk_skip(FILE *f, const png_chunk *c)
{
    return fseek(f, c->next, SEEK_SET) == 0 ? 0 : -1;
}
