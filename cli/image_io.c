#include "image_io.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "exif_orientation.h"
#include "gegl_log.h"
#include "image_sniff.h"
#include "paths.h"
#include "png_fixup.h"

/* Larger images would need more than a few GB just to hold them. */
#define MAX_PIXELS ((long long)1 << 28)

static int initialised;

void image_io_init(void)
{
    if (initialised++)
        return;
    gegl_log_install();
    gegl_init(NULL, NULL);
}

void image_io_exit(void)
{
    if (initialised && --initialised == 0)
        gegl_exit();
}

static GeglBuffer *run_loader(const char *op, const char *path, char *why, size_t why_size)
{
    GeglNode *graph = gegl_node_new();
    GeglNode *load = gegl_node_new_child(graph, "operation", op, "path", path, NULL);
    GeglBuffer *buffer = NULL;
    GeglNode *sink = gegl_node_new_child(graph, "operation", "gegl:buffer-sink", "buffer",
                                         &buffer, NULL);
    gegl_node_link(load, sink);
    GeglRectangle r = gegl_node_get_bounding_box(load);
    if (r.width < 1 || r.height < 1)
        snprintf(why, why_size, "not a readable image");
    else if ((long long)r.width * r.height > MAX_PIXELS)
        snprintf(why, why_size, "image too large (%dx%d)", r.width, r.height);
    else
        gegl_node_process(sink);
    g_object_unref(graph);
    return buffer;
}

/* The loaded pixels turned as the EXIF orientation says (exif_orientation.h);
 * takes `in`. */
static GeglBuffer *upright(GeglBuffer *in, int orientation, char *why, size_t why_size)
{
    const GeglRectangle *r = gegl_buffer_get_extent(in);
    const Babl *format = gegl_buffer_get_format(in);
    const size_t bpp = (size_t)babl_format_get_bytes_per_pixel(format);
    const int w = r->width, h = r->height, swap = exif_orientation_swaps(orientation);
    const GeglRectangle turned = {0, 0, swap ? h : w, swap ? w : h};
    unsigned char *src = malloc((size_t)w * h * bpp), *dst = malloc((size_t)w * h * bpp);
    GeglBuffer *out = NULL;
    if (src && dst) {
        gegl_buffer_get(in, r, 1.0, format, src, GEGL_AUTO_ROWSTRIDE, GEGL_ABYSS_NONE);
        for (int y = 0; y < turned.height; y++)
            for (int x = 0; x < turned.width; x++) {
                int sx, sy;
                exif_orientation_source(orientation, w, h, x, y, &sx, &sy);
                memcpy(dst + ((size_t)y * turned.width + x) * bpp,
                       src + ((size_t)sy * w + sx) * bpp, bpp);
            }
        out = gegl_buffer_new(&turned, format);
        gegl_buffer_set(out, &turned, 0, format, dst, GEGL_AUTO_ROWSTRIDE);
    } else {
        snprintf(why, why_size, "not enough memory to turn %dx%d pixels upright", w, h);
    }
    free(src);
    free(dst);
    g_object_unref(in);
    return out;
}

/* A PNG with gAMA 0.45455 and sRGB's cHRM but no sRGB chunk (ImageMagick
 * writes them so) loads into a babl space of its own: sRGB's primaries with a
 * pure 2.2 gamma. That is how the PNG specification spells sRGB for readers
 * without sRGB-chunk support, and GEGL's png-save handles such a space badly
 * (a gAMA of 2.2 instead of 0.45455, an uninitialised bKGD colour, which
 * libpng warns about): these spaces are read and saved as sRGB. */
