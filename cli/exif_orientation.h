/* exif_orientation.h: the EXIF orientation tag of JPEG, PNG, TIFF and WebP
 * files. Cameras and phones store a portrait photo's pixels sideways and say
 * in this tag how to turn them; viewers and GIMP turn them, GEGL's loaders do
 * not. edcg turns them on load, so an output shows the way its input did
 * (outputs carry no EXIF, so they are written upright). */
#ifndef EDCG_CLI_EXIF_ORIENTATION_H
#define EDCG_CLI_EXIF_ORIENTATION_H

#include <stddef.h>
#include <stdio.h>

/* The orientation (1-8) in a TIFF-structured EXIF block (what follows
 * "Exif\0\0" in a JPEG's APP1 segment); 1 (as stored) when it has none or
 * the block is malformed. */
int exif_orientation_tiff(const unsigned char *tiff, size_t n);

/* The orientation of the JPEG file at f's current position, from the EXIF
 * segments before its first scan; 1 when none. Reads f. */
int exif_orientation_jpeg(FILE *f);

/* The same for a PNG (its eXIf chunk), a WebP (its EXIF chunk) and a TIFF
 * (IFD0's Orientation tag: the file is itself the TIFF structure). */
int exif_orientation_png(FILE *f);
int exif_orientation_webp(FILE *f);
int exif_orientation_tiff_file(FILE *f);

/* Whether an orientation swaps width and height (5-8: a quarter turn). */
int exif_orientation_swaps(int orientation);

/* For an upright pixel (x, y) of an image stored as w x h pixels with the
 * given orientation: the stored pixel it comes from. */
void exif_orientation_source(int orientation, int w, int h, int x, int y, int *sx, int *sy);

#endif
