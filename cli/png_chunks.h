/* png_chunks.h: walks a PNG file's chunks (4-byte big-endian length, 4-byte
 * type, data, 4-byte CRC), for the readers that look inside a PNG before or
 * after GEGL does: the completeness check, the EXIF orientation and the
 * fix-up of what GEGL writes. The file is untrusted: a length is never
 * believed beyond the file's size. */
#ifndef EDCG_CLI_PNG_CHUNKS_H
#define EDCG_CLI_PNG_CHUNKS_H

#include <stdint.h>
#include <stdio.h>

#define PNG_SIGNATURE "\x89PNG\r\n\x1a\n"
#define PNG_SIGNATURE_SIZE 8

typedef struct png_chunk {
    uint32_t length; /* of the data alone */
    char type[4];
    long next;       /* file offset of the chunk after this one */
} png_chunk;

/* Reads the signature at f's start. 0 with f just past it; -1 when f is no
 * PNG. `size` is the file's size in bytes, for the walk's bounds. */
int png_chunks_begin(FILE *f, long *size);

/* Reads the header of the chunk at f's position, leaving f at its data.
 * 1 on a chunk that lies wholly inside the file; 0 at the file's end or on
 * a chunk cut short (a truncated file). */
int png_chunk_next(FILE *f, long size, png_chunk *c);

/* Whether the chunk is of the given four-letter type. */
int png_chunk_is(const png_chunk *c, const char *type);

/* Moves f to the chunk after c. 0, or -1 when f cannot seek. */
int png_chunk_skip(FILE *f, const png_chunk *c);

#endif
