#include "png_fixup.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "byte_order.h"
#include "png_chunks.h"

/* PNG's CRC (ISO 3309, the same as zlib's crc32), over chunk type and data. */
static uint32_t crc32_png(const unsigned char *p, size_t n)
{
    uint32_t c = 0xffffffffu;
    while (n--) {
        c ^= *p++;
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
    }
    return c ^ 0xffffffffu;
}

unsigned png_gama_for_trc(const char *trc_name)
{
    if (!trc_name)
        return 0;
    if (strcmp(trc_name, "sRGB") == 0)
        return 45455;
    if (strcmp(trc_name, "linear") == 0)
        return 100000;
    char *end;
    double g = strtod(trc_name, &end);
    if (end == trc_name || *end || !(g >= 0.1 && g <= 10.0))
        return 0;
    return (unsigned)(100000.0 / g + 0.5);
}

/* Copies the chunks of `in`, a PNG of `size` bytes just past its signature,
 * to `out` (room for `size` plus one gAMA chunk), putting the gAMA right and
 * leaving bKGD out. The length of `out`, or 0 when `in` is cut short. */
static size_t rewrite(FILE *in, long size, unsigned gama, unsigned char *out)
{
    png_chunk c;
    size_t o = PNG_SIGNATURE_SIZE;
    memcpy(out, PNG_SIGNATURE, PNG_SIGNATURE_SIZE);
    while (png_chunk_next(in, size, &c)) {
        if (png_chunk_is(&c, "gAMA")) {
            if (gama) {
                store_be32(out + o, 4);
                memcpy(out + o + 4, "gAMA", 4);
                store_be32(out + o + 8, gama);
                store_be32(out + o + 12, crc32_png(out + o + 4, 8));
                o += 16;
            }
        } else if (!png_chunk_is(&c, "bKGD")) {
            /* Data and CRC as they are. */
            store_be32(out + o, c.length);
            memcpy(out + o + 4, c.type, 4);
            if (fread(out + o + 8, 1, (size_t)c.length + 4, in) != (size_t)c.length + 4)
                return 0;
            o += (size_t)c.length + 12;
        }
        if (png_chunk_is(&c, "IEND"))
            return o;
        if (png_chunk_skip(in, &c))
            return 0;
    }
    return 0;
}

/* The file read and fixed up in memory: its new length, or 0 with a reason. */
static size_t fixed_copy(const char *path, unsigned gama, unsigned char **out, char *why,
                         size_t why_size)
{
    FILE *in = fopen(path, "rb");
    long size;
    size_t o = 0;
    *out = NULL;
    if (!in)
        snprintf(why, why_size, "cannot read the written PNG back: %s", strerror(errno));
    else if (png_chunks_begin(in, &size))
        snprintf(why, why_size, "the written PNG is malformed");
    else if (!(*out = malloc((size_t)size + 16)))
        snprintf(why, why_size, "not enough memory to rewrite the PNG");
    else if (!(o = rewrite(in, size, gama, *out)))
        snprintf(why, why_size, "the written PNG is malformed");
    if (in)
        fclose(in);
    return o;
}

int png_fixup(const char *path, unsigned gama, char *why, size_t why_size)
{
    unsigned char *out;
    const size_t o = fixed_copy(path, gama, &out, why, why_size);
    int rc = -1;
    if (o) {
        FILE *f = fopen(path, "wb");
        const int written = f && fwrite(out, 1, o, f) == o && fflush(f) == 0;
        if (f && fclose(f) == 0 && written)
            rc = 0;
        else
            snprintf(why, why_size, "cannot rewrite the PNG: %s", strerror(errno));
    }
    free(out);
    return rc;
}
