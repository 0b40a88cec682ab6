#!/bin/sh
# Bad input: each case gets one clear line naming the file and the problem,
# exit status 2 for a wrong command line and 1 for a runtime failure, and
# leaves no partial output file behind.
. "$(dirname "$0")/lib.sh"

make_images "$T/a" a 3 40
make_images "$T/b" b 3 40
"$MAKE_MODEL" "$T/m.safetensors" 8 1 || exit 1
TRAIN="--ngf 8 --ndf 8 --blocks 1 --size 32 --batch 2 --ed-epochs 1 --epochs 1"

# Folders.
run missing "$EDCG" train --a "$T/nowhere" --b "$T/b" -o "$T/o1/m.safetensors" $TRAIN
expect_failure missing 1 "$T/nowhere: cannot read the folder"
mkdir "$T/empty"
run empty "$EDCG" train --a "$T/empty" --b "$T/b" -o "$T/o2/m.safetensors" $TRAIN
expect_failure empty 1 "$T/empty: no usable image"
mkdir "$T/junk" && echo "not a picture" >"$T/junk/readme.txt" && : >"$T/junk/empty.png"
run junk "$EDCG" train --a "$T/junk" --b "$T/b" -o "$T/o3/m.safetensors" $TRAIN
[ "$(status_of junk)" = 1 ] || fail "a folder of non-images: exit $(status_of junk)"
grep -q "readme.txt: not an image" "$T/junk.err" || fail "no warning for readme.txt"
grep -q "empty.png: empty file" "$T/junk.err" || fail "no warning for empty.png"
grep -q "$T/junk: no usable image" "$T/junk.err" || fail "no error for the junk folder"
for o in o1 o2 o3; do [ -e "$T/$o/m.safetensors" ] && fail "$o: a model was written"; done

