/* gegl_log.h: GEGL and its loaders report failures only as GLib log
 * messages (and g_printerr). edcg turns them into one-line reasons for the
 * file at fault instead of letting them scroll past. */
#ifndef EDCG_CLI_GEGL_LOG_H
#define EDCG_CLI_GEGL_LOG_H

#include <stddef.h>

/* Installs the handlers; call before gegl_init. */
void gegl_log_install(void);
/* From here on, messages are collected instead of printed, and so is what
 * libpng prints to stderr itself (stderr_capture.h): its warnings come back
 * as one "FILE: libpng: ..." warning each, its errors count as failures. */
void gegl_log_capture_begin(const char *file);
/* Stops collecting; returns 1 when a collected message reports a failure
 * and copies the first such message to `first`. */
int gegl_log_capture_end(char *first, size_t size);
/* What was wrong with a colour profile during the last capture, or NULL. A
 * broken embedded profile is not a failure: GEGL reads the pixels as sRGB,
 * as browsers and GIMP do. */
const char *gegl_log_capture_profile_problem(void);

#endif
