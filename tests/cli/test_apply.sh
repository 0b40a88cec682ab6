#!/bin/sh
# edcg apply: output names, formats kept (alpha, 16 bits, JPEG, sRGB), EXIF
# orientation, inputs never overwritten without --in-place, memory refusal,
# help and version.
. "$(dirname "$0")/lib.sh"

make_images "$T/in" a 2 48
make_images "$T/in" rgba 1 48
make_images "$T/in" deep 1 48
"$MAKE_MODEL" "$T/m.safetensors" 8 1 || exit 1
M="$T/m.safetensors"

# Default names beside the input, domain names as directions.
run names "$EDCG" apply -m "$M" --direction orange "$T/in/a-0.png" "$T/in/rgba-0.png" "$T/in/deep-0.png"
expect_success names
[ "$(png_info "$T/in/a-0-orange.png")" = "8 2" ] || fail "8-bit RGB did not stay 8-bit RGB"
[ "$(png_info "$T/in/rgba-0-orange.png")" = "8 6" ] || fail "RGBA lost its alpha"
[ "$(png_info "$T/in/deep-0-orange.png")" = "16 2" ] || fail "16-bit PNG did not stay 16-bit"
run b2a "$EDCG" apply -m "$M" --direction b2a "$T/in/a-1.png"
expect_success b2a
[ -s "$T/in/a-1-apple.png" ] || fail "b2a did not name the output after domain A"

# The output's extension picks the type; --out-dir; full resolution.
run jpeg "$EDCG" apply -m "$M" --to orange --work-size 0 --strength 0.5 --edge 2 \
    "$T/in/a-0.png" -o "$T/out.jpg"
expect_success jpeg
[ "$(od -An -t x1 -N 3 "$T/out.jpg" | tr -d ' ')" = "ffd8ff" ] || fail "out.jpg is not a JPEG"
run outdir "$EDCG" apply -m "$M" --to orange "$T/in/a-0.png" "$T/in/a-1.png" --out-dir "$T/new/dir"
expect_success outdir
[ -s "$T/new/dir/a-0.png" ] && [ -s "$T/new/dir/a-1.png" ] || fail "--out-dir wrote nothing"

# A PNG that spells sRGB as gAMA + cHRM without the sRGB chunk (ImageMagick's
# way) comes out tagged sRGB, without libpng's complaint about GEGL's bKGD.
make_images "$T/in" gamma 1 48
LC_ALL=C grep -q sRGB "$T/in/gamma-0.png" && fail "the gamma test image has an sRGB chunk"
run gamma "$EDCG" apply -m "$M" --to orange "$T/in/gamma-0.png" -o "$T/gamma.png"
expect_success gamma
grep -q libpng "$T/gamma.err" && fail "gamma: $(cat "$T/gamma.err")"
LC_ALL=C grep -q sRGB "$T/gamma.png" || fail "a gAMA + cHRM sRGB input was not saved as sRGB"
# ... and its numbers are read as sRGB, not converted from a 2.2 curve: at
# strength 0 it comes out as the same picture with the sRGB chunk does.
run gamma0 "$EDCG" apply -m "$M" --to orange --strength 0 "$T/in/gamma-0.png" -o "$T/gamma0.png"
expect_success gamma0
run srgb0 "$EDCG" apply -m "$M" --to orange --strength 0 "$T/in/a-0.png" -o "$T/srgb0.png"
expect_success srgb0
cmp -s "$T/gamma0.png" "$T/srgb0.png" || fail "strength 0 changed a gAMA + cHRM sRGB input"
# A space that is not sRGB (Adobe RGB) keeps its ICC profile.
make_images "$T/in" wide 1 48
run wide "$EDCG" apply -m "$M" --to orange "$T/in/wide-0.png" -o "$T/wide.png"
expect_success wide
LC_ALL=C grep -q iCCP "$T/in/wide-0.png" || fail "the Adobe RGB test image has no ICC profile"
LC_ALL=C grep -q iCCP "$T/wide.png" || fail "an Adobe RGB input lost its ICC profile"
LC_ALL=C grep -q sRGB "$T/wide.png" && fail "an Adobe RGB input was saved as sRGB"
# ... with the gAMA the PNG specification wants for its 2.2 curve (GEGL writes
# 2.2 itself), no random bKGD colour, and nothing from libpng on the terminal.
grep -q libpng "$T/wide.err" && fail "wide: $(cat "$T/wide.err")"
gama_at=$(LC_ALL=C grep -obUa gAMA "$T/wide.png" | head -n 1 | cut -d: -f1)
[ -n "$gama_at" ] || fail "the Adobe RGB output has no gAMA chunk"
gama=$(od -An -t u1 -j $((gama_at + 4)) -N 4 "$T/wide.png" |
    awk '{ print (($1 * 256 + $2) * 256 + $3) * 256 + $4 }')
