/* The EXIF orientation reader and the upright mapping (cli/exif_orientation.c):
 * the eight orientations against the pictures of the EXIF specification,
 * both byte orders, and malformed or hostile blocks, which read as 1. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>

#include "byte_order.h"
#include "check.h"
#include "exif_orientation.h"


/* A 3x2 image stored as
 *   0 1 2
 *   3 4 5
 * and what a viewer shows for each orientation, row by row. */
static const int upright[9][6] = {
    {0},
    {0, 1, 2, 3, 4, 5}, /* 1: as stored */
    {2, 1, 0, 5, 4, 3}, /* 2: mirrored left-right */
    {5, 4, 3, 2, 1, 0}, /* 3: half a turn */
    {3, 4, 5, 0, 1, 2}, /* 4: mirrored top-bottom */
    {0, 3, 1, 4, 2, 5}, /* 5: transposed, 2 wide and 3 tall */
    {3, 0, 4, 1, 5, 2}, /* 6: a quarter turn clockwise */
    {5, 2, 4, 1, 3, 0}, /* 7: transposed across the other diagonal */
    {2, 5, 1, 4, 0, 3}, /* 8: a quarter turn anticlockwise */
};

static void check_mapping(void)
{
    for (int o = 1; o <= 8; o++) {
        const int swap = exif_orientation_swaps(o), w = swap ? 2 : 3, h = swap ? 3 : 2;
        CHECK_MSG(swap == (o >= 5), "orientation %d", o);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                int sx = -1, sy = -1;
                exif_orientation_source(o, 3, 2, x, y, &sx, &sy);
                CHECK_MSG(sx >= 0 && sx < 3 && sy >= 0 && sy < 2 && sy * 3 + sx == upright[o][y * w + x],
                      "orientation %d, upright (%d, %d) comes from (%d, %d)", o, x, y, sx, sy);
            }
    }
}

/* A JPEG head: SOI, an APP0, the given APP1 payloads, then SOS. */
static size_t jpeg(unsigned char *out, const unsigned char *const *app1, const size_t *n,
                   int count)
{
    static const unsigned char soi_app0[] = {0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x07,
                                             'J',  'F',  'I',  'F',  0x00};
    size_t len = sizeof soi_app0;
    memcpy(out, soi_app0, len);
    for (int i = 0; i < count; i++) {
        out[len++] = 0xFF;
        out[len++] = 0xE1;
        out[len++] = (unsigned char)((n[i] + 2) >> 8);
        out[len++] = (unsigned char)(n[i] + 2);
        memcpy(out + len, app1[i], n[i]);
        len += n[i];
    }
    static const unsigned char sos[] = {0xFF, 0xDA, 0x00, 0x02, 0x12, 0x34, 0xFF, 0xD9};
    memcpy(out + len, sos, sizeof sos);
    return len + sizeof sos;
}

static int orientation_of(const unsigned char *const *app1, const size_t *n, int count)
{
    unsigned char buf[4096];
    size_t len = jpeg(buf, app1, n, count);
    FILE *f = fmemopen(buf, len, "rb");
    int o = exif_orientation_jpeg(f);
    fclose(f);
    return o;
}

/* "Exif\0\0" and a TIFF block with one IFD0 entry. */
static size_t exif(unsigned char *out, int big_endian, unsigned tag, unsigned type,
                   unsigned count, unsigned value)
{
    unsigned char t[26];
#define PUT16(p, v) (big_endian ? ((p)[0] = (unsigned char)((v) >> 8), (p)[1] = (unsigned char)(v)) \
                                : ((p)[1] = (unsigned char)((v) >> 8), (p)[0] = (unsigned char)(v)))
    memcpy(t, big_endian ? "MM" : "II", 2);
    PUT16(t + 2, 42);
    PUT16(t + 4, big_endian ? 0 : 8);
    PUT16(t + 6, big_endian ? 8 : 0);
    PUT16(t + 8, 1);
    PUT16(t + 10, tag);
    PUT16(t + 12, type);
    PUT16(t + 14, big_endian ? 0 : count);
    PUT16(t + 16, big_endian ? count : 0);
    PUT16(t + 18, value);
    PUT16(t + 20, 0);
    memset(t + 22, 0, 4);
#undef PUT16
    memcpy(out, "Exif\0\0", 6);
    memcpy(out + 6, t, sizeof t);
    return 6 + sizeof t;
}

