/* make_samples.c: renders the demo's sample images, so the repository
 * ships code instead of someone else's photos:
 *   apple.png      a red apple with a leaf on a wooden table (apple2orange)
 *   landscape.png  green hills, trees and a lake under a summer sky (summer2winter)
 * Usage: make_samples OUTDIR. Written through GEGL as 8-bit sRGB PNG. */
#include <gegl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* Smooth value noise in [0, 1] from an integer hash: texture without data. */
static float hash2(int x, int y, int seed)
{
    unsigned h = (unsigned)x * 374761393u + (unsigned)y * 668265263u + (unsigned)seed * 2246822519u;
    h = (h ^ (h >> 13)) * 1274126177u;
    return (float)((h ^ (h >> 16)) & 0xffffff) / 16777215.0f;
}

static float value_noise(float x, float y, int seed)
{
    int xi = (int)floorf(x), yi = (int)floorf(y);
    float fx = x - xi, fy = y - yi;
    fx = fx * fx * (3 - 2 * fx);
    fy = fy * fy * (3 - 2 * fy);
    float a = hash2(xi, yi, seed), b = hash2(xi + 1, yi, seed);
    float c = hash2(xi, yi + 1, seed), d = hash2(xi + 1, yi + 1, seed);
    return (a + fx * (b - a)) + fy * ((c + fx * (d - c)) - (a + fx * (b - a)));
}

static float fbm(float x, float y, int seed)
{
    float sum = 0, amp = 0.5f;
    for (int o = 0; o < 5; o++, x *= 2, y *= 2, amp *= 0.5f)
        sum += amp * value_noise(x, y, seed + o);
    return sum;
}

static void mix(float *rgb, const float *c, float t)
{
    for (int i = 0; i < 3; i++)
        rgb[i] += t * (c[i] - rgb[i]);
}

static void apple_pixel(int x, int y, int w, int h, float *rgb)
{
    float u = (float)x / w, v = (float)y / h;
    /* Table: warm wood with grain; wall above it. */
    const float wall[3] = {0.80f, 0.76f, 0.70f}, wood[3] = {0.55f, 0.36f, 0.20f};
    for (int i = 0; i < 3; i++)
        rgb[i] = v < 0.55f ? wall[i] * (0.9f + 0.1f * v) : wood[i];
    if (v >= 0.55f) {
        float grain = fbm(u * 3, v * 40, 7);
        for (int i = 0; i < 3; i++)
            rgb[i] *= 0.75f + 0.5f * grain;
    }
    /* Apple: a shaded sphere with a speckled red skin. */
    float cx = 0.5f * w, cy = 0.56f * h, r = 0.27f * h;
    float dx = (x - cx) / r, dy = (y - cy) / (r * 0.95f), d2 = dx * dx + dy * dy;
    float shadow = expf(-((x - cx - 0.15f * r) * (x - cx - 0.15f * r) / (r * r * 1.4f) +
                          (y - cy - 0.9f * r) * (y - cy - 0.9f * r) / (r * r * 0.05f)));
    for (int i = 0; i < 3; i++)
        rgb[i] *= 1.0f - 0.55f * shadow;
    if (d2 < 1.0f) {
        float nz = sqrtf(1.0f - d2), lambert = fmaxf(0.0f, -0.45f * dx - 0.55f * dy + 0.7f * nz);
        float speck = fbm(x * 0.08f, y * 0.08f, 3), streak = fbm(dx * 2, y * 0.02f, 11);
        float skin[3] = {0.62f + 0.25f * streak, 0.06f + 0.10f * speck * (1 - streak), 0.05f};
        float spec = powf(fmaxf(0.0f, -0.35f * dx - 0.45f * dy + 0.82f * nz), 40.0f);
        float edge = fminf(1.0f, (1.0f - d2) * 12.0f); /* soft rim */
        float shade[3];
        for (int i = 0; i < 3; i++)
            shade[i] = skin[i] * (0.25f + 0.85f * lambert) + 0.8f * spec;
        mix(rgb, shade, edge);
    }
    /* Stem and leaf. */
    float sx = (x - cx) / r, sy = (y - (cy - 0.98f * r)) / r;
    if (fabsf(sx - 0.04f * sy) < 0.035f && sy > -0.25f && sy < 0.08f) {
        const float stem[3] = {0.25f, 0.16f, 0.08f};
        mix(rgb, stem, 1.0f);
    }
    float lx = (sx - 0.22f) * cosf(0.5f) + (sy + 0.12f) * sinf(0.5f);
    float ly = -(sx - 0.22f) * sinf(0.5f) + (sy + 0.12f) * cosf(0.5f);
    if ((lx * lx) / 0.036f + (ly * ly) / 0.006f < 1.0f) {
        const float leaf[3] = {0.22f + 0.1f * lx, 0.48f + 0.2f * lx, 0.12f};
        mix(rgb, leaf, 1.0f);
    }
}