[ "$gama" -ge 45400 ] && [ "$gama" -le 45500 ] || fail "the Adobe RGB output's gAMA is $gama, not 45471"
LC_ALL=C grep -q bKGD "$T/wide.png" && fail "the Adobe RGB output has GEGL's uninitialised bKGD chunk"
# libpng refuses the profile GEGL writes for ProPhoto RGB: the PNG is saved in sRGB instead.
make_images "$T/in" prophoto 1 48 jpg
run prophoto "$EDCG" apply -m "$M" --to orange "$T/in/prophoto-0.jpg" -o "$T/prophoto.png"
expect_success prophoto
LC_ALL=C grep -q sRGB "$T/prophoto.png" || fail "the ProPhoto input's PNG is not sRGB"
grep -q "prophoto.png: .* in its colour space; saved in sRGB instead" "$T/prophoto.err" ||
    fail "no warning about the colour space: $(cat "$T/prophoto.err")"
[ "$(wc -l <"$T/prophoto.err")" -eq 1 ] || fail "more than the one warning: $(cat "$T/prophoto.err")"

# libpng's own warnings (here an ancillary chunk with a bad CRC, which it skips)
# name the file, and a folder of such files does not flood the terminal: two
# files are named, the third is not.
make_images "$T/crc" a 3 32
for i in 0 1 2; do
    { head -c 33 "$T/crc/a-$i.png"; printf '\000\000\000\001tEXtA\000\000\000\000'
      tail -c +34 "$T/crc/a-$i.png"; } >"$T/crc/bad-$i.png"
done
run crc "$EDCG" apply -m "$M" --to orange "$T/crc/bad-0.png" "$T/crc/bad-1.png" "$T/crc/bad-2.png"
expect_success crc
[ "$(grep -c 'libpng' "$T/crc.err")" -eq 2 ] &&
    grep -q "^edcg: warning: .*bad-0.png: libpng: tEXt: CRC error$" "$T/crc.err" &&
    grep -q "bad-1.png: libpng: tEXt: CRC error (not repeated for further files)$" "$T/crc.err" ||
    fail "libpng's warnings: $(cat "$T/crc.err")"

# GEGL reads a file's chunks twice, and libpng warns on each pass: with two
# bad chunks the warnings alternate, and each is still said once.
{ head -c 33 "$T/crc/a-0.png"; printf '\000\000\000\001tEXtA\000\000\000\000'
  printf '\000\000\000\001zTXtB\000\000\000\000'; tail -c +34 "$T/crc/a-0.png"; } >"$T/crc/two.png"
run crc2 "$EDCG" apply -m "$M" --to orange "$T/crc/two.png" -o "$T/crc/two-out.png"
expect_success crc2
[ "$(grep -c 'libpng' "$T/crc2.err")" -eq 2 ] &&
    grep -q "two.png: libpng: tEXt: CRC error$" "$T/crc2.err" &&
    grep -q "two.png: libpng: zTXt: CRC error$" "$T/crc2.err" ||
    fail "libpng's warnings for two bad chunks: $(cat "$T/crc2.err")"