static const Babl *space_or_srgb(const Babl *space)
{
    const Babl *srgb = babl_space("sRGB");
    if (!space || space == srgb || babl_space_is_cmyk(space) || babl_space_is_gray(space))
        return space ? space : srgb;
    double c[2][8];
    const Babl *trc[2][3];
    const Babl *both[2] = {space, srgb};
    for (int k = 0; k < 2; k++)
        babl_space_get(both[k], &c[k][0], &c[k][1], &c[k][2], &c[k][3], &c[k][4], &c[k][5],
                       &c[k][6], &c[k][7], &trc[k][0], &trc[k][1], &trc[k][2]);
    for (int i = 0; i < 8; i++)
        if (fabs(c[0][i] - c[1][i]) > 5e-4)
            return space;
    for (int i = 0; i < 3; i++) {
        double gamma = 0.0;
        if (trc[0][i] != trc[1][i] && (sscanf(babl_get_name(trc[0][i]), "%lf", &gamma) != 1 ||
                                       fabs(gamma - 2.2) > 0.01))
            return space;
    }
    return srgb;
}

/* A buffer in such a space relabelled sRGB, the numbers kept (not
 * converted): the file's writer meant them as sRGB, and GIMP shows them so.
 * Converting would move dark tones by up to 5 levels between the two curves,
 * so even --strength 0 would change the image. Takes `in`. */
static GeglBuffer *srgb_if_spelt_so(GeglBuffer *in)
{
    const Babl *format = gegl_buffer_get_format(in);
    const Babl *space = babl_format_get_space(format), *srgb = babl_space("sRGB");
    if (space == srgb || space_or_srgb(space) != srgb)
        return in;
    const Babl *relabelled = babl_format_with_space(babl_format_get_encoding(format), srgb);
    const GeglRectangle *r = gegl_buffer_get_extent(in);
    enum { BAND = 64 }; /* rows at a time: no second copy of a large image */
    void *data = malloc((size_t)r->width * BAND * babl_format_get_bytes_per_pixel(format));
    if (!data)
        return in; /* converted on the way instead: close, and better than failing */
    GeglBuffer *out = gegl_buffer_new(r, relabelled);
    for (int y = 0; y < r->height; y += BAND) {
        const GeglRectangle band = {r->x, r->y + y, r->width,
                                    r->height - y < BAND ? r->height - y : BAND};
        gegl_buffer_get(in, &band, 1.0, format, data, GEGL_AUTO_ROWSTRIDE, GEGL_ABYSS_NONE);
        gegl_buffer_set(out, &band, 0, relabelled, data, GEGL_AUTO_ROWSTRIDE);
    }
    free(data);
    g_object_unref(in);
    return out;
}

/* The EXIF orientation of the file `op` loads; 1 for other types. */
static int file_orientation(const char *op, const char *path)
{
    static const struct {
        const char *op;
        int (*read)(FILE *);
    } readers[] = {
        {"gegl:jpg-load", exif_orientation_jpeg},
        {"gegl:png-load", exif_orientation_png},
        {"gegl:tiff-load", exif_orientation_tiff_file},
        {"gegl:webp-load", exif_orientation_webp},
    };
    for (size_t i = 0; i < sizeof readers / sizeof *readers; i++)
        if (strcmp(op, readers[i].op) == 0) {
            FILE *f = fopen(path, "rb");
            const int orientation = f ? readers[i].read(f) : 1;
            if (f)
                fclose(f);
            return orientation;
        }
    return 1;
}

GeglBuffer *image_load(const char *path, char *why, size_t why_size)
{
    const char *op = image_sniff(path, why, why_size);
    if (!op)
        return NULL;
    if (!gegl_has_operation(op)) {
        snprintf(why, why_size, "this GEGL has no %s", op);
        return NULL;
    }
    gegl_log_capture_begin(path);
    why[0] = '\0';
    GeglBuffer *buffer = run_loader(op, path, why, why_size);
    char complaint[200];
    int failed = gegl_log_capture_end(complaint, sizeof complaint);
    if (buffer && !failed && !why[0]) {
        const char *profile = gegl_log_capture_profile_problem();
        if (profile)
            diag_warning("%s: its colour profile is broken (%s); read as sRGB", path, profile);
        buffer = srgb_if_spelt_so(buffer);
        const int orientation = file_orientation(op, path);
        return orientation == 1 ? buffer : upright(buffer, orientation, why, why_size);
    }
    if (!why[0])
        snprintf(why, why_size, "corrupt image (%s)", failed ? complaint : "no pixels");
    if (buffer)
        g_object_unref(buffer);
    return NULL;
}

