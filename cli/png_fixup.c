#include "png_fixup.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const unsigned char signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

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

static uint32_t get32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
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

static unsigned char *read_all(const char *path, size_t *n, char *why, size_t why_size)
{
    FILE *f = fopen(path, "rb");
    unsigned char *data = NULL;
    long size = -1;
    if (f && fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (data = malloc((size_t)size + 1)) && fread(data, 1, (size_t)size, f) == (size_t)size) {
        *n = (size_t)size;
    } else {
        snprintf(why, why_size, "cannot read the written PNG back: %s",
                 errno ? strerror(errno) : "short read");
        free(data);
        data = NULL;
    }
    if (f)
        fclose(f);
    return data;
}

int png_fixup(const char *path, unsigned gama, char *why, size_t why_size)
{
    size_t n = 0;
    errno = 0;
    unsigned char *in = read_all(path, &n, why, why_size);
    if (!in)
        return -1;
    /* The output is never longer than the input plus one gAMA chunk. */
    unsigned char *out = malloc(n + 16);
    size_t o = 0, i = sizeof signature;
    int ok = n >= sizeof signature && memcmp(in, signature, sizeof signature) == 0;
    if (!out) {
        free(in);
        snprintf(why, why_size, "not enough memory to rewrite the PNG");
        return -1;
    }
    if (ok) {
        memcpy(out, signature, sizeof signature);
        o = sizeof signature;
    }
    int seen_end = 0;
    while (ok && !seen_end) {
        if (n - i < 12 || get32(in + i) > n - i - 12) {
            ok = 0;
            break;
        }
        const size_t len = get32(in + i), whole = len + 12;
        const unsigned char *type = in + i + 4;
        seen_end = memcmp(type, "IEND", 4) == 0;
        if (memcmp(type, "gAMA", 4) == 0) {
            if (gama) {
                put32(out + o, 4);
                memcpy(out + o + 4, "gAMA", 4);
                put32(out + o + 8, gama);
                put32(out + o + 12, crc32_png(out + o + 4, 8));
                o += 16;
            }
        } else if (memcmp(type, "bKGD", 4) != 0) {
            memcpy(out + o, in + i, whole);
            o += whole;
        }
        i += whole;
    }
    int rc = -1;
    if (!ok) {
        snprintf(why, why_size, "the written PNG is malformed");
    } else {
        FILE *f = fopen(path, "wb");
        const int written = f && fwrite(out, 1, o, f) == o && fflush(f) == 0;
        if (f && fclose(f) == 0 && written)
            rc = 0;
        else
            snprintf(why, why_size, "cannot rewrite the PNG: %s", strerror(errno));
    }
    free(in);
    free(out);
    return rc;
}
