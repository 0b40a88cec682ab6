# e2e_lib.sh: checks shared by the GIMP 2.10 and GIMP 3 end-to-end runners
# (sourced). Every case writes out-<prefix>-<case>.png into $work and says
# "EDCG <prefix>-<case> <result>" in GIMP's output ($log); these functions
# compare the files with the reference translation and report PASS/FAIL.
#
# Needs: $work (folder with rgb.png, rgba.png, gray.png, tiny.safetensors),
# $log (GIMP's output), $reference and $compare (helper programs), $edcg
# (the edcg command; may be empty when it is not built) and, for the
# Script-Fu cases, $sf (the start of a batch that loads cases.scm).

failures=0

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; failures=$((failures + 1)); }

# install_plugin BUILD INSTALL_DIR PROFILE: `meson install --tags
# gimp-plugin,i18n` of BUILD into a staging folder, which checks the install
# layout (the plug-in and its catalogs in INSTALL_DIR, the plug-in's own
# folder), then a copy of that folder into PROFILE/plug-ins/.
install_plugin() {
    meson install -C "$1" --no-rebuild --quiet --tags gimp-plugin,i18n --destdir "$work/stage" \
        >"$work/install.log" 2>&1 || { cat "$work/install.log"; exit 1; }
    staged=$work/stage$2
    for f in edcyclegan locale/de/LC_MESSAGES/edcyclegan.mo locale/ja/LC_MESSAGES/edcyclegan.mo; do
        if [ -f "$staged/$f" ]; then pass "meson install puts $f in the plug-in folder"
        else fail "install" "$staged/$f missing"; fi
    done
    mkdir -p "$3/plug-ins"
    cp -r "$staged" "$3/plug-ins/edcyclegan"
}

# The case's marker in GIMP's output: ok, failed, or a value.
marker() { sed -n "s/.*EDCG $1 \([^ ]*\).*/\1/p" "$log" | head -n 1; }

expect_marker() { # NAME EXPECTED
    got=$(marker "$1")
    if [ "$got" = "$2" ]; then pass "$1 is $2"; else fail "$1" "expected '$2', got '${got:-nothing}'"; fi
}

expect_log() { # NAME TEXT: GIMP's output shows TEXT (an error message)
    if grep -qF -- "$2" "$log"; then pass "$1 says \"$2\""; else fail "$1" "no \"$2\" in the output"; fi
}

