/* bitmap_font.h: glyphs of a 5x7 pixel font for chart labels. */
#ifndef EDCG_CLI_BITMAP_FONT_H
#define EDCG_CLI_BITMAP_FONT_H

#define BITMAP_FONT_W 5
#define BITMAP_FONT_H 7

/* The 7 rows of c (lower case drawn as capitals), or NULL for a blank. */
const unsigned char *bitmap_font_glyph(char c);

#endif
