/* compare_png: pixel checks for the GIMP tests.
 *
 *   compare_png equal A B TOLERANCE [X Y W H]
 *       exit 0 when every colour channel differs by at most TOLERANCE
 *       (8-bit levels) and alpha is identical, within the rectangle
 *       (default: everything; sizes must match)
 *   compare_png meandiff A B [X Y W H]
 *       prints the mean absolute colour difference in 8-bit levels
 *
 * Both images are read as 8-bit R'G'B'A (grey and 16-bit files convert). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "png_io.h"

typedef struct image {
    unsigned char *rgba;
    int width, height;
} image;

static int load(const char *path, image *im)
{
    GeglBuffer *buffer = png_load(path);
    if (!buffer)
        return 1;
    const GeglRectangle *e = gegl_buffer_get_extent(buffer);
    im->width = e->width;
    im->height = e->height;
    im->rgba = malloc((size_t)e->width * e->height * 4);
    gegl_buffer_get(buffer, e, 1.0, babl_format("R'G'B'A u8"), im->rgba, GEGL_AUTO_ROWSTRIDE,
                    GEGL_ABYSS_NONE);
    g_object_unref(buffer);
    return 0;
}

int main(int argc, char **argv)
{
    const int equal = argc >= 5 && strcmp(argv[1], "equal") == 0;
    const int mean = argc >= 4 && strcmp(argv[1], "meandiff") == 0;
    const int first_rect = equal ? 5 : 4;
    if ((!equal && !mean) || (argc != first_rect && argc != first_rect + 4)) {
        fprintf(stderr, "usage: %s equal A B TOLERANCE [X Y W H] | meandiff A B [X Y W H]\n",
                argv[0]);
        return 2;
    }
    gegl_init(NULL, NULL);
    image a, b;
    if (load(argv[2], &a) || load(argv[3], &b))
        return 2;
    if (a.width != b.width || a.height != b.height) {
        printf("size differs: %dx%d vs %dx%d\n", a.width, a.height, b.width, b.height);
        return 1;
    }
    int x0 = 0, y0 = 0, w = a.width, h = a.height;
    if (argc == first_rect + 4) {
        x0 = atoi(argv[first_rect]);
        y0 = atoi(argv[first_rect + 1]);
        w = atoi(argv[first_rect + 2]);
        h = atoi(argv[first_rect + 3]);
    }
    int max_colour = 0, max_alpha = 0;
    double sum = 0;
    long count = 0;
    for (int y = y0; y < y0 + h && y < a.height; y++)
        for (int x = x0; x < x0 + w && x < a.width; x++) {
            const unsigned char *p = a.rgba + ((size_t)y * a.width + x) * 4;
            const unsigned char *q = b.rgba + ((size_t)y * b.width + x) * 4;
            for (int c = 0; c < 3; c++) {
                int d = abs(p[c] - q[c]);
                max_colour = d > max_colour ? d : max_colour;
                sum += d;
            }
            int d = abs(p[3] - q[3]);
            max_alpha = d > max_alpha ? d : max_alpha;
            count++;
        }
    free(a.rgba);
    free(b.rgba);
    gegl_exit();
    if (mean) {
        printf("%.3f\n", count ? sum / (3.0 * count) : 0.0);
        return 0;
    }
    const int tolerance = atoi(argv[4]);
    printf("max colour difference %d, max alpha difference %d, mean %.3f\n", max_colour,
           max_alpha, count ? sum / (3.0 * count) : 0.0);
    return max_colour <= tolerance && max_alpha == 0 ? 0 : 1;
}
