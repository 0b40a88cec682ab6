/* stderr_capture.h: libpng, under GEGL's PNG loader and saver, prints its
 * warnings and errors straight to file descriptor 2, where GLib's log
 * handlers (gegl_log.h) cannot catch them: lines that name no file and
 * repeat for every image. edcg points descriptor 2 at a temporary file for
 * the length of one load or save, then decides what each line is worth.
 * Image files are read and written on the main thread only, so nothing
 * else is silenced meanwhile; what is not recognised is printed afterwards. */
#ifndef EDCG_CLI_STDERR_CAPTURE_H
#define EDCG_CLI_STDERR_CAPTURE_H

#include <stdio.h>

typedef struct stderr_capture {
    int saved_fd; /* the real stderr, -1 when not capturing */
    FILE *file;
} stderr_capture;

/* Starts capturing; when that is impossible (no temporary file), stderr is
 * left as it is and stderr_capture_end has nothing to report. */
void stderr_capture_begin(stderr_capture *c);

/* Restores stderr, then calls `line` for each captured line (without its
 * newline; long lines are cut at 1 KiB). */
void stderr_capture_end(stderr_capture *c, void (*line)(const char *text, void *ctx), void *ctx);

#endif
