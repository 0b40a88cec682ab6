#include "jpeg_markers.h"

int jpeg_next_marker(FILE *f)
{
    int c;
    while ((c = getc(f)) != EOF) {
        if (c != 0xFF)
            continue;
        do
            c = getc(f);
        while (c == 0xFF);
        if (c == EOF)
            return -1;
        if (c != 0x00)
            return c;
    }
    return -1;
}

int jpeg_marker_standalone(int marker)
{
    return (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01;
}

int jpeg_read_segment(FILE *f, unsigned char *seg, size_t *len)
{
    int hi = getc(f), lo = getc(f);
    if (hi == EOF || lo == EOF || (hi << 8 | lo) < 2)
        return -1;
    *len = (size_t)(hi << 8 | lo) - 2;
    return fread(seg, 1, *len, f) == *len ? 0 : -1;
}
