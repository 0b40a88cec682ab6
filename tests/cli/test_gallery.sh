#!/bin/sh
# edcg gallery: models side by side on the first images of each test
# folder, one PNG whose size follows from the models, images and cell size;
# bad input gets one line naming the file, a non-zero exit and no output.
. "$(dirname "$0")/lib.sh"

make_images "$T/a" a 3 48
make_images "$T/b" b 2 40
echo "not a picture" >"$T/a/readme.txt"
"$MAKE_MODEL" "$T/first.safetensors" 8 1 || exit 1
"$MAKE_MODEL" "$T/second.safetensors" 4 1 || exit 1
M="-m $T/first.safetensors -m $T/second.safetensors"

# Geometry at --size 64 (text at the font's own size, 4-pixel gaps): columns
# input + 2 models: 4 + 3 * (64 + 4) = 208 wide; the header and one band per
# domain (14 each) plus 2 + 2 rows of cells (64 + 4 each): 42 + 272 = 314.
run two "$EDCG" gallery $M --a "$T/a" --b "$T/b" --count 2 --size 64 -o "$T/g.png"
expect_success two
[ "$(od -An -t x1 -N 8 "$T/g.png" | tr -d ' ')" = 89504e470d0a1a0a ] || fail "g.png is not a PNG"
[ "$(png_size "$T/g.png")" = "208 314" ] || fail "g.png is $(png_size "$T/g.png"), expected 208 314"
[ "$(png_info "$T/g.png")" = "8 2" ] || fail "g.png is not 8-bit RGB: $(png_info "$T/g.png")"
grep -q "wrote $T/g.png (208x314: 2 models, 2 + 2 images" "$T/two.out" ||
    fail "no summary line: $(cat "$T/two.out")"
grep -q "readme.txt" "$T/two.err" && fail "readme.txt sorts after the two images used, yet was read"

# Fewer images than --count, one folder only, the default count; a file
# that is no image is skipped with a warning, as edcg eval does.
run onlya "$EDCG" gallery -m "$T/first.safetensors" --a "$T/a" --size 32 -o "$T/a-only.png"
expect_success onlya
grep -q "readme.txt: not an image.*skipped" "$T/onlya.err" || fail "no warning for readme.txt"
# 4 + 2 * 36 = 76 wide; 2 * 14 + 3 * 36 = 136 high.
[ "$(png_size "$T/a-only.png")" = "76 136" ] || fail "a-only.png is $(png_size "$T/a-only.png")"

# Bad input: one line naming the culprit, exit 1, the earlier picture kept.
cp "$T/g.png" "$T/keep.png"
run missing "$EDCG" gallery $M --a "$T/nowhere" --b "$T/b" -o "$T/g.png"
expect_failure missing 1 "$T/nowhere: cannot read the folder"
mkdir "$T/empty"
run empty "$EDCG" gallery $M --a "$T/empty" --b "$T/b" -o "$T/g.png"
expect_failure empty 1 "$T/empty: no usable image"
cmp -s "$T/keep.png" "$T/g.png" || fail "a failed gallery changed the existing output"

# A model that names its domains otherwise cannot share a column header.
cp "$T/second.safetensors" "$T/other.safetensors"
off=$(grep -obUa '"domain_b":"orange"' "$T/other.safetensors" | head -n 1 | cut -d: -f1)
printf '"domain_b":"lemons"' | dd of="$T/other.safetensors" bs=1 seek="$off" conv=notrunc 2>/dev/null
run mismatch "$EDCG" gallery -m "$T/first.safetensors" -m "$T/other.safetensors" --a "$T/a" \
    --b "$T/b" -o "$T/m.png"
expect_failure mismatch 1 "other.safetensors: domains apple \(A\) <-> lemons \(B\), but .*first.safetensors has apple \(A\) <-> orange \(B\)"

: >"$T/plainfile"
run unwritable "$EDCG" gallery $M --a "$T/a" --b "$T/b" -o "$T/plainfile/g.png"
expect_failure unwritable 1 "plainfile/g.png: cannot create a file there"
run badext "$EDCG" gallery $M --a "$T/a" --b "$T/b" -o "$T/g.xyz"
expect_failure badext 1 "g.xyz: cannot write '.xyz' files"
run nomodel "$EDCG" gallery -m no-such-model --a "$T/a" -o "$T/n.png"
expect_failure nomodel 1 "no-such-model"
run noout "$EDCG" gallery $M --a "$T/a" --b "$T/b"
expect_failure noout 2 "-o OUT.png is required"
for f in m.png g.xyz n.png; do [ -e "$T/$f" ] && fail "a failed gallery left $f"; done

run help "$EDCG" gallery --help
expect_success help
grep -q "^Usage: edcg gallery" "$T/help.out" || fail "edcg gallery --help shows no usage"
no_leftovers "$T"
finish
