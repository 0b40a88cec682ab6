#!/bin/sh
# Every user-visible string of the filter is translated into every language
# of po/LINGUAS, with no fuzzy or missing entry and valid format strings:
# the sources' strings are extracted afresh, so a new untranslated message
# fails this test.   Usage: check_translations.sh SOURCE_ROOT
set -eu
root=$1
command -v xgettext >/dev/null 2>&1 || { echo "SKIP: gettext tools not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root"
xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
    -D "$root" -f po/POTFILES -o "$tmp/edcyclegan.pot" 2>"$tmp/xgettext.log" || { cat "$tmp/xgettext.log"; exit 1; }
status=0
for lang in $(grep -v '^#' po/LINGUAS); do
    msgmerge --quiet --no-fuzzy-matching "po/$lang.po" "$tmp/edcyclegan.pot" -o "$tmp/$lang.po"
    stats=$(msgfmt --check --statistics -o /dev/null "$tmp/$lang.po" 2>&1)
    echo "$lang: $stats"
    case $stats in
        *untranslated*|*fuzzy*) status=1 ;;
    esac
    msgfmt --check -o /dev/null "po/$lang.po" || status=1
done
[ $status -eq 0 ] || echo "FAIL: update po/*.po (ninja edcyclegan-update-po) and translate"
exit $status
