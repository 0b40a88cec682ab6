/* make_test_images: writes the GIMP tests' input images into a folder:
 * rgb.png (96x72 RGB), rgba.png (the same with alpha from 10 to 255, never
 * 0, so exporters cannot drop the colour of invisible pixels) and
 * gray.png (a grey image the filter must refuse cleanly). Smooth colour
 * gradients plus a pattern, so the network sees edges and flat areas. */
#include <math.h>
#include <stdio.h>

#include "png_io.h"

enum { WIDTH = 96, HEIGHT = 72 };

static void pixel(int x, int y, unsigned char rgba[4])
{
    const double u = (double)x / (WIDTH - 1), v = (double)y / (HEIGHT - 1);
    const int stripe = ((x / 12) + (y / 9)) % 2;
    rgba[0] = (unsigned char)lround(255 * (0.15 + 0.7 * u));
    rgba[1] = (unsigned char)lround(255 * (0.2 + 0.6 * v * (stripe ? 1.0 : 0.5)));
    rgba[2] = (unsigned char)lround(255 * (0.5 + 0.4 * sin(6.0 * u + 4.0 * v)));
    rgba[3] = (unsigned char)(10 + (x * 7 + y * 3) % 246);
}

static int write_image(const char *dir, const char *name, const char *format, int channels)
{
    static unsigned char data[WIDTH * HEIGHT * 4];
    const GeglRectangle rect = {0, 0, WIDTH, HEIGHT};
    for (int y = 0; y < HEIGHT; y++)
        for (int x = 0; x < WIDTH; x++) {
            unsigned char rgba[4];
            pixel(x, y, rgba);
            unsigned char *p = data + ((size_t)y * WIDTH + x) * channels;
            if (channels == 1)
                p[0] = (unsigned char)((rgba[0] * 3 + rgba[1] * 6 + rgba[2]) / 10);
            else
                for (int c = 0; c < channels; c++)
                    p[c] = rgba[c];
        }
    GeglBuffer *buffer = gegl_buffer_new(&rect, babl_format(format));
    gegl_buffer_set(buffer, &rect, 0, babl_format(format), data, GEGL_AUTO_ROWSTRIDE);
    char *path = g_build_filename(dir, name, NULL);
    int rc = png_save(buffer, path);
    if (rc)
        fprintf(stderr, "make_test_images: cannot write %s\n", path);
    g_free(path);
    g_object_unref(buffer);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    gegl_init(NULL, NULL);
    int rc = write_image(argv[1], "rgb.png", "R'G'B' u8", 3) ||
             write_image(argv[1], "rgba.png", "R'G'B'A u8", 4) ||
             write_image(argv[1], "gray.png", "Y' u8", 1);
    gegl_exit();
    return rc;
}
