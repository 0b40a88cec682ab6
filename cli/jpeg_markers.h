/* jpeg_markers.h: walking a JPEG file's marker segments, the way libjpeg
 * reads them. Shared by the validity check (jpeg_check.h) and the EXIF
 * orientation reader (exif_orientation.h). */
#ifndef EDCG_CLI_JPEG_MARKERS_H
#define EDCG_CLI_JPEG_MARKERS_H

#include <stddef.h>
#include <stdio.h>

/* A segment's payload is at most this long (its 16-bit length counts itself). */
#define JPEG_MAX_SEGMENT 65533

/* The next marker code, skipping fill bytes and (as libjpeg does, with a
 * warning) stray bytes; -1 at the end of the file. */
int jpeg_next_marker(FILE *f);

/* Whether a marker stands alone (restarts, TEM): no length, no payload. */
int jpeg_marker_standalone(int marker);

/* The payload of the segment whose marker was just read, into `seg`
 * (JPEG_MAX_SEGMENT bytes); 0, or -1 when the file ends first. */
int jpeg_read_segment(FILE *f, unsigned char *seg, size_t *len);

#endif
