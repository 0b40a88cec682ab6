/* png_fixup.h: repairs what GEGL's png-save writes for a colour space other
 * than sRGB (Adobe RGB, say). It keeps the ICC profile, but writes a gAMA of
 * 2.2 where the PNG specification wants the file's encoding exponent
 * (1/2.2 = 0.45455), so readers without colour management that honour gAMA
 * show the image far too dark; and it passes libpng an uninitialised bKGD
 * colour, which is either refused with a warning or written as a random
 * background colour. The fix-up rewrites the finished file's gAMA from the
 * space's tone curve (or removes it when the curve is no power law: the ICC
 * profile then says it all) and removes bKGD. */
#ifndef EDCG_CLI_PNG_FIXUP_H
#define EDCG_CLI_PNG_FIXUP_H

#include <stddef.h>

/* The gAMA value (100000 / exponent) for a tone curve named as babl names
 * them: "sRGB" 45455 (the specification's value for sRGB), "linear" 100000,
 * a number g 100000 / g; 0 for any other curve. */
unsigned png_gama_for_trc(const char *trc_name);

/* Rewrites the PNG file at `path` in place: gAMA set to `gama` (removed when
 * 0), bKGD removed, every other chunk kept as it is. 0 on success; -1 with a
 * reason in `why` when the file is not a well-formed PNG or cannot be
 * rewritten. Only for files edcg has just written and not yet renamed into
 * place. */
int png_fixup(const char *path, unsigned gama, char *why, size_t why_size);

#endif