float *image_load_rgb(const char *path, int *width, int *height, char *why, size_t why_size)
{
    GeglBuffer *buffer = image_load(path, why, why_size);
    if (!buffer)
        return NULL;
    const GeglRectangle *r = gegl_buffer_get_extent(buffer);
    float *rgb = malloc(sizeof(float) * 3 * (size_t)r->width * (size_t)r->height);
    if (rgb) {
        gegl_buffer_get(buffer, r, 1.0, babl_format("R'G'B' float"), rgb, GEGL_AUTO_ROWSTRIDE,
                        GEGL_ABYSS_NONE);
        *width = r->width;
        *height = r->height;
    } else {
        snprintf(why, why_size, "not enough memory for %dx%d pixels", r->width, r->height);
    }
    g_object_unref(buffer);
    return rgb;
}

typedef struct saver {
    const char *extension, *op;
} saver;

static const saver savers[] = {
    {".png", "gegl:png-save"},   {".jpg", "gegl:jpg-save"},  {".jpeg", "gegl:jpg-save"},
    {".tif", "gegl:tiff-save"},  {".tiff", "gegl:tiff-save"}, {".webp", "gegl:webp-save"},
    {".exr", "gegl:exr-save"},   {".ppm", "gegl:ppm-save"},  {".pnm", "gegl:ppm-save"},
    {".hdr", "gegl:rgbe-save"},
};

static const char *saver_for(const char *path)
{
    const char *ext = path_extension(path);
    for (size_t i = 0; i < sizeof savers / sizeof *savers; i++)
        if (strcasecmp(ext, savers[i].extension) == 0)
            return gegl_has_operation(savers[i].op) ? savers[i].op : NULL;
    return NULL;
}

static void unknown_type(const char *path, char *why, size_t why_size)
{
    snprintf(why, why_size, "cannot write '%s' files (use .png, .jpg, .tif, .webp or .exr)",
             path_extension(path));
}

int image_check_output(const char *path, char *why, size_t why_size)
{
    if (!saver_for(path)) {
        unknown_type(path, why, why_size);
        return -1;
    }
    char *dir = path_dirname(path);
    int rc = dir ? path_dir_writable(dir) : -1;
    if (rc)
        snprintf(why, why_size, "cannot create a file there: %s", strerror(dir ? errno : ENOMEM));
    free(dir);
    return rc;
}

static int is_8bit(const Babl *format)
{
    return strcmp(babl_get_name(babl_format_get_type(format, 0)), "u8") == 0;
}

/* Runs the saver into `tmp`, which exists and is empty, on its way to `path`. */
static int run_saver(const char *op, const char *path, const char *tmp, GeglBuffer *pixels,
                     char *why, size_t why_size)
{
    GeglNode *graph = gegl_node_new();
    GeglNode *src = gegl_node_new_child(graph, "operation", "gegl:buffer-source", "buffer",
                                        pixels, NULL);
    GeglNode *save = gegl_node_new_child(graph, "operation", op, "path", tmp, NULL);
    if (gegl_operation_find_property(op, "bitdepth"))
        gegl_node_set(save, "bitdepth", is_8bit(gegl_buffer_get_format(pixels)) ? 8 : 16, NULL);
    gegl_node_link(src, save);
    gegl_log_capture_begin(path);
    gegl_node_process(save);
    g_object_unref(graph);
    char complaint[200];
    int failed = gegl_log_capture_end(complaint, sizeof complaint);
    struct stat st;
    if (failed || stat(tmp, &st) != 0 || st.st_size == 0) {
        snprintf(why, why_size, "could not write the image%s%s%s", failed ? " (" : "",
                 failed ? complaint : "", failed ? ")" : "");
        return -1;
    }
    return 0;
}

/* The gAMA png_fixup.h writes for a space's tone curve. */
static unsigned png_gama(const Babl *space)
{
    double c[8];
    const Babl *trc[3];
    babl_space_get(space, &c[0], &c[1], &c[2], &c[3], &c[4], &c[5], &c[6], &c[7], &trc[0],
                   &trc[1], &trc[2]);
    return trc[1] == trc[0] && trc[2] == trc[0] ? png_gama_for_trc(babl_get_name(trc[0])) : 0;
}

