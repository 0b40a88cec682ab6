#include "train_data.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "image_folder.h"
#include "image_io.h"
#include "progress.h"
#include "resample.h"

int train_load_side(int crop_size)
{
    return crop_size * 286 / 256;
}

static unsigned char to_u8(float v)
{
    v = v < 0.0f ? 0.0f : (v > 1.0f ? 1.0f : v);
    return (unsigned char)(v * 255.0f + 0.5f);
}

/* Decodes and resizes one file into `dst` (side x side x 3 bytes). */
static int load_one(const char *path, int side, unsigned char *dst, float *scratch)
{
    int w, h;
    float *rgb = image_folder_load_rgb(path, &w, &h);
    if (!rgb)
        return -1;
    int rc = resample_rgb(rgb, w, h, scratch, side, side);
    if (rc == 0)
        for (size_t k = 0; k < (size_t)side * side * 3; k++)
            dst[k] = to_u8(scratch[k]);
    else
        diag_warning("%s: out of memory, skipped", path);
    free(rgb);
    return rc;
}

static int load_files(train_set *set, char **files, long n, const char *label)
{
    const size_t bytes = (size_t)set->side * set->side * 3;
    float *scratch = malloc(sizeof(float) * bytes);
    set->pixels = malloc(bytes * (size_t)(n > 0 ? n : 1));
    if (!scratch || !set->pixels) {
        free(scratch);
        diag_error("not enough memory to hold %ld images of %dx%d", n, set->side, set->side);
        return -1;
    }
    progress_line line;
    progress_init(&line, stdout);
    for (long i = 0; i < n; i++) {
        progress_show(&line, "loading %s: %ld/%ld", label, i + 1, n);
        if (load_one(files[i], set->side, set->pixels + bytes * (size_t)set->count, scratch) == 0)
            set->count++;
    }
    progress_clear(&line);
    free(scratch);
    return 0;
}

int train_set_load(train_set *set, const char *dir, int side, const char *label)
{
    memset(set, 0, sizeof *set);
    set->side = side;
    char **files = NULL;
    long n = image_folder_list(dir, &files);
    if (n < 0) {
        diag_error("%s: cannot read the folder (%s)", dir, "missing, not a folder, or no access");
        return -1;
    }
    int rc = load_files(set, files, n, label);
    image_folder_free(files, n);
    if (rc == 0 && set->count == 0) {
        diag_error("%s: no usable image (%ld file%s, none readable as an image)", dir, n,
                   n == 1 ? "" : "s");
        rc = -1;
    }
    if (rc)
        train_set_free(set);
    return rc;
}

void train_set_free(train_set *set)
{
    free(set->pixels);
    set->pixels = NULL;
    set->count = 0;
}

void train_set_sample(const train_set *set, int i, int size, data_rng *rng, float *planar)
{
    const int x0 = data_rng_below(rng, set->side - size + 1);
    const int y0 = data_rng_below(rng, set->side - size + 1);
    const int flip = data_rng_below(rng, 2);
    const unsigned char *img = set->pixels + (size_t)i * set->side * set->side * 3;
    const size_t plane = (size_t)size * size;
    for (int y = 0; y < size; y++)
        for (int x = 0; x < size; x++) {
            int sx = x0 + (flip ? size - 1 - x : x);
            const unsigned char *p = img + ((size_t)(y0 + y) * set->side + sx) * 3;
            for (int c = 0; c < 3; c++)
                planar[c * plane + (size_t)y * size + x] = p[c] / 127.5f - 1.0f;
        }
}

void train_set_center_crop(const train_set *set, int i, int size, float *rgb)
{
    const int off = (set->side - size) / 2;
    const unsigned char *img = set->pixels + (size_t)i * set->side * set->side * 3;
    for (int y = 0; y < size; y++)
        for (int x = 0; x < size * 3; x++)
            rgb[(size_t)y * size * 3 + x] = img[((size_t)(off + y) * set->side) * 3 + off * 3 + x] /
                                             255.0f;
}