static void check_reader(void)
{
    unsigned char a[64], b[64];
    const unsigned char *seg[2] = {a, b};
    size_t n[2];

    for (int be = 0; be < 2; be++)
        for (unsigned o = 1; o <= 8; o++) {
            n[0] = exif(a, be, 0x0112, 3, 1, o);
            CHECK_MSG(orientation_of(seg, n, 1) == (int)o, "%s order, orientation %u",
                  be ? "big-endian" : "little-endian", o);
        }

    /* An XMP APP1 before the EXIF one. */
    static const char xmp[] = "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>";
    const unsigned char *xmp_first[2] = {(const unsigned char *)xmp, b};
    n[0] = sizeof xmp;
    n[1] = exif(b, 1, 0x0112, 3, 1, 6);
    CHECK_MSG(orientation_of(xmp_first, n, 2) == 6, "EXIF after XMP");

    CHECK_MSG(orientation_of(seg, n, 0) == 1, "no APP1 at all");
    n[0] = exif(a, 1, 0x0110, 2, 1, 6);
    CHECK_MSG(orientation_of(seg, n, 1) == 1, "another tag");
    n[0] = exif(a, 1, 0x0112, 4, 1, 6);
    CHECK_MSG(orientation_of(seg, n, 1) == 1, "orientation as LONG");
    n[0] = exif(a, 0, 0x0112, 3, 2, 6);
    CHECK_MSG(orientation_of(seg, n, 1) == 1, "two values");
    n[0] = exif(a, 0, 0x0112, 3, 1, 9);
    CHECK_MSG(orientation_of(seg, n, 1) == 1, "orientation 9");
    n[0] = exif(a, 1, 0x0112, 3, 1, 0);
    CHECK_MSG(orientation_of(seg, n, 1) == 1, "orientation 0");

    /* Hostile blocks: every cut of a valid one, an IFD offset past the end,
     * an entry count past the end. */
    n[0] = exif(a, 1, 0x0112, 3, 1, 6);
    for (size_t cut = 0; cut < n[0] - 6; cut++) /* the entry ends at byte 22 */
        CHECK_MSG(exif_orientation_tiff(a + 6, cut) == (cut >= 22 ? 6 : 1), "cut at %zu", cut);
    a[6 + 4] = a[6 + 5] = a[6 + 6] = 0xFF;
    CHECK_MSG(exif_orientation_tiff(a + 6, n[0] - 6) == 1, "IFD offset past the end");
    n[0] = exif(a, 0, 0x0112, 3, 1, 6);
    a[6 + 4] = 0xFE;
    a[6 + 5] = a[6 + 6] = a[6 + 7] = 0xFF;
    CHECK_MSG(exif_orientation_tiff(a + 6, n[0] - 6) == 1, "IFD offset near the top of 32 bits");
    n[0] = exif(a, 1, 0x0110, 3, 1, 6);
    a[6 + 8] = a[6 + 9] = 0xFF;
    CHECK_MSG(exif_orientation_tiff(a + 6, n[0] - 6) == 1, "65535 entries in 26 bytes");

    /* A file that ends inside a segment, and one that is not a JPEG. */
    static const unsigned char cut_file[] = {0xFF, 0xD8, 0xFF, 0xE1, 0x10, 0x00, 'E', 'x'};
    FILE *f = fmemopen((void *)cut_file, sizeof cut_file, "rb");
    CHECK_MSG(exif_orientation_jpeg(f) == 1, "truncated APP1");
    fclose(f);
    static const unsigned char png[] = {0x89, 'P', 'N', 'G'};
    f = fmemopen((void *)png, sizeof png, "rb");
    CHECK_MSG(exif_orientation_jpeg(f) == 1, "not a JPEG");
    fclose(f);
}

static int read_with(int (*reader)(FILE *), const unsigned char *data, size_t n)
{
    unsigned char empty = 0;
    FILE *f = fmemopen(n ? (void *)data : &empty, n ? n : 1, "rb");
    if (!n)
        getc(f); /* fmemopen wants a non-empty buffer: start at its end */
    const int o = reader(f);
    fclose(f);
    return o;
}

/* A chunk as PNG lays it out (the CRC is not checked by the reader). */
static size_t png_chunk(unsigned char *out, const char *type, const unsigned char *data, size_t n)
{
    store_be32(out, (uint32_t)n);
    memcpy(out + 4, type, 4);
    memcpy(out + 8, data, n);
    store_be32(out + 8 + n, 0);
    return 12 + n;
}

