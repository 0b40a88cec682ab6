#include "image_sniff.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "byte_order.h"
#include "jpeg_check.h"
#include "png_chunks.h"

typedef struct magic {
    const char *bytes;
    size_t offset, length;
    const char *loader;
} magic;

static const magic magics[] = {
    {PNG_SIGNATURE, 0, PNG_SIGNATURE_SIZE, "gegl:png-load"},
    {"\xff\xd8\xff", 0, 3, "gegl:jpg-load"},
    {"II*\0", 0, 4, "gegl:tiff-load"},
    {"MM\0*", 0, 4, "gegl:tiff-load"},
    {"WEBP", 8, 4, "gegl:webp-load"},
    {"v/1\x01", 0, 4, "gegl:exr-load"},
    {"GIF87a", 0, 6, "gegl:gif-load"},
    {"GIF89a", 0, 6, "gegl:gif-load"},
    {"#?RADIANCE", 0, 10, "gegl:rgbe-load"},
    {"#?RGBE", 0, 6, "gegl:rgbe-load"},
    {"BM", 0, 2, "gegl:pixbuf-load"},
};

/* Walks the chunks to IEND: a cut file is refused before libpng sees it. */
static int png_complete(FILE *f)
{
    long size;
    png_chunk c;
    if (png_chunks_begin(f, &size))
        return 0;
    while (png_chunk_next(f, size, &c)) {
        if (png_chunk_is(&c, "IEND"))
            return 1;
        if (png_chunk_skip(f, &c))
            return 0;
    }
    return 0;
}

static int is_ppm(const unsigned char *h, size_t n)
{
    return n >= 3 && h[0] == 'P' && h[1] >= '1' && h[1] <= '6' &&
           (h[2] == ' ' || h[2] == '\n' || h[2] == '\r' || h[2] == '\t');
}

static const char *loader_for_header(const unsigned char *head, size_t n)
{
    for (size_t i = 0; i < sizeof magics / sizeof *magics; i++) {
        const magic *m = &magics[i];
        if (n >= m->offset + m->length && memcmp(head + m->offset, m->bytes, m->length) == 0)
            return m->loader;
    }
    return is_ppm(head, n) ? "gegl:ppm-load" : NULL;
}

/* Structure checks for the formats whose GEGL loaders do not fail cleanly. */
static int structure_ok(const char *loader, FILE *f, const unsigned char *head, long size,
                        char *why, size_t why_size)
{
    if (strcmp(loader, "gegl:jpg-load") == 0) {
        rewind(f);
        return jpeg_check(f, why, why_size) == 0;
    }
    if (strcmp(loader, "gegl:png-load") == 0 && !png_complete(f)) {
        snprintf(why, why_size, "truncated or corrupt PNG");
        return 0;
    }
    if (strcmp(loader, "gegl:webp-load") == 0 &&
        (memcmp(head, "RIFF", 4) != 0 || (long)load32(head + 4, 0) + 8 > size)) {
        snprintf(why, why_size, "truncated WebP");
        return 0;
    }
    return 1;
}

const char *image_sniff(const char *path, char *why, size_t why_size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(why, why_size, "%s", strerror(errno));
        return NULL;
    }
    struct stat st;
    unsigned char head[16] = {0};
    size_t n = fread(head, 1, sizeof head, f);
    const char *loader = NULL;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode))
        snprintf(why, why_size, "is a folder");
    else if (!(loader = loader_for_header(head, n)))
        snprintf(why, why_size, n == 0 ? "empty file" : "not an image (unrecognised content)");
    else if (!structure_ok(loader, f, head, (long)st.st_size, why, why_size))
        loader = NULL;
    fclose(f);
    return loader;
}
