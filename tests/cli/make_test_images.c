/* make_test_images: writes small synthetic photos for the CLI tests, so the
 * suite needs no downloaded data.
 *
 *   make_test_images DIR DOMAIN COUNT SIZE|WxH [EXT]
 *
 * DOMAIN 'a' gives reddish discs on warm gradients, 'b' greenish ones (a
 * colour translation to learn); 'rgba' gives images with a varying alpha
 * channel, 'deep' 16-bit PNGs, 'gamma' the pictures of 'a' in PNGs that
 * spell sRGB as gAMA + cHRM without an sRGB chunk, as ImageMagick writes them,
 * 'wide' the pictures of 'a' in Adobe RGB (1998), with its ICC profile,
 * 'prophoto' the same in ProPhoto RGB (run with EXT jpg: libpng refuses the
 * profile GEGL writes for it),
 * 'badicc' the pictures of 'a' in JPEGs whose ICC profile states a wrong
 * length (as some cameras' do; run with EXT jpg).
 * Each file is DIR/DOMAIN-N.EXT (png default). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gegl.h>

static unsigned lcg(unsigned *s)
{
    *s = *s * 1664525u + 1013904223u;
    return *s >> 8;
}

static void paint(float *px, int w, int h, int channels, const char *domain, unsigned seed)
{
    const int b = strcmp(domain, "b") == 0;
    unsigned s = seed * 2654435761u + 1u;
    const int size = w < h ? w : h;
    float cx = (float)(lcg(&s) % (unsigned)w), cy = (float)(lcg(&s) % (unsigned)h);
    float r = size / 6.0f + (float)(lcg(&s) % (unsigned)(size / 4 + 1));
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            float *p = px + ((size_t)y * w + x) * channels;
            float g = (float)(x + y) / (float)(w + h);
            int inside = (x - cx) * (x - cx) + (y - cy) * (y - cy) < r * r;
            float hi = inside ? 0.85f : 0.35f + 0.3f * g, lo = inside ? 0.2f : 0.15f + 0.2f * g;
            p[0] = b ? lo : hi;
            p[1] = b ? hi : lo;
            p[2] = 0.25f + 0.1f * (float)((x / 4 + y / 4) % 2);
            if (channels == 4)
                p[3] = (float)x / (float)(w - 1);
        }
}

static void save(const char *path, const float *px, int w, int h, int channels, int bitdepth,
                 const Babl *space)
{
    GeglRectangle rect = {0, 0, w, h};
    const Babl *fmt =
        babl_format_with_space(channels == 4 ? "R'G'B'A float" : "R'G'B' float", space);
    GeglBuffer *buf = gegl_buffer_new(&rect, fmt);
    gegl_buffer_set(buf, &rect, 0, fmt, px, GEGL_AUTO_ROWSTRIDE);
    GeglNode *graph = gegl_node_new();
    GeglNode *src = gegl_node_new_child(graph, "operation", "gegl:buffer-source", "buffer", buf,
                                        NULL);
    const char *ext = strrchr(path, '.');
    int png = ext && strcmp(ext, ".png") == 0;
    GeglNode *sink = gegl_node_new_child(graph, "operation", png ? "gegl:png-save" : "gegl:save",
                                         "path", path, NULL);
    if (png)
        gegl_node_set(sink, "bitdepth", bitdepth, NULL);
    gegl_node_link(src, sink);
    gegl_node_process(sink);
    g_object_unref(graph);
    g_object_unref(buf);
}

/* Drops the PNG's sRGB chunk; GEGL writes gAMA and cHRM beside it. */
static int drop_srgb_chunk(const char *path)
{
    FILE *f = fopen(path, "rb");
    unsigned char *d = malloc(1 << 24);
    size_t n = f && d ? fread(d, 1, 1 << 24, f) : 0, out = 8;
    if (f)
        fclose(f);
    for (size_t i = 8; i + 12 <= n;) {
        size_t len = (size_t)d[i] << 24 | (size_t)d[i + 1] << 16 | (size_t)d[i + 2] << 8 | d[i + 3];
        if (i + 12 + len > n)
            break;
        if (memcmp(d + i + 4, "sRGB", 4) != 0) {
            memmove(d + out, d + i, len + 12);
            out += len + 12;
        }
        i += len + 12;
    }
    f = n > 8 ? fopen(path, "wb") : NULL;
    int rc = f && fwrite(d, 1, out, f) == out ? 0 : -1;
    if (f && fclose(f))
        rc = -1;
    free(d);
    return rc;
}