static void landscape_pixel(int x, int y, int w, int h, float *rgb)
{
    float u = (float)x / w, v = (float)y / h;
    const float sky_top[3] = {0.25f, 0.50f, 0.85f}, sky_low[3] = {0.65f, 0.80f, 0.95f};
    for (int i = 0; i < 3; i++)
        rgb[i] = sky_top[i] + (sky_low[i] - sky_top[i]) * fminf(1.0f, v * 2.2f);
    float cloud = fbm(u * 4, v * 10, 5);
    const float white[3] = {0.97f, 0.97f, 0.97f};
    mix(rgb, white, fmaxf(0.0f, (cloud - 0.55f) * 2.5f) * (1.0f - v));
    /* Far hills, near hills with grass, trees, and a lake in front. */
    float far = 0.42f + 0.06f * fbm(u * 3, 0.5f, 9), near = 0.55f + 0.08f * fbm(u * 2, 1.5f, 13);
    if (v > far) {
        const float blue_green[3] = {0.30f, 0.45f, 0.40f};
        mix(rgb, blue_green, 1.0f);
    }
    if (v > near) {
        float g = fbm(u * 30, v * 30, 17);
        const float grass[3] = {0.25f + 0.2f * g, 0.50f + 0.25f * g, 0.12f};
        mix(rgb, grass, 1.0f);
    }
    for (int t = 0; t < 9; t++) {
        float tx = 0.08f + 0.1f * t + 0.03f * hash2(t, 1, 3), ty = near + 0.03f + 0.02f * hash2(t, 2, 3);
        float dx = (u - tx) * w / h, dy = v - (ty - 0.06f);
        if (dx * dx / 0.0012f + dy * dy / 0.004f < 1.0f) {
            float g = fbm(u * 60, v * 60, 23);
            const float tree[3] = {0.08f + 0.1f * g, 0.28f + 0.15f * g, 0.08f};
            mix(rgb, tree, 1.0f);
        }
    }
    if (v > 0.78f && fabsf(u - 0.6f) < 0.35f - (v - 0.78f)) {
        float ripple = fbm(u * 8, v * 80, 29);
        const float lake[3] = {0.20f + 0.2f * ripple, 0.40f + 0.2f * ripple, 0.65f};
        mix(rgb, lake, 1.0f);
    }
}

static int render(const char *dir, const char *name, int w, int h,
                  void (*pixel)(int, int, int, int, float *))
{
    float *px = malloc(sizeof(float) * 3 * (size_t)w * h);
    if (!px)
        return 1;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            float *p = px + ((size_t)y * w + x) * 3;
            pixel(x, y, w, h, p);
            for (int i = 0; i < 3; i++)
                p[i] = fminf(1.0f, fmaxf(0.0f, p[i]));
        }
    GeglRectangle rect = {0, 0, w, h};
    GeglBuffer *buf = gegl_buffer_new(&rect, babl_format("R'G'B' float"));
    gegl_buffer_set(buf, &rect, 0, babl_format("R'G'B' float"), px, GEGL_AUTO_ROWSTRIDE);
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    GeglNode *graph = gegl_node_new();
    GeglNode *src = gegl_node_new_child(graph, "operation", "gegl:buffer-source", "buffer", buf, NULL);
    GeglNode *save = gegl_node_new_child(graph, "operation", "gegl:png-save", "path", path,
                                         "bitdepth", 8, NULL);
    gegl_node_link(src, save);
    gegl_node_process(save);
    g_object_unref(graph);
    g_object_unref(buf);
    free(px);
    printf("%s\n", path);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: make_samples OUTDIR\n");
        return 2;
    }
    gegl_init(&argc, &argv);
    int rc = render(argv[1], "apple.png", 512, 384, apple_pixel) ||
             render(argv[1], "landscape.png", 640, 400, landscape_pixel);
    gegl_exit();
    return rc;
}
