#!/bin/sh
# gimp3_inside.sh: the GIMP 3 end-to-end tests, run inside the Debian 13
# chroot by run_gimp3_tests.sh with the source tree at /src.
#
# Builds the plug-in and the test helpers with meson in /root/edcg-build
# (kept between runs, so later runs rebuild only what changed), with the
# edcg command the outputs are compared with, installs
# them with `meson install --tags gimp-plugin,i18n` (checking the install
# layout), copies them into an isolated GIMP 3 profile and runs the cases
# of cases.scm (Script-Fu) and cases_gimp3.py (Python-Fu) in one GIMP start
# each, then compares the outputs with the reference (e2e_lib.sh).
set -eu
here=/src/tests/gimp
build=/root/edcg-build
plugin_dir=/usr/lib/x86_64-linux-gnu/gimp/3.0/plug-ins
targets="plugin/edcyclegan edcyclegan-gmo tests/tools/make_test_model tests/gimp/make_test_images
    tests/gimp/reference_translate tests/gimp/compare_png"
edcg=""
if [ -f /src/cli/meson.build ]; then
    targets="$targets cli/edcg"
    edcg=$build/cli/edcg
fi

options="-Dgimp-api=3 -Dgimp=enabled -Dgimp-plugin-dir=$plugin_dir -Dgimp-tests=disabled"
configure() { meson setup "$build" /src --buildtype=debugoptimized $options "$@"; }
compile() { meson compile -C "$build" $targets; }
if [ -f "$build/build.ninja" ]; then
    meson configure "$build" $options >/tmp/edcg-setup.log 2>&1 || true
else
    configure >/tmp/edcg-setup.log 2>&1 || { cat /tmp/edcg-setup.log; exit 1; }
fi
if ! compile >/tmp/edcg-build.log 2>&1; then
    # A build folder from an older tree can be stale: start it afresh once.
    configure --wipe >/tmp/edcg-setup.log 2>&1 || { cat /tmp/edcg-setup.log; exit 1; }
    compile >/tmp/edcg-build.log 2>&1 || { cat /tmp/edcg-build.log; exit 1; }
fi
grep -E "warning:" /tmp/edcg-build.log || true

work=$(mktemp -d /tmp/edcg-gimp3-XXXXXX)
trap '[ -n "${EDCG_KEEP_WORK:-}" ] || rm -rf "$work"' EXIT
log=$work/gimp.log
reference=$build/tests/gimp/reference_translate
compare=$build/tests/gimp/compare_png
. "$here/e2e_lib.sh"

export GIMP3_DIRECTORY="$work/profile" XDG_DATA_HOME="$work/xdg" EDCG_MODEL_PATH="$work" \
    EDCG_SYSTEM_MODEL_DIR="$work/no-system-models"
export LANG=C.UTF-8 LANGUAGE=C OPENBLAS_NUM_THREADS=2
gimp() { timeout "$1" gimp-console-3.0 -i --quit --batch-interpreter="$2" -b "$3"; }
timeout 120 gimp-console-3.0 -i --quit >"$work/first-start.log" 2>&1 || true

install_plugin "$build" "$plugin_dir/edcyclegan" "$GIMP3_DIRECTORY"

"$build/tests/tools/make_test_model" "$work/tiny.safetensors"
"$build/tests/gimp/make_test_images" "$work"

# Script-Fu: every case in one GIMP start.
sf="(begin (define work \"$work\") (load \"$here/cases.scm\") (load \"$here/api_gimp3.scm\")"
gimp 300 plug-in-script-fu-eval "$sf (edcg-run-cases))" >"$log" 2>&1 ||
    fail "gimp" "Script-Fu batch exited with $?"
verify_reference
verify_translation_cases sf3
# GIMP 3 checks the declared ranges itself, before the plug-in runs (its
# message is not shown under `catch`).
verify_refusal_cases sf3 ""

# Python-Fu: the same cases through the procedure config API.
gimp 300 python-fu-eval "work = '$work'; exec(open('$here/cases_gimp3.py').read())" >>"$log" 2>&1 ||
    fail "gimp" "Python-Fu batch exited with $?"
verify_translation_cases py3
verify_refusal_cases py3

# An uncaught error ends a Script-Fu batch with status 70, the message shown.
status=0
gimp 120 plug-in-script-fu-eval "$sf (edcg-filter (edcg-load \"rgb.png\") \"no-such-model\" \"a2b\" 1.0 1.0 -1))" \
    >"$work/uncaught.log" 2>&1 || status=$?
if [ $status -eq 70 ] && grep -qF 'Model "no-such-model" not found' "$work/uncaught.log"; then
    pass "an uncaught failure exits 70 with the message"
else
    fail "uncaught" "status $status: $(cat "$work/uncaught.log")"
fi

# The dialog, interactively (GIMP's user interface under Xvfb).
verify_dialog sf3 gimp-3.0 -n --no-splash --quit --batch-interpreter=plug-in-script-fu-eval -b "$sf
    (let* ((image (edcg-load \"rgb.png\")) (other (edcg-load \"rgb.png\")))
      (gimp-display-new image)
      (plug-in-edcyclegan #:run-mode RUN-INTERACTIVE #:image image
                          #:drawables (car (gimp-image-get-selected-drawables image)))
      (edcg-export image \"out-sf3-gui-ok.png\")
      (plug-in-edcyclegan #:run-mode RUN-WITH-LAST-VALS #:image other
                          #:drawables (car (gimp-image-get-selected-drawables other)))
      (edcg-export other \"out-sf3-gui-last.png\")))"

# GIMP 3 takes the language from the locale.
in_language() {
    env LANG="$2.UTF-8" LANGUAGE= timeout 120 gimp-console-3.0 -i --quit \
        --batch-interpreter=plug-in-script-fu-eval -b "$3"
}
verify_translated_messages in_language

finish "all GIMP 3 checks passed"