# translate_ref DIRECTION STRENGTH EDGE WORK_SIZE IN OUT [X Y W H]: the
# expected pixels. A whole image is translated by `edcg apply` itself; a
# rectangle (what the filter does for a selection, which the command has no
# option for) by reference_translate, which runs the command's GEGL path
# (edcg_gegl_translate) on that rectangle only.
translate_ref() {
    if [ -n "${edcg:-}" ] && [ $# -eq 6 ]; then
        ws=""
        [ "$4" = -1 ] || ws="--work-size $4"
        # shellcheck disable=SC2086
        "$edcg" apply -m "$work/tiny.safetensors" --direction "$1" --strength "$2" --edge "$3" \
            $ws "$work/$5" -o "$work/$6" >"$work/edcg.log" 2>&1 || cat "$work/edcg.log"
    else
        "$reference" "$work/tiny.safetensors" "$1" "$2" "$3" "$4" "$work/$5" "$work/$6" \
            ${7:+"$7" "$8" "$9" "${10}"}
    fi
}

# expect_same NAME OUT REF TOLERANCE [X Y W H]: colour within TOLERANCE
# levels, alpha identical.
expect_same() {
    name=$1 out=$2 ref=$3 tol=$4
    shift 4
    if [ ! -f "$work/$out" ]; then fail "$name" "$out was not written"; return; fi
    if result=$("$compare" equal "$work/$out" "$work/$ref" "$tol" "$@" 2>&1); then
        pass "$name: $out matches $ref ($result)"
    else
        fail "$name" "$out differs from $ref: $result"
    fi
}

# expect_changed NAME OUT ORIGINAL [X Y W H]: the filter did change the
# pixels (so a filter that does nothing cannot pass the comparisons).
expect_changed() {
    name=$1 out=$2 orig=$3
    shift 3
    d=$("$compare" meandiff "$work/$out" "$work/$orig" "$@" 2>/dev/null || echo 0)
    if awk -v d="$d" 'BEGIN { exit !(d > 5) }'; then pass "$name: changed by $d levels on average"
    else fail "$name" "barely changed ($d levels)"; fi
}

# reference_translate, used for selections, gives the command's pixels.
verify_reference() {
    if [ -z "${edcg:-}" ]; then
        echo "NOTE: the edcg command is not built; comparing with reference_translate only"
        return
    fi
    translate_ref a2b 0.7 1.2 48 rgba.png cli-check.png
    "$reference" "$work/tiny.safetensors" a2b 0.7 1.2 48 "$work/rgba.png" "$work/reference-check.png"
    expect_same "reference_translate equals edcg apply" reference-check.png cli-check.png 0
}

# The cases both GIMP versions run, for one batch interface (PREFIX).
verify_translation_cases() {
    p=$1
    for c in rgb rgba selection offset float u16 feather; do expect_marker "$p-$c" ok; done

    translate_ref a2b 1.0 1.0 -1 rgb.png ref-rgb.png
    expect_same "$p-rgb: RGB, model by name" "out-$p-rgb.png" ref-rgb.png 1
    expect_changed "$p-rgb" "out-$p-rgb.png" rgb.png

    translate_ref orange 0.6 1.3 -1 rgba.png ref-rgba.png
    expect_same "$p-rgba: RGBA, model by path, direction by domain, strength, edge strength" \
        "out-$p-rgba.png" ref-rgba.png 1
    expect_changed "$p-rgba" "out-$p-rgba.png" rgba.png

    translate_ref b2a 1.0 1.0 -1 rgb.png ref-selection.png 20 10 40 30
    expect_same "$p-selection: only the selection changes" "out-$p-selection.png" \
        ref-selection.png 1
    expect_changed "$p-selection" "out-$p-selection.png" rgb.png 20 10 40 30

    # The layer sits at (20, 30) of a larger canvas; the selection (0, 0,
    # 60, 50) covers its top-left 40x20 and reaches outside it.
    translate_ref a2b 1.0 1.0 -1 rgba.png ref-offset.png 0 0 40 20
    expect_same "$p-offset: layer offset, selection clipped to the layer" \
        "out-$p-offset.png" ref-offset.png 1
    expect_changed "$p-offset" "out-$p-offset.png" rgba.png 0 0 40 20

    translate_ref a2b 1.0 1.0 48 rgb.png ref-float.png
    expect_same "$p-float: 32-bit float linear image, working resolution 48" \
        "out-$p-float.png" ref-float.png 1

    translate_ref a2b 0.8 0.5 0 rgba.png ref-u16.png
    expect_same "$p-u16: 16-bit image, full resolution" "out-$p-u16.png" ref-u16.png 1

    # Feathered selection (30, 20, 36, 30) feathered by 8: far outside it
    # nothing changes, its middle is translated, the rim is a blend.
    expect_same "$p-feather: outside untouched" "out-$p-feather.png" rgb.png 0 0 0 16 72
    core=$("$compare" meandiff "$work/out-$p-feather.png" "$work/rgb.png" 40 28 16 14 || echo 0)
    rim=$("$compare" meandiff "$work/out-$p-feather.png" "$work/rgb.png" 24 28 4 14 || echo 0)
    if awk -v c="$core" -v r="$rim" 'BEGIN { exit !(c > 5 && r > 0 && r < c) }'; then
        pass "$p-feather: the rim blends ($rim levels) towards the core ($core)"
    else
        fail "$p-feather" "rim $rim, core $core: no blend"
    fi
}

# A refused call: error status, a clear message (unless MESSAGE is empty),
# the image unchanged and no undo step (the image is still clean).
verify_refusal() { # NAME MESSAGE ORIGINAL
    expect_marker "$1-call" failed
    expect_marker "$1-dirty" 0
    [ -z "$2" ] || expect_log "$1" "$2"
    expect_same "$1: image unchanged" "out-$1.png" "$3" 0
}

# The refused calls of cases.scm for one batch interface (PREFIX). GIMP 3
# refuses a strength outside the declared range itself, so the case and
# its message are the caller's: with STRENGTH_MESSAGE (empty: any message)
# the bad-strength case is checked too.
verify_refusal_cases() { # PREFIX [STRENGTH_MESSAGE]
    verify_refusal "$1-bad-model" 'Model "no-such-model" not found' rgb.png
    verify_refusal "$1-gray" "needs an RGB layer" gray.png
    verify_refusal "$1-bad-work-size" "Working resolution 5 is not allowed" rgb.png
    [ $# -lt 2 ] || verify_refusal "$1-bad-strength" "$2" rgb.png
    verify_refusal "$1-bad-direction" 'Direction "banana" does not fit this model' rgb.png
}

# Messages follow the user's language (catalogs in the plug-in's locale/):
# RUN LANGUAGE LOCALE SCRIPT runs the Script-Fu SCRIPT in GIMP for a user
# of LANGUAGE (de) with LOCALE (de_DE); the filter's refusal of a gray
# layer must be in that language.
verify_translated_messages() { # RUN
    for l in de:de_DE:"benötigt eine RGB-Ebene" ja:ja_JP:"RGB レイヤーが必要です"; do
        lang=${l%%:*} text=${l#*:*:} locale=${l#*:}
        locale=${locale%%:*}
        "$1" "$lang" "$locale" "$sf (edcg-filter (edcg-load \"gray.png\") \"tiny\" \"a2b\" 1.0 1.0 -1))" \
            >"$work/gimp-$lang.log" 2>&1 || true
        if grep -qF "$text" "$work/gimp-$lang.log"; then pass "message in $lang: $text"
        else fail "i18n-$lang" "no \"$text\" in: $(cat "$work/gimp-$lang.log")"; fi
    done
}

# The failures so far: GIMP's output and the count, exit status 1; or
# MESSAGE when every check passed.
finish() { # MESSAGE
    if [ "$failures" -ne 0 ]; then
        echo "--- GIMP output ---"
        cat "$log"
        echo "$failures check(s) failed"
        exit 1
    fi
    echo "$1"
}

# The dialog, in GIMP's user interface under a virtual X server: GUI_COMMAND
# opens the image and runs the filter interactively, exports the result to
# out-<prefix>-gui-ok.png, runs it again with RUN-WITH-LAST-VALS on a fresh
# copy (out-<prefix>-gui-last.png) and quits. When the dialog appears it is
# photographed ($work/dialog-<prefix>.xwd, for people to look at: the
# preview shows the translation) and OK is pressed. Both results must be
# the default translation of the first installed model (tiny, a2b).
verify_dialog() { # PREFIX GUI_COMMAND...
    p=$1
    shift
    for tool in xvfb-run xdotool xwd; do
        command -v $tool >/dev/null 2>&1 || { echo "NOTE: $tool missing, the dialog is not checked"; return; }
    done
    xvfb-run -a -s "-screen 0 1280x900x24" sh -c '
        out=$1 shot=$2
        shift 2
        "$@" >"$out" 2>&1 &
        pid=$!
        i=0
        while [ $i -lt 90 ]; do
            w=$(xdotool search --name "ED-CycleGAN Translate" 2>/dev/null | head -n 1)
            [ -n "$w" ] && break
            sleep 1; i=$((i + 1))
        done
        if [ -n "$w" ]; then
            sleep 3 # the preview renders
            xwd -root -silent >"$shot"
            xdotool windowfocus --sync "$w" && sleep 1 && xdotool key Return
        fi
        i=0
        while kill -0 $pid 2>/dev/null && [ $i -lt 90 ]; do sleep 1; i=$((i + 1)); done
        kill $pid 2>/dev/null || true
    ' verify_dialog "$work/gui-$p.log" "$work/dialog-$p.xwd" "$@" || true
    if [ -s "$work/dialog-$p.xwd" ]; then pass "$p-dialog opens (screenshot dialog-$p.xwd)"
    else fail "$p-dialog" "no dialog appeared: $(tail -n 5 "$work/gui-$p.log")"; fi
    [ -f "$work/ref-rgb.png" ] || translate_ref a2b 1.0 1.0 -1 rgb.png ref-rgb.png
    expect_same "$p-dialog: OK translates with the dialog's values" "out-$p-gui-ok.png" ref-rgb.png 1
    expect_same "$p-dialog: the values are remembered for Repeat" "out-$p-gui-last.png" ref-rgb.png 1
}