/* `buffer` converted to `format`, saved into `tmp` (which exists and is
 * empty) on its way to `path`. */
static int save_as(const char *op, const char *path, const char *tmp, GeglBuffer *buffer,
                   const Babl *format, char *why, size_t why_size)
{
    GeglBuffer *pixels = gegl_buffer_new(gegl_buffer_get_extent(buffer), format);
    gegl_buffer_copy(buffer, NULL, GEGL_ABYSS_NONE, pixels, NULL);
    int rc = run_saver(op, path, tmp, pixels, why, why_size);
    g_object_unref(pixels);
    const Babl *space = babl_format_get_space(format);
    if (rc == 0 && strcmp(op, "gegl:png-save") == 0 && space != babl_space("sRGB") &&
        !babl_space_is_gray(space) && !babl_space_is_cmyk(space))
        rc = png_fixup(tmp, png_gama(space), why, why_size);
    return rc;
}

int image_save(const char *path, GeglBuffer *buffer, const Babl *file_format, char *why,
               size_t why_size)
{
    const char *op = saver_for(path);
    if (!op) {
        unknown_type(path, why, why_size);
        return -1;
    }
    char *tmp = path_temp_beside(path);
    int fd = tmp ? open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0666) : -1;
    if (fd < 0) {
        snprintf(why, why_size, "cannot create a file there: %s", tmp ? strerror(errno) : "");
        free(tmp);
        return -1;
    }
    close(fd);
    int rc = save_as(op, path, tmp, buffer, file_format, why, why_size);
    /* libpng refuses some profiles GEGL writes for other spaces (ProPhoto's
     * D50 white, say): sRGB, with a warning, beats no output at all. */
    const Babl *srgb =
        babl_format_with_space(babl_format_get_encoding(file_format), babl_space("sRGB"));
    if (rc && strcmp(op, "gegl:png-save") == 0 && srgb != file_format) {
        char first[512];
        snprintf(first, sizeof first, "%s", why);
        rc = truncate(tmp, 0) == 0 ? save_as(op, path, tmp, buffer, srgb, why, why_size) : -1;
        if (rc == 0)
            diag_warning("%s: %s in its colour space; saved in sRGB instead", path, first);
    }
    if (rc == 0 && rename(tmp, path) != 0) {
        snprintf(why, why_size, "cannot rename the finished file into place: %s",
                 strerror(errno));
        rc = -1;
    }
    if (rc)
        unlink(tmp);
    free(tmp);
    return rc;
}

int image_save_rgb(const char *path, const float *rgb, int width, int height, char *why,
                   size_t why_size)
{
    GeglRectangle r = {0, 0, width, height};
    GeglBuffer *buffer = gegl_buffer_new(&r, babl_format("R'G'B' float"));
    gegl_buffer_set(buffer, &r, 0, babl_format("R'G'B' float"), rgb, GEGL_AUTO_ROWSTRIDE);
    int rc = image_save(path, buffer, babl_format("R'G'B' u8"), why, why_size);
    g_object_unref(buffer);
    return rc;
}

const Babl *image_output_format(const Babl *input)
{
    static const char *const types[] = {"u8", "u16", "u32", "half", "float", "double"};
    const char *model = babl_get_name(babl_format_get_model(input));
    const char *type = babl_get_name(babl_format_get_type(input, 0)), *chosen = "float";
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        if (strcmp(type, types[i]) == 0)
            chosen = types[i];
    /* Linear models (RGB, RGBA, Y, YA: EXR and friends) stay linear. */
    int linear = (model[0] == 'R' || model[0] == 'Y') && !strchr(model, '\'') &&
                 !strchr(model, '~');
    char name[32];
    snprintf(name, sizeof name, "%s%s %s", linear ? "RGB" : "R'G'B'",
             babl_format_has_alpha(input) ? "A" : "", chosen);
    return babl_format_with_space(name, space_or_srgb(babl_format_get_space(input)));
}
