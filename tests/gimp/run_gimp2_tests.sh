#!/bin/sh
# run_gimp2_tests.sh: end-to-end tests of plug-in-edcyclegan in real GIMP
# 2.10 (Debian 12, headless, Script-Fu batch calls).
#
#   run_gimp2_tests.sh BUILD_ROOT PLUGIN_INSTALL_DIR MAKE_TEST_MODEL \
#                      MAKE_TEST_IMAGES REFERENCE_TRANSLATE COMPARE_PNG [EDCG]
#
# The plug-in and its translations are installed with `meson install
# --tags gimp-plugin,i18n` into a staging folder (which checks the install
# layout), copied into an isolated GIMP profile, and called on test images
# with a tiny model the test creates. Outputs are compared with what `edcg
# apply` (EDCG, when built) computes (e2e_lib.sh). GIMP_CONSOLE overrides
# gimp-console-2.10.
set -eu
[ $# -eq 6 ] || [ $# -eq 7 ] || { echo "usage: $0 BUILD_ROOT PLUGIN_INSTALL_DIR MAKE_TEST_MODEL MAKE_TEST_IMAGES REFERENCE COMPARE [EDCG]" >&2; exit 2; }
build_root=$1 install_dir=$2 make_model=$3 make_images=$4 reference=$5 compare=$6 edcg=${7:-}
here=$(cd "$(dirname "$0")" && pwd)
gimp=${GIMP_CONSOLE:-gimp-console-2.10}
command -v "$gimp" >/dev/null 2>&1 || { echo "SKIP: $gimp not installed"; exit 77; }

work=$(mktemp -d "${TMPDIR:-/tmp}/edcg-gimp2-XXXXXX")
trap '[ -n "${EDCG_KEEP_WORK:-}" ] || rm -rf "$work"' EXIT
log=$work/gimp.log
. "$here/e2e_lib.sh"

# Isolated profile and model search path: nothing of the user's is used.
export GIMP2_DIRECTORY="$work/profile" XDG_DATA_HOME="$work/xdg" EDCG_MODEL_PATH="$work" \
    EDCG_SYSTEM_MODEL_DIR="$work/no-system-models"
export LANG=C.UTF-8 LANGUAGE=C OPENBLAS_NUM_THREADS=2
timeout 120 "$gimp" -i -b '(gimp-quit 0)' >"$work/first-start.log" 2>&1 || true

install_plugin "$build_root" "$install_dir" "$GIMP2_DIRECTORY"

"$make_model" "$work/tiny.safetensors"
"$make_images" "$work"

# One GIMP start for every Script-Fu case.
sf="(begin (define work \"$work\") (load \"$here/cases.scm\") (load \"$here/api_gimp2.scm\")"
timeout 300 "$gimp" -i -b "$sf (edcg-run-cases))" -b '(gimp-quit 0)' >"$log" 2>&1 ||
    fail "gimp" "gimp-console exited with $?"

verify_reference
verify_translation_cases sf2
verify_refusal_cases sf2 "Strength 1.5 is outside 0 to 1"

# The dialog, interactively (GIMP's user interface under Xvfb).
gui_gimp=$(dirname "$(command -v "$gimp")")/gimp-2.10
verify_dialog sf2 env GIMP2_DIRECTORY="$GIMP2_DIRECTORY" "$gui_gimp" -n -s --no-splash -b "$sf
    (let* ((image (edcg-load \"rgb.png\")) (other (edcg-load \"rgb.png\")))
      (gimp-display-new image)
      (plug-in-edcyclegan RUN-INTERACTIVE image (edcg-drawable image) \"\" \"\" 0.0 0.0 0)
      (edcg-export image \"out-sf2-gui-ok.png\")
      (plug-in-edcyclegan RUN-WITH-LAST-VALS other (edcg-drawable other) \"\" \"\" 0.0 0.0 0)
      (edcg-export other \"out-sf2-gui-last.png\")
      (gimp-quit 1)))"

# GIMP 2.10 takes the language from LANGUAGE.
in_language() { LANGUAGE=$1 timeout 120 "$gimp" -i -b "$3" -b '(gimp-quit 0)'; }
verify_translated_messages in_language

finish "all GIMP 2.10 checks passed"