/* Shrinks the length field of the JPEG's ICC profile (APP2 "ICC_PROFILE"). */
static int break_icc_length(const char *path)
{
    FILE *f = fopen(path, "r+b");
    unsigned char d[1 << 16];
    size_t n = f ? fread(d, 1, sizeof d, f) : 0;
    int rc = -1;
    for (size_t i = 2; f && i + 22 <= n && d[i] == 0xFF && d[i + 1] != 0xDA;
         i += 2 + ((size_t)d[i + 2] << 8 | d[i + 3])) {
        if (d[i + 1] == 0xE2 && memcmp(d + i + 4, "ICC_PROFILE", 12) == 0) {
            size_t at = i + 18, size = (size_t)d[at] << 24 | (size_t)d[at + 1] << 16 |
                                       (size_t)d[at + 2] << 8 | d[at + 3];
            size -= 8;
            unsigned char be[4] = {(unsigned char)(size >> 24), (unsigned char)(size >> 16),
                                   (unsigned char)(size >> 8), (unsigned char)size};
            rc = fseek(f, (long)at, SEEK_SET) == 0 && fwrite(be, 1, 4, f) == 4 ? 0 : -1;
            break;
        }
    }
    if (f && fclose(f))
        rc = -1;
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: make_test_images DIR DOMAIN COUNT SIZE|WxH [EXT]\n");
        return 2;
    }
    const char *dir = argv[1], *domain = argv[2], *ext = argc > 5 ? argv[5] : "png";
    int count = atoi(argv[3]), w = atoi(argv[4]), h = w;
    if (strchr(argv[4], 'x'))
        h = atoi(strchr(argv[4], 'x') + 1);
    int channels = strcmp(domain, "rgba") == 0 ? 4 : 3;
    int bitdepth = strcmp(domain, "deep") == 0 ? 16 : 8;
    gegl_init(NULL, NULL);
    const Babl *gamma22 = babl_trc_gamma(2.19921875); /* Adobe RGB's 563/256 */
    const Babl *gamma18 = babl_trc_gamma(1.8);
    const Babl *space = strcmp(domain, "wide") == 0
                            ? babl_space_from_chromaticities(
                                  "Adobe RGB (1998)", 0.3127, 0.3290, 0.64, 0.33, 0.21, 0.71,
                                  0.15, 0.06, gamma22, gamma22, gamma22, 0)
                        : strcmp(domain, "prophoto") == 0
                            ? babl_space_from_chromaticities(
                                  "ProPhoto RGB", 0.3457, 0.3585, 0.7347, 0.2653, 0.1596, 0.8404,
                                  0.0366, 0.0001, gamma18, gamma18, gamma18, 0)
                            : babl_space("sRGB");
    float *px = malloc(sizeof(float) * (size_t)w * h * channels);
    for (int i = 0; i < count && px; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s-%d.%s", dir, domain, i, ext);
        paint(px, w, h, channels, domain, (unsigned)i + (strcmp(domain, "b") == 0 ? 1000u : 0u));
        save(path, px, w, h, channels, bitdepth, space);
        if ((strcmp(domain, "gamma") == 0 && drop_srgb_chunk(path)) ||
            (strcmp(domain, "badicc") == 0 && break_icc_length(path))) {
            fprintf(stderr, "make_test_images: cannot rewrite %s\n", path);
            return 1;
        }
    }
    free(px);
    gegl_exit();
    return px ? 0 : 1;
}
