/* jpeg_check.h: a complete walk over a JPEG file's markers, so that only
 * files libjpeg can decode without calling exit() reach GEGL's jpg-load
 * (see image_sniff.h). It checks what libjpeg treats as fatal: marker
 * syntax, segment lengths, frame and scan headers, table ids, and that the
 * file ends with an end-of-image marker. Entropy-coded data is only
 * scanned for markers; damaged data inside it is decoded as noise. */
#ifndef EDCG_CLI_JPEG_CHECK_H
#define EDCG_CLI_JPEG_CHECK_H

#include <stddef.h>
#include <stdio.h>

/* 0 when the file at f's current position is a whole, supported JPEG;
 * otherwise -1 with a reason in `why`. */
int jpeg_check(FILE *f, char *why, size_t why_size);

#endif
