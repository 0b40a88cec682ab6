#!/bin/sh
# End to end: train a tiny pair on generated images, check what training
# leaves behind, then apply and evaluate it; an interrupted and resumed run
# ends with exactly the same weights as an uninterrupted one.
. "$(dirname "$0")/lib.sh"

make_images "$T/apples" a 6 40
make_images "$T/oranges" b 6 40
# Names with spaces, colons and non-ASCII letters load like any other.
mv "$T/apples/a-5.png" "$T/apples/pomme: été 5.png"
OPTS="--a $T/apples --b $T/oranges --ngf 8 --ndf 8 --blocks 1 --size 32 --batch 2
      --ed-epochs 2 --epochs 2 --threads 2"

# One uninterrupted run.
run whole "$EDCG" train $OPTS -o "$T/whole/model.safetensors"
expect_success whole
grep -q "^edcg train: .*kernel" "$T/whole.out" || fail "the first line does not name the BLAS kernel"
grep -q "phase 2/2 epoch 2/2" "$T/whole.out" || fail "no line for the last epoch"
grep -q "domain A (apples): 6 images" "$T/whole.out" || fail "not all 6 apples were loaded"
[ -s "$T/whole.err" ] && fail "warnings for good images: $(cat "$T/whole.err")"
for f in checkpoint.safetensors losses.csv loss_curve.png samples/phase1-epoch0001.jpg \
         samples/phase2-epoch0002.jpg; do
    [ -s "$T/whole/model-training/$f" ] || fail "training left no $f"
done
rows=$(grep -c '^[0-9]' "$T/whole/model-training/losses.csv")
[ "$rows" -eq 18 ] || fail "losses.csv has $rows step rows, expected 18 (12 + 6)"
head -n 1 "$T/whole/model-training/losses.csv" | grep -q ',d_a,d_b,idt_a2b,idt_b2a$' ||
    fail "losses.csv header lacks the identity columns"
# The identity term is on by default (CycleGAN's 0.5).
tail -n 1 "$T/whole/model-training/losses.csv" | grep -Eq ',[0-9.e-]+,[0-9.e-]+$' ||
    fail "losses.csv has no identity losses: $(tail -n 1 "$T/whole/model-training/losses.csv")"
grep -Eq "phase 2/2 epoch 2/2: .*idt [0-9.]+/[0-9.]+" "$T/whole.out" ||
    fail "the epoch line shows no identity losses"
no_leftovers "$T/whole"

# The model records where it came from.
run info "$EDCG" info "$T/whole/model.safetensors"
expect_success info
for key in "domain_a +apples" "domain_b +oranges" "train_size +32" "images_a +6" \
           "epochs +2" "ed_epochs +2" "trained_at" "train_seconds" "command_line +edcg train"; do
    grep -Eq "^  $key" "$T/info.out" || fail "metadata lacks '$key'"
done
grep -q "variant ed, ngf 8, ndf 8, 1 blocks" "$T/info.out" || fail "info shows no architecture"
grep -Eq "^  lambda_identity +0.5$" "$T/info.out" || fail "metadata lacks lambda_identity 0.5"

# --identity 0 (the paper's Eq. 6 as printed) leaves the term out.
run noidt "$EDCG" train $OPTS --identity 0 -o "$T/noidt/model.safetensors"
expect_success noidt
run noidtinfo "$EDCG" info "$T/noidt/model.safetensors"
grep -Eq "^  lambda_identity +0$" "$T/noidtinfo.out" || fail "metadata lacks lambda_identity 0"
cmp -s "$T/whole/model.safetensors" "$T/noidt/model.safetensors" &&
    fail "--identity 0 trained the same weights as the default"
tail -n 1 "$T/whole/model-training/losses.csv" | cut -d, -f11 >"$T/g1"
tail -n 1 "$T/noidt/model-training/losses.csv" | cut -d, -f11 >"$T/g0"
cmp -s "$T/g0" "$T/g1" && fail "the identity term is missing from g_total"
tail -n 1 "$T/noidt/model-training/losses.csv" | grep -q ',,$' ||
    fail "identity cells are not empty with --identity 0"
grep -q " idt " "$T/noidt.out" && fail "identity losses reported with --identity 0"
run noidtresume "$EDCG" train $OPTS -o "$T/noidt/model.safetensors" --resume
expect_failure noidtresume 1 "images 6 \+ 6; this run has .*, identity 0.5: resume with"

