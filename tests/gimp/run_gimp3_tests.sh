#!/bin/sh
# run_gimp3_tests.sh: end-to-end tests of plug-in-edcyclegan in real GIMP
# 3.0, with Script-Fu and Python-Fu batch calls. GIMP 3 comes from Debian
# 13, so the tests run in a chroot (gimp3_chroot.sh: created when missing,
# reused when present); the plug-in is built there with that system's
# libgimp-3.0 and compiler (gimp3_inside.sh).
#
#   run_gimp3_tests.sh SOURCE_ROOT
#
# Exit status 77 (skip) only when the chroot cannot be created or entered.
set -eu
[ $# -eq 1 ] || { echo "usage: $0 SOURCE_ROOT" >&2; exit 2; }
src=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
[ "$(id -u)" = 0 ] || { echo "SKIP: the GIMP 3 chroot needs root"; exit 77; }
status=0
"$here/gimp3_chroot.sh" ensure >/dev/null || status=$?
[ $status -eq 0 ] || exit $status
# One run at a time: runs share the chroot's build folder.
chroot_dir=${EDCG_GIMP3_CHROOT:-/var/cache/edcyclegan/trixie-gimp3}
exec flock "$chroot_dir.run-lock" "$here/gimp3_chroot.sh" run "$src" "sh /src/tests/gimp/gimp3_inside.sh"
