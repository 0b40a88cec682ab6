#include "gegl_log.h"

#include <stdio.h>
#include <string.h>
#include <glib.h>

static struct {
    int capturing, failed;
    char first[200];
    char profile[200]; /* a broken colour profile: GEGL reads the pixels as sRGB */
} capture;

static void one_line(char *dst, size_t size, const char *message)
{
    snprintf(dst, size, "%s", message);
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
    static const char icc_prefix[] = "error creating space from icc: ";
    if (strncmp(message, icc_prefix, sizeof icc_prefix - 1) == 0) {
        if (!capture.profile[0])
            one_line(capture.profile, sizeof capture.profile, message + sizeof icc_prefix - 1);
    } else if (!capture.failed && reports_failure(message)) {
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

void gegl_log_capture_begin(void)
{
    capture.capturing = 1;
    capture.failed = 0;
    capture.first[0] = '\0';
    capture.profile[0] = '\0';
}

int gegl_log_capture_end(char *first, size_t size)
{
    capture.capturing = 0;
    if (capture.failed && size)
        snprintf(first, size, "%s", capture.first);
    return capture.failed;
}

const char *gegl_log_capture_profile_problem(void)
{
    return capture.profile[0] ? capture.profile : NULL;
}
