#!/bin/sh
# edcg info and list, and the user model folder: a pair trained without -o
# lands there as <A>2<B>.safetensors and is found by name.
. "$(dirname "$0")/lib.sh"

run params "$EDCG" info --params
expect_success params
for n in "ED-Block +756,739" "generator +11,378,179" "discriminator +2,764,737" \
         "CycleGAN total +28,285,832" "trainable +27,528,840"; do
    grep -Eq "^  $n " "$T/params.out" || fail "info --params lacks '$n' (paper Table 1)"
done
grep -q "^runtime: .*kernel" "$T/params.out" || fail "info shows no runtime"
run small "$EDCG" info --params --variant cyclegan --ngf 8 --blocks 1
expect_success small
grep -q "variant cyclegan, ngf 8, ndf 64, 1 blocks" "$T/small.out" || fail "--params ignores options"
grep -q "ED-Block" "$T/small.out" && fail "cyclegan has no ED-Block"

run empty "$EDCG" list
expect_success empty
grep -q "no installed models" "$T/empty.out" || fail "an empty list says nothing"

make_images "$T/summer" a 3 40
make_images "$T/winter" b 3 40
run train "$EDCG" train --a "$T/summer" --b "$T/winter" --ngf 8 --ndf 8 --blocks 1 --size 32 \
    --batch 2 --ed-epochs 1 --epochs 1 --checkpoint-dir "$T/ckpt"
expect_success train
[ -s "$XDG_DATA_HOME/edcyclegan/models/summer2winter.safetensors" ] ||
    fail "train without -o did not write to the user model folder"
run list "$EDCG" list
expect_success list
grep -Eq "^summer2winter +summer <-> winter +$XDG_DATA_HOME/edcyclegan/models/summer2winter.safetensors" \
    "$T/list.out" || fail "list: $(cat "$T/list.out")"
run byname "$EDCG" info summer2winter
expect_success byname
grep -q "domains: summer (A) <-> winter (B)" "$T/byname.out" || fail "info by name"
run apply "$EDCG" apply -m summer2winter --to winter "$T/summer/a-0.png"
expect_success apply
[ -s "$T/summer/a-0-winter.png" ] || fail "apply by installed name wrote nothing"
finish
