#!/usr/bin/env bash
# The test command (README.md, and .ci/run calls exactly this): installs
# what is missing, builds, runs every test, then runs the engine and CLI
# tests again under AddressSanitizer and UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

meson setup build-test --buildtype=debugoptimized --reconfigure >/dev/null 2>&1 ||
  meson setup build-test --buildtype=debugoptimized
meson compile -C build-test
meson test -C build-test --print-errorlogs

# Sanitizers: the GIMP end-to-end suite runs the filter inside GIMP, which
# is not built with them, so it is left out here.
meson setup build-asan -Db_sanitize=address,undefined -Db_lundef=false --buildtype=debug \
  --reconfigure >/dev/null 2>&1 ||
  meson setup build-asan -Db_sanitize=address,undefined -Db_lundef=false --buildtype=debug
meson compile -C build-asan
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  LSAN_OPTIONS=suppressions="$PWD/tests/lsan.supp" \
  meson test -C build-asan --print-errorlogs --no-suite gimp --timeout-multiplier 3
