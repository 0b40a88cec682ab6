#!/bin/sh
# Real signals from outside: Ctrl-C (SIGINT) and SIGTERM stop a training
# run after the current step with a saved checkpoint, a resume hint and
# exit status 130 / 143; SIGKILL at any moment leaves a checkpoint that
# loads (the engine writes it to a temporary file and renames it).
. "$(dirname "$0")/lib.sh"

make_images "$T/a" a 3 40
make_images "$T/b" b 3 40
OPTS="--a $T/a --b $T/b --ngf 8 --ndf 8 --blocks 1 --size 32 --batch 2 --ed-epochs 2
      --epochs 100000 --threads 2 -o $T/run/m.safetensors"
CSV="$T/run/m-training/losses.csv"

# wait_rows N: until losses.csv holds more than N step rows (30 s at most).
wait_rows() {
    i=0
    while [ "$i" -lt 300 ]; do
        rows=$(grep -c '^[0-9]' "$CSV" 2>/dev/null || echo 0)
        [ "$rows" -gt "$1" ] && return 0
        sleep 0.1
        i=$((i + 1))
    done
    fail "training made no progress"
    return 1
}

# stop SIGNAL EXPECTED NAME [--resume]: train, wait for progress, signal.
stop() {
    sig=$1 want=$2 name=$3
    shift 3
    before=$(grep -c '^[0-9]' "$CSV" 2>/dev/null || echo 0)
    "$EDCG" train $OPTS "$@" >"$T/$name.out" 2>"$T/$name.err" &
    pid=$!
    wait_rows $((before + 4))
    kill "-$sig" "$pid"
    wait "$pid"
    rc=$?
    [ "$rc" = "$want" ] || fail "$name: exit status $rc after SIG$sig, expected $want"
}

stop INT 130 int
grep -q "interrupted at phase .* checkpoint saved to $T/run/m-training/checkpoint.safetensors" \
    "$T/int.out" || fail "no checkpoint message after Ctrl-C: $(cat "$T/int.out")"
grep -q "resume with: edcg train .* --resume" "$T/int.out" || fail "no resume hint"

stop TERM 143 term --resume
grep -q "resuming from" "$T/term.out" || fail "the checkpoint after Ctrl-C did not load"

# SIGKILL cannot be caught: whatever moment it lands, the checkpoint loads.
for delay in 0.3 0.7 1.1; do
    "$EDCG" train $OPTS --resume >/dev/null 2>&1 &
    pid=$!
    sleep "$delay"
    kill -KILL "$pid"
    wait "$pid" 2>/dev/null
done
stop INT 130 afterkill --resume
grep -q "resuming from" "$T/afterkill.out" || fail "checkpoint unusable after SIGKILL: $(cat "$T/afterkill.err")"
[ -e "$T/run/m.safetensors" ] && fail "a stopped run wrote the model"
finish