# Interrupted in phase 1 (step 9 of 12) and in phase 2 (step 15 of 18),
# through the real SIGINT handler, then resumed: same weights, bit for bit.
for at in 9 15; do
    out="$T/cut$at/model.safetensors"
    run "cut$at" env EDCG_DEBUG_INTERRUPT_AT_STEP=$at "$EDCG" train $OPTS -o "$out"
    [ "$(status_of "cut$at")" = 130 ] || fail "interrupted run exited $(status_of "cut$at"), not 130"
    grep -q "resume with: edcg train .* --resume" "$T/cut$at.out" || fail "no resume hint"
    [ -e "$out" ] && fail "an interrupted run wrote the model"
    run "again$at" "$EDCG" train $OPTS -o "$out"
    expect_failure "again$at" 1 "checkpoint.safetensors exists: add --resume"
    # A losses.csv written before the identity columns existed resumes too.
    [ "$at" = 9 ] && sed -i 's/,[^,]*,[^,]*$//' "$T/cut$at/model-training/losses.csv"
    run "resume$at" "$EDCG" train $OPTS -o "$out" --resume
    expect_success "resume$at"
    grep -q "resuming from .* at phase" "$T/resume$at.out" || fail "resume did not say where"
    tensor_bytes "$T/whole/model.safetensors" >"$T/whole.bin"
    tensor_bytes "$out" >"$T/cut$at.bin"
    cmp -s "$T/whole.bin" "$T/cut$at.bin" ||
        fail "resumed after step $at: weights differ from the uninterrupted run"
    rows=$(grep -c '^[0-9]' "$T/cut$at/model-training/losses.csv")
    [ "$rows" -eq 18 ] || fail "resumed losses.csv has $rows step rows, expected 18"
done

# Apply it, and evaluate it like the paper.
make_images "$T/test" a 2 48
run apply "$EDCG" apply -m "$T/whole/model.safetensors" --to oranges "$T/test/a-0.png" "$T/test/a-1.png"
expect_success apply
[ -s "$T/test/a-0-oranges.png" ] && [ -s "$T/test/a-1-oranges.png" ] || fail "apply wrote no outputs"
grep -q "ETA" "$T/apply.out" || fail "apply shows no ETA for several files"
make_images "$T/testA" a 2 48
run eval "$EDCG" eval -m "$T/whole/model.safetensors" -m "$T/cut9/model.safetensors" \
    --a "$T/testA" --b "$T/oranges" --save "$T/recon"
expect_success eval
grep -q "consistent-apples" "$T/eval.out" || fail "eval table has no consistent-apples column"
[ "$(grep -c '^model ' "$T/eval.out")" -eq 2 ] || fail "eval has not one row per model"
[ -s "$T/recon/model/apples/a-0.png" ] || fail "eval --save kept no reconstruction"
run csv "$EDCG" eval -m "$T/whole/model.safetensors" --a "$T/testA" --csv
expect_success csv
grep -Eq '^model,ed,apples,oranges,2,0,0\.[0-9]+,nan,[0-9.]+,nan$' "$T/csv.out" ||
    fail "eval --csv row is wrong: $(cat "$T/csv.out")"
# --light adds the translation's treatment of light pixels, a luminance in [0, 1].
run light "$EDCG" eval -m "$T/whole/model.safetensors" --a "$T/testA" --b "$T/oranges" --light --csv
expect_success light
grep -q ',light_a,light_b$' "$T/light.out" || fail "eval --light --csv has no light columns"
grep -Eq '^model,ed,apples,oranges,2,6,([0-9.]+,){4}(0\.[0-9]+|1\.0+|nan),(0\.[0-9]+|1\.0+|nan)$' \
    "$T/light.out" || fail "eval --light --csv row is wrong: $(cat "$T/light.out")"
run lighttable "$EDCG" eval -m "$T/whole/model.safetensors" --a "$T/testA" --light
expect_success lighttable
grep -q "light-apples" "$T/lighttable.out" || fail "eval --light table has no light-apples column"
# --change adds how much the translation changes the image, in 8-bit levels (> 0 here).
run change "$EDCG" eval -m "$T/whole/model.safetensors" --a "$T/testA" --b "$T/oranges" --light --change --csv
expect_success change
grep -q ',light_a,light_b,change_a,change_b$' "$T/change.out" || fail "eval --change --csv has no change columns"
grep -Eq '^model,ed,apples,oranges,2,6,([0-9.na]+,){6}[0-9]*[1-9][0-9]*\.[0-9]+,[0-9]*[1-9][0-9]*\.[0-9]+$' \
    "$T/change.out" || fail "eval --change --csv row is wrong: $(cat "$T/change.out")"
run changetable "$EDCG" eval -m "$T/whole/model.safetensors" --a "$T/testA" --change
expect_success changetable
grep -q "change-apples" "$T/changetable.out" || fail "eval --change table has no change-apples column"
grep -q "light-apples" "$T/changetable.out" && fail "eval --change alone shows light columns"
finish