# A colour profile babl cannot use (here: an RGB display profile with no
# tone curves, whose two tags also start at odd offsets) is not a broken
# image: GEGL reads the pixels as sRGB, as GIMP and browsers do, and edcg
# says so. libpng warns once for each tag, twice over: one line in all.
{ be32 168; be32 0; printf '\002\040\000\000mntrRGB XYZ '; head -c 12 /dev/zero
  printf 'acsp'; head -c 24 /dev/zero; be32 0; be32 63190; be32 65536; be32 54061 # D50
  head -c 48 /dev/zero
  be32 2; printf 'wtpt'; be32 157; be32 4; printf 'rXYZ'; be32 161; be32 4; head -c 12 /dev/zero
} >"$T/profile.icc"
adler=$(od -An -v -tu1 "$T/profile.icc" |
    awk 'BEGIN { a = 1 } { for (i = 1; i <= NF; i++) { a = (a + $i) % 65521; b = (b + a) % 65521 } }
         END { print b * 65536 + a }')
# iCCP: name, compression method, then zlib with one stored block of 168 bytes.
{ printf 'icc\000\000\170\001\001\250\000\127\377'; cat "$T/profile.icc"; be32 "$adler"
} | png_with_chunk "$T/crc/a-0.png" iCCP >"$T/crc/lut-profile.png"
run lut "$EDCG" apply -m "$M" --to orange "$T/crc/lut-profile.png" -o "$T/crc/lut-out.png"
expect_success lut
[ "$(grep -c 'libpng' "$T/lut.err")" -eq 1 ] &&
    grep -q "lut-profile.png: libpng: iCCP: profile 'icc': 'wtpt': ICC profile tag start not a multiple of 4$" "$T/lut.err" &&
    grep -q "lut-profile.png: its colour profile is broken (missing TRCs); read as sRGB$" "$T/lut.err" &&
    [ "$(wc -l <"$T/lut.err")" -eq 2 ] || fail "a profile babl cannot use: $(cat "$T/lut.err")"

# A JPEG whose EXIF orientation says "turn a quarter clockwise" (as phones
# store portraits) comes out upright: 48x32 stored, 32x48 shown and written.
make_images "$T/in" a 1 48x32 jpg
{ head -c 2 "$T/in/a-0.jpg"
  printf '\377\341\000\042Exif\000\000MM\000\052\000\000\000\010\000\001'
  printf '\001\022\000\003\000\000\000\001\000\006\000\000\000\000\000\000'
  tail -c +3 "$T/in/a-0.jpg"; } >"$T/in/portrait.jpg"
run exif "$EDCG" apply -m "$M" --to orange "$T/in/portrait.jpg" -o "$T/portrait.png"
expect_success exif
[ "$(png_size "$T/portrait.png")" = "32 48" ] ||
    fail "EXIF orientation 6: output is $(png_size "$T/portrait.png"), expected 32 48"
# The same in a PNG's eXIf chunk.
make_images "$T/in" a 1 48x32
printf 'MM\000\052\000\000\000\010\000\001\001\022\000\003\000\000\000\001\000\006\000\000\000\000\000\000' |
    png_with_chunk "$T/in/a-0.png" eXIf >"$T/in/portrait.png"
run pngexif "$EDCG" apply -m "$M" --to orange "$T/in/portrait.png" -o "$T/portrait-png.png"
expect_success pngexif
[ -s "$T/pngexif.err" ] && fail "pngexif: $(cat "$T/pngexif.err")"
[ "$(png_size "$T/portrait-png.png")" = "32 48" ] ||
    fail "eXIf orientation 6: output is $(png_size "$T/portrait-png.png"), expected 32 48"
run noexif "$EDCG" apply -m "$M" --to orange "$T/in/a-0.jpg" -o "$T/landscape.png"
expect_success noexif
[ "$(png_size "$T/landscape.png")" = "48 32" ] || fail "a JPEG without EXIF was turned"

# Inputs are safe unless --in-place.
cp "$T/in/a-0.png" "$T/keep.png"
run overwrite "$EDCG" apply -m "$M" --to orange "$T/in/a-0.png" -o "$T/in/../in/a-0.png"
expect_failure overwrite 1 "would overwrite the input"
run samedir "$EDCG" apply -m "$M" --to orange "$T/in/a-0.png" --out-dir "$T/in"
expect_failure samedir 1 "would overwrite the input"
cmp -s "$T/keep.png" "$T/in/a-0.png" || fail "an input was changed without --in-place"
run inplace "$EDCG" apply -m "$M" --to orange --in-place "$T/in/a-0.png"
expect_success inplace
cmp -s "$T/keep.png" "$T/in/a-0.png" && fail "--in-place did not replace the input"

# Too big for the memory there is: refused before starting, nothing written.
run memory env EDCG_TEST_MEM_AVAILABLE=1000 "$EDCG" apply -m "$M" --to orange --work-size 0 \
    "$T/in/a-1.png" -o "$T/big.png"
expect_failure memory 1 "a-1.png: 48x48 needs about .* MB at full resolution"
[ -e "$T/big.png" ] && fail "a refused image left an output"

# Help and version.
for cmd in train apply eval info list; do
    run "help_$cmd" "$EDCG" "$cmd" --help
    expect_success "help_$cmd"
    grep -q "^Usage: edcg $cmd" "$T/help_$cmd.out" || fail "edcg $cmd --help shows no usage"
done
run version "$EDCG" --version
expect_success version
grep -Eq '^edcg [0-9]+\.[0-9]+' "$T/version.out" || fail "--version: $(cat "$T/version.out")"
no_leftovers "$T"
finish
