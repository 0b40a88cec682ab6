/* make_test_images: writes small synthetic photos for the CLI tests, so the
 * suite needs no downloaded data.
 *
 *   make_test_images DIR DOMAIN COUNT SIZE [EXT]
 *
 * DOMAIN 'a' gives reddish discs on warm gradients, 'b' greenish ones (a
 * colour translation to learn); 'rgba' gives images with a varying alpha
 * channel, 'deep' 16-bit PNGs. Each file is DIR/DOMAIN-N.EXT (png default). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gegl.h>

static unsigned lcg(unsigned *s)
{
    *s = *s * 1664525u + 1013904223u;
    return *s >> 8;
}

static void paint(float *px, int size, int channels, const char *domain, unsigned seed)
{
    const int b = strcmp(domain, "b") == 0;
    unsigned s = seed * 2654435761u + 1u;
    float cx = (float)(lcg(&s) % (unsigned)size), cy = (float)(lcg(&s) % (unsigned)size);
    float r = size / 6.0f + (float)(lcg(&s) % (unsigned)(size / 4 + 1));
    for (int y = 0; y < size; y++)
        for (int x = 0; x < size; x++) {
            float *p = px + ((size_t)y * size + x) * channels;
            float g = (float)(x + y) / (2.0f * size);
            int inside = (x - cx) * (x - cx) + (y - cy) * (y - cy) < r * r;
            float hi = inside ? 0.85f : 0.35f + 0.3f * g, lo = inside ? 0.2f : 0.15f + 0.2f * g;
            p[0] = b ? lo : hi;
            p[1] = b ? hi : lo;
            p[2] = 0.25f + 0.1f * (float)((x / 4 + y / 4) % 2);
            if (channels == 4)
                p[3] = (float)x / (float)(size - 1);
        }
}

static void save(const char *path, const float *px, int size, int channels, int bitdepth)
{
    GeglRectangle rect = {0, 0, size, size};
    const Babl *fmt = babl_format(channels == 4 ? "R'G'B'A float" : "R'G'B' float");
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

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: make_test_images DIR DOMAIN COUNT SIZE [EXT]\n");
        return 2;
    }
    const char *dir = argv[1], *domain = argv[2], *ext = argc > 5 ? argv[5] : "png";
    int count = atoi(argv[3]), size = atoi(argv[4]);
    int channels = strcmp(domain, "rgba") == 0 ? 4 : 3;
    int bitdepth = strcmp(domain, "deep") == 0 ? 16 : 8;
    gegl_init(NULL, NULL);
    float *px = malloc(sizeof(float) * (size_t)size * size * channels);
    for (int i = 0; i < count && px; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s-%d.%s", dir, domain, i, ext);
        paint(px, size, channels, domain, (unsigned)i + (domain[0] == 'b' ? 1000u : 0u));
        save(path, px, size, channels, bitdepth);
    }
    free(px);
    gegl_exit();
    return px ? 0 : 1;
}
