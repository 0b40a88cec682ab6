#include "gegl_log.h"

#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "diag.h"
#include "stderr_capture.h"

static struct {
    int capturing, failed;
    char first[200];
    char profile[200]; /* a broken colour profile: GEGL reads the pixels as sRGB */
    char file[512];    /* the file being read or written, for libpng's warnings */
    unsigned serial;   /* which capture this is, so a warning is said once a file */
    stderr_capture err;
} capture;

static void one_line(char *dst, size_t size, const char *message)
{
    /* GEGL's png handlers shout "LIBPNG ERROR: "; libpng's own say "libpng error: ". */
    static const char *const shouts[] = {"LIBPNG ERROR: ", "libpng error: "};
    const char *prefix = "";
    for (size_t i = 0; i < sizeof shouts / sizeof *shouts; i++)
        if (strncmp(message, shouts[i], strlen(shouts[i])) == 0) {
            prefix = "libpng: ";
            message += strlen(shouts[i]);
            break;
        }
    snprintf(dst, size, "%s%s", prefix, message);
    /* Loaders' messages sometimes end in a newline. */
    dst[strcspn(dst, "\r\n")] = '\0';
}

/* Loaders also warn about harmless things (an unknown TIFF tag); only
 * messages that say something failed count as a failed load or save. */
static int reports_failure(const char *message)
{
    static const char *const words[] = {"fail", "error", "can't", "cannot", "corrupt",
                                        "unable", "invalid", "wrong", "not a"};
    gchar *lower = g_ascii_strdown(message, -1);
    int found = 0;
    for (size_t i = 0; i < sizeof words / sizeof *words && !found; i++)
        found = strstr(lower, words[i]) != NULL;
    g_free(lower);
    return found;
}

static void record(const char *message)
{
    if (!capture.capturing) {
        fprintf(stderr, "edcg: GEGL: %s\n", message);
        return;
    }
    /* What the JPEG and TIFF loaders, then the PNG loader, say when babl
     * cannot use a profile; each goes on to read the pixels as sRGB. */
    static const char *const icc_prefixes[] = {"error creating space from icc: ",
                                               "unable to create babl space from icc: "};
    for (size_t i = 0; i < sizeof icc_prefixes / sizeof *icc_prefixes; i++) {
        const size_t n = strlen(icc_prefixes[i]);
        if (strncmp(message, icc_prefixes[i], n) == 0) {
            if (!capture.profile[0])
                one_line(capture.profile, sizeof capture.profile, message + n);
            return;
        }
    }
    if (!capture.failed && reports_failure(message)) {
        capture.failed = 1;
        one_line(capture.first, sizeof capture.first, message);
    }
}

static void log_handler(const gchar *domain, GLogLevelFlags level, const gchar *message,
                        gpointer data)
{
    if (level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO))
        return;
    record(message);
}

static void printerr_handler(const gchar *message)
{
    record(message);
}

void gegl_log_install(void)
{
    g_log_set_default_handler(log_handler, NULL);
    g_set_printerr_handler(printerr_handler);
}

void gegl_log_capture_begin(const char *file)
{
    capture.capturing = 1;
    capture.failed = 0;
    capture.first[0] = '\0';
    capture.profile[0] = '\0';
    capture.serial++;
    snprintf(capture.file, sizeof capture.file, "%s", file);
    stderr_capture_begin(&capture.err);
}

/* A warning's shape: its words without what it quotes, so that a broken
 * colour profile's "'desc': ICC profile tag start not a multiple of 4",
 * "'wtpt': ..." and so on, one for each of its tags, are one warning. */
static void warning_shape(char *dst, size_t size, const char *what)
{
    size_t n = 0;
    int quoted = 0;
    for (; *what && *what != '\n' && n + 1 < size; what++) {
        if (*what == '\'')
            quoted = !quoted;
        else if (quoted)
            continue;
        dst[n++] = *what;
    }
    dst[n] = '\0';
}

/* GEGL's loader reads a file's chunks more than once, and libpng warns on
 * each pass: each shape of warning is said once a file. And a folder of
 * images often repeats one harmless warning in every file ("iCCP: known
 * incorrect sRGB profile"): the first two files are named, the rest are
 * not, so a training run's output stays readable. */
static void libpng_warning(const char *what)
{
    enum { KINDS = 32 };
    static char seen[KINDS][160];
    static unsigned said_in[KINDS]; /* the capture that last said it */
    static int times[KINDS], kinds;
    char shape[sizeof seen[0]];
    warning_shape(shape, sizeof shape, what);
    int k = 0;
    while (k < kinds && strcmp(seen[k], shape) != 0)
        k++;
    if (k == kinds && kinds < KINDS)
        memcpy(seen[kinds++], shape, sizeof shape);
    if (k < KINDS) {
        if (said_in[k] == capture.serial)
            return;
        said_in[k] = capture.serial;
    }
    const int n = k < KINDS ? ++times[k] : 1;
    if (n == 1)
        diag_warning("%s: libpng: %s", capture.file, what);
    else if (n == 2)
        diag_warning("%s: libpng: %s (not repeated for further files)", capture.file, what);
}

/* What libpng printed itself (stderr_capture.h). */
static void libpng_line(const char *text, void *ctx)
{
    static const char error[] = "libpng error: ", warning[] = "libpng warning: ";
    (void)ctx;
    if (strncmp(text, error, sizeof error - 1) == 0) {
        /* GEGL's own handler has usually reported it already, in the same words. */
        record(text);
    } else if (strstr(text, "Ignoring attempt to write 16-bit bKGD chunk")) {
        /* GEGL's png-save passes an uninitialised bKGD colour for spaces other
         * than sRGB; png_fixup.h removes the chunk. Nothing the user can act on. */
    } else if (strncmp(text, warning, sizeof warning - 1) == 0) {
        libpng_warning(text + sizeof warning - 1);
    } else {
        fprintf(stderr, "%s\n", text);
    }
}

int gegl_log_capture_end(char *first, size_t size)
{
    stderr_capture_end(&capture.err, libpng_line, NULL);
    capture.capturing = 0;
    if (capture.failed && size)
        snprintf(first, size, "%s", capture.first);
    return capture.failed;
}

const char *gegl_log_capture_profile_problem(void)
{
    return capture.profile[0] ? capture.profile : NULL;
}