# A corrupt JPEG among good images: one warning, training goes on.
mkdir "$T/mixed" && cp "$T"/a/*.png "$T/mixed/"
"$EDCG" apply -m "$T/m.safetensors" --to apple "$T/a/a-0.png" -o "$T/good.jpg" >/dev/null 2>&1 ||
    fail "cannot write a JPEG"
head -c 600 "$T/good.jpg" >"$T/mixed/cut.jpg"
# An undefined marker (0x4b) before the scan: libjpeg would call exit().
sos=$(LC_ALL=C grep -obUa "$(printf '\377\332')" "$T/good.jpg" | head -n 1 | cut -d: -f1)
(head -c "$sos" "$T/good.jpg"; printf '\377\113\000\004ab'; tail -c +$((sos + 1)) "$T/good.jpg") \
    >"$T/mixed/bad marker.jpg"
cp "$T/a/a-1.png" "$T/mixed/really a png.jpg"
run mixed "$EDCG" train --a "$T/mixed" --b "$T/b" -o "$T/o4/m.safetensors" $TRAIN
expect_success mixed
grep -q "cut.jpg: truncated JPEG" "$T/mixed.err" || fail "no warning for the truncated JPEG"
grep -q "bad marker.jpg: corrupt JPEG" "$T/mixed.err" || fail "no warning for the corrupt JPEG"
grep -q "really a png.jpg" "$T/mixed.err" && fail "a PNG named .jpg was refused"
# eval walks a folder the same way: the broken files are named and skipped.
run evalmixed "$EDCG" eval -m "$T/m.safetensors" --a "$T/mixed"
expect_success evalmixed
grep -q "cut.jpg: truncated JPEG.*skipped" "$T/evalmixed.err" || fail "eval: no warning for cut.jpg"
grep -q "really a png.jpg" "$T/evalmixed.err" && fail "eval: a PNG named .jpg was refused"
grep -q "domain A (mixed): 4 images" "$T/mixed.out" || fail "not 4 images of A: $(cat "$T/mixed.out")"
run cutjpg "$EDCG" apply -m "$T/m.safetensors" --to orange "$T/mixed/cut.jpg" -o "$T/cut-out.png"
expect_failure cutjpg 1 "cut.jpg: truncated JPEG"
[ -e "$T/cut-out.png" ] && fail "a corrupt input left an output"

# A broken colour profile is not a broken image: read as sRGB, with a warning.
make_images "$T/icc" badicc 1 40 jpg
run badicc "$EDCG" apply -m "$T/m.safetensors" --to orange "$T/icc/badicc-0.jpg" -o "$T/icc.png"
expect_success badicc
[ -s "$T/icc.png" ] || fail "a JPEG with a broken colour profile was not translated"
grep -q "badicc-0.jpg: its colour profile is broken (icc profile length inconsistency); read as sRGB" \
    "$T/badicc.err" || fail "no warning for the broken profile: $(cat "$T/badicc.err")"

# Unwritable output paths (a folder inside a regular file: root-proof).
: >"$T/plainfile"
run unwritable "$EDCG" train --a "$T/a" --b "$T/b" -o "$T/plainfile/m.safetensors" $TRAIN
expect_failure unwritable 1 "$T/plainfile: cannot write the model there"
run unwritable2 "$EDCG" apply -m "$T/m.safetensors" --to orange "$T/a/a-0.png" \
    -o "$T/plainfile/out.png"
expect_failure unwritable2 1 "plainfile/out.png: cannot create a file there"
run badext "$EDCG" apply -m "$T/m.safetensors" --to orange "$T/a/a-0.png" -o "$T/out.xyz"
expect_failure badext 1 "out.xyz: cannot write '.xyz' files"

# Model files: truncated, another architecture than its tensors, not a model.
head -c 5000 "$T/m.safetensors" >"$T/cut.safetensors"
run truncated "$EDCG" apply -m "$T/cut.safetensors" --to orange "$T/a/a-0.png" -o "$T/t.png"
expect_failure truncated 1 "cut.safetensors"
cp "$T/m.safetensors" "$T/lying.safetensors"
off=$(grep -obUa '"ngf":"8"' "$T/lying.safetensors" | head -n 1 | cut -d: -f1)
printf '"ngf":"9"' | dd of="$T/lying.safetensors" bs=1 seek="$off" conv=notrunc 2>/dev/null
run otherarch "$EDCG" apply -m "$T/lying.safetensors" --to orange "$T/a/a-0.png" -o "$T/t.png"
expect_failure otherarch 1 "lying.safetensors"
run notmodel "$EDCG" info "$T/a/a-0.png"
expect_failure notmodel 1 "a-0.png"
run nomodel "$EDCG" apply -m no-such-model --to orange "$T/a/a-0.png" -o "$T/t.png"
expect_failure nomodel 1 "no-such-model"
[ -e "$T/t.png" ] && fail "a failed apply left t.png"

# A checkpoint of another architecture.
run first "$EDCG" train --a "$T/a" --b "$T/b" -o "$T/o5/m.safetensors" $TRAIN
expect_success first
run otherckpt "$EDCG" train --a "$T/a" --b "$T/b" -o "$T/o5/m.safetensors" $TRAIN --ngf 16 --resume
expect_failure otherckpt 1 "checkpoint is for variant ed, ngf 8"
run otheropts "$EDCG" train --a "$T/a" --b "$T/b" -o "$T/o5/m.safetensors" $TRAIN --size 36 --resume
expect_failure otheropts 1 "was made with size 32.*this run has size 36"

# Command-line mistakes: exit 2, nothing done.
run direction "$EDCG" apply -m "$T/m.safetensors" --direction sideways "$T/a/a-0.png" -o "$T/d.png"
expect_failure direction 2 "unknown direction 'sideways'"
run to "$EDCG" apply -m "$T/m.safetensors" --to banana "$T/a/a-0.png" -o "$T/d.png"
expect_failure to 2 "unknown direction 'banana'.*apple.*orange"
[ -e "$T/d.png" ] && fail "a usage error wrote an output"
run option "$EDCG" train --a "$T/a" --b "$T/b" --sizee 32
expect_failure option 2 "unknown option '--sizee'"
run size "$EDCG" train --a "$T/a" --b "$T/b" --size 34
expect_failure size 2 "size must be a multiple of 4"
run range "$EDCG" apply -m "$T/m.safetensors" --to orange --strength 1.5 "$T/a/a-0.png"
expect_failure range 2 "strength must be between 0 and 1"
run twoout "$EDCG" apply -m "$T/m.safetensors" --to orange -o "$T/x.png" "$T/a/a-0.png" "$T/a/a-1.png"
expect_failure twoout 2 "-o takes one input"
run nocmd "$EDCG" frobnicate
expect_failure nocmd 2 "unknown command 'frobnicate'"
run noa "$EDCG" train --b "$T/b"
expect_failure noa 2 "--a DIR_A and --b DIR_B are required"
run noeval "$EDCG" eval -m "$T/m.safetensors"
expect_failure noeval 2 "give --a DIR"

no_leftovers "$T"
finish
