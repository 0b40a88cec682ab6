/* photos.h: test images for the faithfulness and large-image tests.
 *
 * photo_like() draws a synthetic photo the test owns: a sky-to-ground
 * gradient, soft coloured blobs, hard-edged objects and sensor noise, so
 * flat areas, edges and texture all occur. load_photos() reads real photos
 * from /work/shared/data/<set>/test<X>/ (JPEG, needs libjpeg at build time);
 * tests that want them skip visibly (exit 77) when there are none.
 * Images are packed RGB floats in [0, 1].
 */
#ifndef EDCG_TEST_PHOTOS_H
#define EDCG_TEST_PHOTOS_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "rng.h"

static inline float *photo_like(int w, int h, uint64_t seed)
{
    rng r;
    rng_seed(&r, seed);
    float *p = malloc(sizeof(float) * 3 * (size_t)w * h);
    float blob[6][6]; /* cx, cy, radius, r, g, b */
    for (int i = 0; i < 6; i++) {
        blob[i][0] = (float)rng_uniform(&r) * w;
        blob[i][1] = (float)rng_uniform(&r) * h;
        blob[i][2] = (0.05f + 0.2f * (float)rng_uniform(&r)) * (w > h ? w : h);
        for (int c = 0; c < 3; c++)
            blob[i][3 + c] = (float)rng_uniform(&r) - 0.5f;
    }
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            float t = (float)y / h, v[3] = {0.35f + 0.3f * t, 0.5f + 0.1f * t, 0.8f - 0.5f * t};
            for (int i = 0; i < 6; i++) {
                float dx = x - blob[i][0], dy = y - blob[i][1];
                float g = expf(-(dx * dx + dy * dy) / (blob[i][2] * blob[i][2]));
                for (int c = 0; c < 3; c++)
                    v[c] += 0.6f * g * blob[i][3 + c];
            }
            /* A hard-edged "building" and stripes: edges the network must keep. */
            if (x > w / 5 && x < w / 3 && y > h / 2)
                v[0] = v[1] = v[2] = 0.2f + 0.1f * ((x / 7 + y / 9) % 2);
            for (int c = 0; c < 3; c++) {
                float n = v[c] + 0.03f * ((float)rng_uniform(&r) - 0.5f);
                p[((size_t)y * w + x) * 3 + c] = n < 0.0f ? 0.0f : (n > 1.0f ? 1.0f : n);
            }
        }
    return p;
}

#ifdef HAVE_JPEG
#include <dirent.h>
#include <jpeglib.h>
#include <string.h>

static inline float *load_jpeg(const char *path, int *w, int *h)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct jpeg_decompress_struct cinfo;
    struct jpeg_error_mgr jerr;
    cinfo.err = jpeg_std_error(&jerr);
    jpeg_create_decompress(&cinfo);
    jpeg_stdio_src(&cinfo, f);
    jpeg_read_header(&cinfo, TRUE);
    cinfo.out_color_space = JCS_RGB;
    jpeg_start_decompress(&cinfo);
    *w = (int)cinfo.output_width;
    *h = (int)cinfo.output_height;
    float *p = malloc(sizeof(float) * 3 * (size_t)*w * *h);
    unsigned char *row = malloc((size_t)*w * 3);
    while (cinfo.output_scanline < cinfo.output_height) {
        size_t y = cinfo.output_scanline;
        jpeg_read_scanlines(&cinfo, &row, 1);
        for (size_t i = 0; i < (size_t)*w * 3; i++)
            p[y * *w * 3 + i] = row[i] / 255.0f;
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    free(row);
    fclose(f);
    return p;
}
#endif

/* Calls fn on up to `max` real photos (the first of each test folder);
 * returns how many were found (0: none here, the caller skips). */
static inline int for_each_photo(int max, void (*fn)(const float *img, int w, int h,
                                                     const char *path))
{
    int n = 0;
#ifdef HAVE_JPEG
    const char *sets[] = {"apple2orange", "summer2winter_yosemite", "celeba_blond2brown"};
    const char *subs[] = {"testA", "testB"};
    for (size_t s = 0; s < sizeof sets / sizeof *sets && n < max; s++)
        for (size_t t = 0; t < 2 && n < max; t++) {
            char dir[512], path[1024];
            snprintf(dir, sizeof dir, "/work/shared/data/%s/%s", sets[s], subs[t]);
            DIR *d = opendir(dir);
            if (!d)
                continue;
            struct dirent *e;
            while ((e = readdir(d))) {
                size_t len = strlen(e->d_name);
                if (len > 4 && strcmp(e->d_name + len - 4, ".jpg") == 0)
                    break;
            }
            if (e) {
                snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
                int w, h;
                float *img = load_jpeg(path, &w, &h);
                if (img) {
                    fn(img, w, h, path);
                    free(img);
                    n++;
                }
            }
            closedir(d);
        }
#else
    (void)max;
    (void)fn;
#endif
    return n;
}

#endif
