# lib.sh: shared helpers of the edcg CLI tests (POSIX sh). Each test script
# sources it, gets a fresh temporary folder in $T (removed at exit) and the
# tools from the environment meson sets: EDCG, MAKE_IMAGES, MAKE_MODEL.

set -u
: "${EDCG:?EDCG must point to the built edcg}"
: "${MAKE_IMAGES:?}" "${MAKE_MODEL:?}"

T=$(mktemp -d "${TMPDIR:-/tmp}/edcg-cli-test.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
# Never touch the real user's model folder.
# Models installed on the machine (meson install, scripts/demo.sh) are not the tests'.
export XDG_DATA_HOME="$T/xdg" EDCG_MODEL_PATH="" EDCG_SYSTEM_MODEL_DIR="$T/no-system-models" \
    OPENBLAS_NUM_THREADS=2
FAILURES=0

fail() {
    echo "FAIL: $*" >&2
    FAILURES=$((FAILURES + 1))
}

# run NAME CMD...: runs CMD, keeping stdout/stderr/status in $T/NAME.*
run() {
    name=$1
    shift
    "$@" >"$T/$name.out" 2>"$T/$name.err"
    echo $? >"$T/$name.rc"
}

status_of() { cat "$T/$1.rc"; }

# expect_failure NAME STATUS PATTERN: the run exited with STATUS and wrote
# exactly one line to stderr, matching PATTERN (grep -E).
expect_failure() {
    rc=$(status_of "$1")
    [ "$rc" = "$2" ] || fail "$1: exit status $rc, expected $2 ($(cat "$T/$1.err"))"
    lines=$(wc -l <"$T/$1.err")
    [ "$lines" -eq 1 ] || fail "$1: $lines lines on stderr, expected one: $(cat "$T/$1.err")"
    grep -Eq -- "$3" "$T/$1.err" || fail "$1: stderr does not match '$3': $(cat "$T/$1.err")"
}

expect_success() {
    rc=$(status_of "$1")
    [ "$rc" = 0 ] || fail "$1: exit status $rc: $(cat "$T/$1.err")"
}

# no_leftovers DIR: no temporary files were left behind in DIR.
no_leftovers() {
    left=$(find "$1" -name '.*.tmp' 2>/dev/null)
    [ -z "$left" ] || fail "temporary files left in $1: $left"
}

# tensor_bytes FILE: the tensor data of a safetensors file (after its
# 8-byte header length and JSON header), so models compare without their
# metadata (dates, durations, command lines).
tensor_bytes() {
    n=$(od -An -t u8 -N 8 "$1" | tr -d ' ')
    tail -c +$((n + 9)) "$1"
}

# png_info FILE: "BITDEPTH COLOURTYPE" from the PNG header (6 = RGBA, 2 = RGB).
png_info() {
    od -An -t u1 -j 24 -N 2 "$1" | tr -s ' ' | sed 's/^ //'
}

# png_size FILE: "WIDTH HEIGHT" from the PNG header (IHDR, big-endian).
png_size() {
    set -- $(od -An -t u1 -j 16 -N 8 "$1")
    echo $(($1 * 16777216 + $2 * 65536 + $3 * 256 + $4)) $(($5 * 16777216 + $6 * 65536 + $7 * 256 + $8))
}

# be32 N: N as four big-endian bytes.
be32() {
    printf "$(printf '\\%03o\\%03o\\%03o\\%03o' $(($1 >> 24 & 255)) $(($1 >> 16 & 255)) \
        $(($1 >> 8 & 255)) $(($1 & 255)))"
}

# png_with_chunk PNG TYPE: PNG with a chunk TYPE holding stdin's bytes
# inserted after IHDR, on stdout. libpng checks the chunk's CRC, which
# gzip's trailer computes (the CRC-32 of its input, little-endian).
png_with_chunk() {
    { printf '%s' "$2"; cat; } >"$T/chunk.bin"
    crc=$(gzip -c <"$T/chunk.bin" | tail -c 8 | head -c 4 | od -An -to1 |
        awk '{ printf "\\%s\\%s\\%s\\%s", $4, $3, $2, $1 }')
    head -c 33 "$1"
    be32 $(($(wc -c <"$T/chunk.bin") - 4))
    cat "$T/chunk.bin"
    printf "$crc"
    tail -c +34 "$1"
    rm -f "$T/chunk.bin"
}

# Synthetic training images: A reddish, B greenish.
make_images() {
    mkdir -p "$1" && "$MAKE_IMAGES" "$1" "$2" "$3" "$4" ${5:-} || {
        echo "cannot write test images with GEGL: skipping" >&2
        exit 77
    }
}

finish() {
    if [ "$FAILURES" -ne 0 ]; then
        echo "$FAILURES check(s) failed" >&2
        exit 1
    fi
    echo "all checks passed"
    exit 0
}
