#include "exif_orientation.h"

#include <string.h>

#include "jpeg_markers.h"

#define TAG_ORIENTATION 0x0112
#define TYPE_SHORT 3

static unsigned read16(const unsigned char *p, int big_endian)
{
    return big_endian ? (unsigned)p[0] << 8 | p[1] : (unsigned)p[1] << 8 | p[0];
}

static unsigned long read32(const unsigned char *p, int big_endian)
{
    return big_endian ? (unsigned long)read16(p, 1) << 16 | read16(p + 2, 1)
                      : (unsigned long)read16(p + 2, 0) << 16 | read16(p, 0);
}

/* Every offset is checked against n: the block comes from an untrusted file. */
int exif_orientation_tiff(const unsigned char *tiff, size_t n)
{
    if (n < 8 || !(memcmp(tiff, "II", 2) == 0 || memcmp(tiff, "MM", 2) == 0))
        return 1;
    const int be = tiff[0] == 'M';
    const unsigned long ifd = read32(tiff + 4, be);
    if (read16(tiff + 2, be) != 42 || ifd > n - 2)
        return 1;
    const unsigned count = read16(tiff + ifd, be);
    for (unsigned i = 0; i < count; i++) {
        const unsigned long at = ifd + 2 + 12ul * i;
        if (n < 12 || at > n - 12)
            break;
        const unsigned char *e = tiff + at;
        if (read16(e, be) == TAG_ORIENTATION && read16(e + 2, be) == TYPE_SHORT &&
            read32(e + 4, be) == 1) {
            const unsigned v = read16(e + 8, be);
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