/* Every cut of a file reads as its orientation or as 1, never past the end. */
static void check_cuts(int (*reader)(FILE *), const unsigned char *file, size_t n, int want,
                       const char *what)
{
    for (size_t cut = 0; cut < n; cut++) {
        const int o = read_with(reader, file, cut);
        CHECK_MSG(o == 1 || o == want, "%s cut at %zu: %d", what, cut, o);
    }
    CHECK_MSG(read_with(reader, file, n) == want, "%s whole", what);
}

static void check_other_formats(void)
{
    unsigned char block[64], file[512];
    const size_t nb = exif(block, 1, 0x0112, 3, 1, 6); /* "Exif\0\0" + TIFF */
    static const unsigned char ihdr[13] = {0, 0, 0, 48, 0, 0, 0, 32, 8, 2, 0, 0, 0};
    static const unsigned char idat[5] = {1, 2, 3, 4, 5};

    /* PNG: eXIf before or after the image data, with or without "Exif\0\0". */
    for (int after = 0; after < 2; after++)
        for (int prefix = 0; prefix < 2; prefix++) {
            size_t n = 0;
            memcpy(file, "\x89PNG\r\n\x1a\n", 8);
            n = 8 + png_chunk(file + 8, "IHDR", ihdr, sizeof ihdr);
            if (after)
                n += png_chunk(file + n, "IDAT", idat, sizeof idat);
            n += png_chunk(file + n, "eXIf", prefix ? block : block + 6, prefix ? nb : nb - 6);
            if (!after)
                n += png_chunk(file + n, "IDAT", idat, sizeof idat);
            n += png_chunk(file + n, "IEND", idat, 0);
            check_cuts(exif_orientation_png, file, n, 6, "PNG");
        }
    size_t n = 8 + png_chunk(file + 8, "IHDR", ihdr, sizeof ihdr);
    n += png_chunk(file + n, "IEND", idat, 0);
    n += png_chunk(file + n, "eXIf", block + 6, nb - 6);
    CHECK_MSG(read_with(exif_orientation_png, file, n) == 1, "PNG: eXIf after IEND");
    store_be32(file + 8, 0xFFFFFFF0u);
    CHECK_MSG(read_with(exif_orientation_png, file, n) == 1, "PNG: a chunk length near 4 GiB");

    /* WebP: an odd-sized chunk (padded) before the EXIF one. */
    memcpy(file, "RIFF\0\0\0\0WEBPVP8 \x05\0\0\0", 20);
    memcpy(file + 20, idat, 5);
    file[25] = 0;
    memcpy(file + 26, "EXIF", 4);
    file[30] = (unsigned char)(nb - 6);
    file[31] = file[32] = file[33] = 0;
    memcpy(file + 34, block + 6, nb - 6);
    check_cuts(exif_orientation_webp, file, 34 + nb - 6, 6, "WebP");
    file[16] = 0xFF; /* VP8 chunk length 0xFF..: skips past the end */
    file[17] = file[18] = file[19] = 0xFF;
    CHECK_MSG(read_with(exif_orientation_webp, file, 34 + nb - 6) == 1, "WebP: a huge chunk length");

    /* TIFF: IFD0 after the pixels, at the end of the file; both byte orders. */
    for (int be = 0; be < 2; be++)
        for (unsigned o = 1; o <= 8; o++) {
            exif(block, be, 0x0112, 3, 1, o);
            const unsigned char *tiff = block + 6;
            memcpy(file, tiff, 8);
            memset(file + 8, 0x55, 100); /* pixels */
            memcpy(file + 108, tiff + 8, 18); /* count, one entry, next IFD */
            file[be ? 7 : 4] = 108;
            CHECK_MSG(read_with(exif_orientation_tiff_file, file, 126) == (int)o,
                  "TIFF %s, orientation %u", be ? "MM" : "II", o);
            if (o == 6)
                check_cuts(exif_orientation_tiff_file, file, 126, 6, "TIFF");
        }
    file[3] = 43; /* BigTIFF (MM, version 43): not read */
    CHECK_MSG(read_with(exif_orientation_tiff_file, file, 126) == 1, "BigTIFF");
}

int main(void)
{
    check_mapping();
    check_reader();
    check_other_formats();
    if (check_failures)
        fprintf(stderr, "%d check(s) failed\n", check_failures);
    else
        puts("all checks passed");
    TEST_EXIT();
}
