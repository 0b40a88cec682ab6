#!/bin/sh
# edcg export: the model inside a training checkpoint becomes a model file
# that apply uses; half precision halves it; bad calls fail cleanly.
. "$(dirname "$0")/lib.sh"

make_images "$T/a" a 4 40
make_images "$T/b" b 4 40
run train "$EDCG" train --a "$T/a" --b "$T/b" --names apple,orange --ngf 4 --ndf 4 --blocks 1 \
    --size 32 --batch 2 --ed-epochs 1 --epochs 1 --threads 2 -o "$T/final.safetensors"
expect_success train
ckpt="$T/final-training/checkpoint.safetensors"
[ -f "$ckpt" ] || fail "no checkpoint at $ckpt"

run f32 "$EDCG" export "$ckpt" -o "$T/exported.safetensors"
expect_success f32
# The checkpoint written at the end holds the final weights.
[ "$(tensor_bytes "$T/exported.safetensors" | cksum)" = "$(tensor_bytes "$T/final.safetensors" | cksum)" ] ||
    fail "exported tensors differ from the trained model's"
run info "$EDCG" info "$T/exported.safetensors"
grep -q "apple" "$T/info.out" || fail "exported model lost its domain names"
grep -q "trainer\." "$T/info.out" && fail "exported model carries checkpoint bookkeeping"

run f16 "$EDCG" export "$ckpt" -o "$T/half.safetensors" --dtype f16
expect_success f16
half=$(wc -c <"$T/half.safetensors")
full=$(wc -c <"$T/exported.safetensors")
[ "$half" -lt $((full * 6 / 10)) ] || fail "f16 export is $half bytes, f32 $full"
run apply "$EDCG" apply -m "$T/half.safetensors" --to orange "$T/a/a-0.png" -o "$T/out.png"
expect_success apply

run no_output "$EDCG" export "$ckpt"
expect_failure no_output 2 "-o MODEL"
run bad_dtype "$EDCG" export "$ckpt" -o "$T/x.safetensors" --dtype f8
expect_failure bad_dtype 2 "f8"
run missing "$EDCG" export "$T/nothing.safetensors" -o "$T/x.safetensors"
expect_failure missing 1 "nothing.safetensors"
[ ! -e "$T/x.safetensors" ] || fail "a failed export left an output file"
no_leftovers "$T"

finish
