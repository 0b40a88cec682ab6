/* byte_order.h: integers stored in a file's byte order, read and written one
 * byte at a time so that neither the host's order nor alignment matters.
 * PNG and JPEG are big-endian, RIFF (WebP) little-endian, TIFF either. */
#ifndef EDCG_CLI_BYTE_ORDER_H
#define EDCG_CLI_BYTE_ORDER_H

#include <stdint.h>

static inline uint32_t load16(const unsigned char *p, int big_endian)
{
    return big_endian ? (uint32_t)p[0] << 8 | p[1] : (uint32_t)p[1] << 8 | p[0];
}

static inline uint32_t load32(const unsigned char *p, int big_endian)
{
    return big_endian ? load16(p, 1) << 16 | load16(p + 2, 1)
                      : load16(p + 2, 0) << 16 | load16(p, 0);
}

static inline void store_be32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

#endif
