#include "exif_orientation.h"

#include <string.h>

#include "byte_order.h"
#include "jpeg_markers.h"
#include "png_chunks.h"

#define TAG_ORIENTATION 0x0112
#define TYPE_SHORT 3

/* Every offset is checked against n: the block comes from an untrusted file. */
int exif_orientation_tiff(const unsigned char *tiff, size_t n)
{
    if (n < 8 || !(memcmp(tiff, "II", 2) == 0 || memcmp(tiff, "MM", 2) == 0))
        return 1;
    const int be = tiff[0] == 'M';
    const unsigned long ifd = load32(tiff + 4, be);
    if (load16(tiff + 2, be) != 42 || ifd > n - 2)
        return 1;
    const unsigned count = load16(tiff + ifd, be);
    for (unsigned i = 0; i < count; i++) {
        const unsigned long at = ifd + 2 + 12ul * i;
        if (n < 12 || at > n - 12)
            break;
        const unsigned char *e = tiff + at;
        if (load16(e, be) == TAG_ORIENTATION && load16(e + 2, be) == TYPE_SHORT &&
            load32(e + 4, be) == 1) {
            const unsigned v = load16(e + 8, be);
            return v >= 1 && v <= 8 ? (int)v : 1;
        }
    }
    return 1;
}

int exif_orientation_jpeg(FILE *f)
{
    unsigned char seg[JPEG_MAX_SEGMENT];
    if (getc(f) != 0xFF || getc(f) != 0xD8)
        return 1;
    /* The tags come before the first scan. */
    for (int m; (m = jpeg_next_marker(f)) >= 0 && m != 0xDA && m != 0xD9;) {
        size_t len;
        if (jpeg_marker_standalone(m))
            continue;
        if (jpeg_read_segment(f, seg, &len))
            return 1;
        if (m == 0xE1 && len > 6 && memcmp(seg, "Exif\0\0", 6) == 0)
            return exif_orientation_tiff(seg + 6, len - 6);
    }
    return 1;
}

/* The TIFF block in a PNG eXIf or WebP EXIF payload of `len` bytes at f's
 * position. Some writers start it with JPEG's "Exif\0\0"; IFD0 comes first
 * in practice, so 64 KiB is plenty. */
static int from_payload(FILE *f, unsigned long len)
{
    unsigned char block[65536];
    const size_t n = fread(block, 1, len < sizeof block ? (size_t)len : sizeof block, f);
    if (n > 6 && memcmp(block, "Exif\0\0", 6) == 0)
        return exif_orientation_tiff(block + 6, n - 6);
    return exif_orientation_tiff(block, n);
}

int exif_orientation_png(FILE *f)
{
    long size;
    png_chunk c;
    if (png_chunks_begin(f, &size))
        return 1;
    /* eXIf may follow the image data. */
    while (png_chunk_next(f, size, &c) && !png_chunk_is(&c, "IEND")) {
        if (png_chunk_is(&c, "eXIf"))
            return from_payload(f, c.length);
        if (png_chunk_skip(f, &c))
            break;
    }
    return 1;
}

int exif_orientation_webp(FILE *f)
{
    unsigned char c[12];
    if (fread(c, 1, 12, f) != 12 || memcmp(c, "RIFF", 4) != 0 || memcmp(c + 8, "WEBP", 4) != 0)
        return 1;
    /* RIFF chunks: tag, little-endian length, data padded to an even length. */
    while (fread(c, 1, 8, f) == 8) {
        const unsigned long len = load32(c + 4, 0);
        if (memcmp(c, "EXIF", 4) == 0)
            return from_payload(f, len);
        if (len > 0x7ffffffeUL || fseek(f, (long)(len + (len & 1)), SEEK_CUR) != 0)
            break;
    }
    return 1;
}

int exif_orientation_tiff_file(FILE *f)
{
    /* IFD0 may lie anywhere in a large file: read the header and IFD0's
     * entries only, and hand them to the block reader as one small block
     * whose IFD0 follows the header. Orientation is a single SHORT, stored
     * inside its entry, so no other offset is needed. */
    enum { MAX_ENTRIES = 1024 };
    unsigned char block[8 + 2 + 12 * MAX_ENTRIES];
    if (fread(block, 1, 8, f) != 8 ||
        !(memcmp(block, "II", 2) == 0 || memcmp(block, "MM", 2) == 0))
        return 1;
    const int be = block[0] == 'M';
    const unsigned long ifd = load32(block + 4, be);
    if (load16(block + 2, be) != 42 || ifd > 0x7fffffffUL || fseek(f, (long)ifd, SEEK_SET) != 0 ||
        fread(block + 8, 1, 2, f) != 2)
        return 1;
    unsigned count = load16(block + 8, be);
    if (count > MAX_ENTRIES)
        count = MAX_ENTRIES;
    const size_t got = fread(block + 10, 12, count, f);
    block[8] = (unsigned char)(be ? got >> 8 : got);
    block[9] = (unsigned char)(be ? got : got >> 8);
    memcpy(block + 4, be ? "\0\0\0\x08" : "\x08\0\0\0", 4);
    return exif_orientation_tiff(block, 10 + 12 * got);
}

int exif_orientation_swaps(int orientation)
{
    return orientation >= 5 && orientation <= 8;
}

/* The EXIF definitions: 2 mirrors left-right, 3 turns half way, 4 mirrors
 * top-bottom, 5 transposes, 6 turns a quarter clockwise, 7 transposes
 * across the other diagonal, 8 turns a quarter anticlockwise. */
void exif_orientation_source(int orientation, int w, int h, int x, int y, int *sx, int *sy)
{
    switch (orientation) {
    case 2: *sx = w - 1 - x; *sy = y; break;
    case 3: *sx = w - 1 - x; *sy = h - 1 - y; break;
    case 4: *sx = x; *sy = h - 1 - y; break;
    case 5: *sx = y; *sy = x; break;
    case 6: *sx = y; *sy = h - 1 - x; break;
    case 7: *sx = w - 1 - y; *sy = h - 1 - x; break;
    case 8: *sx = w - 1 - y; *sy = x; break;
    default: *sx = x; *sy = y; break;
    }
}
