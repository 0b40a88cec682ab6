#include "jpeg_check.h"

#include <string.h>

#include "jpeg_markers.h"

typedef struct jpeg_frame {
    int components; /* 0 until the frame header (SOF) */
    int progressive;
    int id[4], h[4], v[4], tq[4];
    unsigned quant_defined; /* one bit per quantisation table id */
    int scans;
} jpeg_frame;

static int fail(char *why, size_t n, const char *msg)
{
    snprintf(why, n, "%s", msg);
    return -1;
}

/* Entropy-coded data runs to the first marker that is not a restart. */
static int skip_scan_data(FILE *f)
{
    int m;
    while ((m = jpeg_next_marker(f)) >= 0xD0 && m <= 0xD7)
        ;
    return m;
}

static int check_frame(jpeg_frame *fr, int marker, const unsigned char *s, size_t len, char *why,
                       size_t n)
{
    if (fr->components)
        return fail(why, n, "corrupt JPEG (two frame headers)");
    if (len < 6 || s[0] != 8)
        return fail(why, n, len < 6 ? "corrupt JPEG frame header"
                                    : "unsupported JPEG (not 8 bits per sample)");
    int height = s[1] << 8 | s[2], width = s[3] << 8 | s[4], nc = s[5], max_h = 0, max_v = 0;
    if (height < 1 || width < 1 || height > 65500 || width > 65500 || nc < 1 || nc > 4 ||
        len != 6 + 3 * (size_t)nc)
        return fail(why, n, "corrupt or unsupported JPEG frame header");
    for (int i = 0; i < nc; i++) {
        const unsigned char *c = s + 6 + 3 * i;
        fr->id[i] = c[0];
        fr->h[i] = c[1] >> 4;
        fr->v[i] = c[1] & 15;
        fr->tq[i] = c[2];
        if (fr->h[i] < 1 || fr->h[i] > 4 || fr->v[i] < 1 || fr->v[i] > 4 || fr->tq[i] > 3)
            return fail(why, n, "corrupt JPEG frame header");
        max_h = fr->h[i] > max_h ? fr->h[i] : max_h;
        max_v = fr->v[i] > max_v ? fr->v[i] : max_v;
    }
    for (int i = 0; i < nc; i++)
        if (max_h % fr->h[i] || max_v % fr->v[i])
            return fail(why, n, "unsupported JPEG chroma subsampling");
    fr->components = nc;
    fr->progressive = marker == 0xC2 || marker == 0xCA;
    return 0;
}

static int check_huffman(const unsigned char *s, size_t len, char *why, size_t n)
{
    size_t p = 0;
    while (p < len) {
        if (p + 17 > len || (s[p] >> 4) > 1 || (s[p] & 15) > 3)
            return fail(why, n, "corrupt JPEG Huffman table");
        size_t count = 0;
        for (int i = 1; i <= 16; i++)
            count += s[p + i];
        if (count > 256 || p + 17 + count > len)
            return fail(why, n, "corrupt JPEG Huffman table");
        p += 17 + count;
    }
    return 0;
}

static int check_quant(jpeg_frame *fr, const unsigned char *s, size_t len, char *why, size_t n)
{
    size_t p = 0;
    while (p < len) {
        int pq = s[p] >> 4, tq = s[p] & 15;
        if (pq > 1 || tq > 3 || p + 1 + 64 * (size_t)(pq + 1) > len)
            return fail(why, n, "corrupt JPEG quantisation table");
        fr->quant_defined |= 1u << tq;
        p += 1 + 64 * (size_t)(pq + 1);
    }
    return 0;
}

static int frame_index(const jpeg_frame *fr, int id)
{
    for (int i = 0; i < fr->components; i++)
        if (fr->id[i] == id)
            return i;
    return -1;
}

static int check_scan(jpeg_frame *fr, const unsigned char *s, size_t len, char *why, size_t n)
{
    if (!fr->components)
        return fail(why, n, "corrupt JPEG (scan before frame header)");
    int ns = len > 0 ? s[0] : 0, blocks = 0;
    if (ns < 1 || ns > fr->components || len != 4 + 2 * (size_t)ns)
        return fail(why, n, "corrupt JPEG scan header");
    for (int i = 0; i < ns; i++) {
        int k = frame_index(fr, s[1 + 2 * i]);
        if (k < 0 || (s[2 + 2 * i] >> 4) > 3 || (s[2 + 2 * i] & 15) > 3)
            return fail(why, n, "corrupt JPEG scan header");
        if (!(fr->quant_defined >> fr->tq[k] & 1u))
            return fail(why, n, "corrupt JPEG (quantisation table missing)");
        blocks += fr->h[k] * fr->v[k];
    }
    if (ns > 1 && blocks > 10)
        return fail(why, n, "corrupt JPEG (sampling factors too large)");
    int ss = s[1 + 2 * ns], se = s[2 + 2 * ns], ah = s[3 + 2 * ns] >> 4, al = s[3 + 2 * ns] & 15;
    if (fr->progressive &&
        (ss > se || se > 63 || ah > 13 || al > 13 || (ss == 0) != (se == 0) || (ss && ns != 1)))
        return fail(why, n, "corrupt JPEG progressive scan");
    fr->scans++;
    return 0;
}

static int check_segment(jpeg_frame *fr, int marker, const unsigned char *s, size_t len,
                         char *why, size_t n)
{
    switch (marker) {
    case 0xC0: case 0xC1: case 0xC2: case 0xC9: case 0xCA:
        return check_frame(fr, marker, s, len, why, n);
    case 0xC3: case 0xC5: case 0xC6: case 0xC7: case 0xCB: case 0xCD: case 0xCE: case 0xCF:
        return fail(why, n, "unsupported JPEG (lossless or hierarchical)");
    case 0xC4:
        return check_huffman(s, len, why, n);
    case 0xDB:
        return check_quant(fr, s, len, why, n);
    case 0xDA:
        return check_scan(fr, s, len, why, n);
    case 0xDD:
        return len == 2 ? 0 : fail(why, n, "corrupt JPEG restart interval");
    case 0xCC: case 0xDC: case 0xFE:
        return 0;
    default:
        if (marker >= 0xE0 && marker <= 0xEF)
            return 0;
        snprintf(why, n, "corrupt JPEG (invalid marker 0x%02x)", (unsigned)marker);
        return -1;
    }
}

int jpeg_check(FILE *f, char *why, size_t why_size)
{
    static unsigned char seg[JPEG_MAX_SEGMENT];
    jpeg_frame fr;
    memset(&fr, 0, sizeof fr);
    if (getc(f) != 0xFF || getc(f) != 0xD8)
        return fail(why, why_size, "not a JPEG");
    int marker = jpeg_next_marker(f);
    for (;;) {
        size_t len;
        if (marker < 0)
            return fail(why, why_size, "truncated JPEG (no end-of-image marker)");
        if (marker == 0xD9)
            return fr.scans ? 0 : fail(why, why_size, "corrupt JPEG (no image data)");
        if (marker == 0xD8)
            return fail(why, why_size, "corrupt JPEG (two start-of-image markers)");
        if (jpeg_marker_standalone(marker)) {
            marker = jpeg_next_marker(f);
            continue;
        }
        if (jpeg_read_segment(f, seg, &len))
            return fail(why, why_size, "truncated JPEG");
        if (check_segment(&fr, marker, seg, len, why, why_size))
            return -1;
        marker = marker == 0xDA ? skip_scan_data(f) : jpeg_next_marker(f);
    }
}
