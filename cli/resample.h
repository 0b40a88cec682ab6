/* resample.h: resizing interleaved RGB floats. Shrinking averages the
 * covered source area (no aliasing on big photos), enlarging interpolates
 * bilinearly between pixel centres. */
#ifndef EDCG_CLI_RESAMPLE_H
#define EDCG_CLI_RESAMPLE_H

/* src sw x sh -> dst dw x dh, 3 floats per pixel. 0, or -1 out of memory. */
int resample_rgb(const float *src, int sw, int sh, float *dst, int dw, int dh);

#endif
