#!/bin/sh
# gimp3_chroot.sh: the Debian 13 ("trixie") chroot that runs GIMP 3.0 for the
# end-to-end tests, created when missing and reused when present.
#
#   gimp3_chroot.sh ensure            create it if needed; prints its path
#   gimp3_chroot.sh run SRC CMD...    run CMD (sh -c) inside it, with the
#                                     source tree SRC bind-mounted at /src
#
# Environment: EDCG_GIMP3_CHROOT (default /var/cache/edcyclegan/trixie-gimp3),
# EDCG_DEBIAN_MIRROR (default: the deb.debian.org-style mirror that apt uses).
# Exit status 77 (the meson "skip" code) when the chroot cannot be created,
# e.g. without root or without network to the mirror.
#
# Why a chroot: Debian 12 ships GIMP 2.10 only; GIMP 3.0 comes from trixie,
# and a chroot leaves the host's packages untouched. Mounts are made in a
# private mount namespace (unshare), so nothing is left behind if a test is
# killed.
set -eu

CHROOT=${EDCG_GIMP3_CHROOT:-/var/cache/edcyclegan/trixie-gimp3}
# Bump when the package list changes, so old chroots are upgraded.
STAMP_VERSION=4
PACKAGES="gimp libgimp-3.0-dev libgegl-dev libbabl-dev libopenblas-dev meson ninja-build gcc \
pkg-config gettext locales xvfb xauth xdotool x11-apps"
# Locales the translation checks run in: glibc 2.41 ignores LANGUAGE under
# C.UTF-8, so German and Japanese need real locales.
LOCALES="de_DE ja_JP"

skip() { echo "SKIP: $*" >&2; exit 77; }

mirror() {
    if [ -n "${EDCG_DEBIAN_MIRROR:-}" ]; then echo "$EDCG_DEBIAN_MIRROR"; return; fi
    # The first Debian archive apt is configured with (one-line or deb822 format).
    m=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources \
            2>/dev/null | grep -v '^[[:space:]]*#' \
        | sed -n -e 's|^deb[[:space:]]\{1,\}\(\[[^]]*\][[:space:]]\{1,\}\)\{0,1\}\(https\{0,1\}://[^[:space:]]*\).*|\2|p' \
                 -e 's|^URIs:[[:space:]]*\(https\{0,1\}://[^[:space:]]*\).*|\1|p' \
        | grep -v -e security -e nodesource -e google | head -n 1)
    echo "${m:-http://deb.debian.org/debian}"
}

# Runs "sh -c CMD" inside DIR with /proc, /dev and (optionally) SRC at /src.
in_chroot() {
    dir=$1 src=$2 cmd=$3
    unshare --mount --propagation private sh -euc '
        dir=$1 src=$2 cmd=$3
        mount -t proc proc "$dir/proc"
        mount --rbind /dev "$dir/dev"
        if [ -n "$src" ]; then mkdir -p "$dir/src"; mount --bind "$src" "$dir/src"; fi
        cp -L /etc/resolv.conf "$dir/etc/resolv.conf" 2>/dev/null || true
        exec chroot "$dir" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin \
            LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
            EDCG_KEEP_WORK="${EDCG_KEEP_WORK:-}" /bin/sh -c "$cmd"
    ' in_chroot "$dir" "$src" "$cmd"
}

ensure() {
    [ -f "$CHROOT/.edcg-ready-$STAMP_VERSION" ] && { echo "$CHROOT"; return 0; }
    [ "$(id -u)" = 0 ] || skip "creating the GIMP 3 chroot needs root"
    command -v debootstrap >/dev/null 2>&1 || skip "debootstrap is not installed"
    command -v unshare >/dev/null 2>&1 || skip "unshare is not available"
    mkdir -p "$(dirname "$CHROOT")"
    # One creator at a time; a second caller waits, then reuses the result.
    exec 9>"$CHROOT.lock"
    flock 9
    if [ ! -f "$CHROOT/.edcg-ready-$STAMP_VERSION" ]; then
        if [ ! -x "$CHROOT/usr/bin/apt-get" ]; then
            tmp="$CHROOT.partial"
            rm -rf "$tmp"
            echo "creating the GIMP 3 chroot in $CHROOT (debootstrap trixie, a few minutes)" >&2
            debootstrap --variant=minbase trixie "$tmp" "$(mirror)" >"$CHROOT.log" 2>&1 \
                || { tail -n 5 "$CHROOT.log" >&2; rm -rf "$tmp"; skip "debootstrap trixie failed (no network to the mirror?)"; }
            mv "$tmp" "$CHROOT"
        fi
        echo "installing GIMP 3 in the chroot (apt, about 1.3 GB)" >&2
        in_chroot "$CHROOT" "" "apt-get update && apt-get install -y --no-install-recommends $PACKAGES" \
            >>"$CHROOT.log" 2>&1 \
            || { tail -n 5 "$CHROOT.log" >&2; skip "apt-get in the chroot failed (no network to the mirror?)"; }
        for l in $LOCALES; do
            in_chroot "$CHROOT" "" "localedef -i $l -f UTF-8 $l.UTF-8" >>"$CHROOT.log" 2>&1 \
                || { tail -n 5 "$CHROOT.log" >&2; exit 1; }
        done
        touch "$CHROOT/.edcg-ready-$STAMP_VERSION"
    fi
    flock -u 9
    echo "$CHROOT"
}

case "${1:-}" in
    ensure) ensure ;;
    run)
        [ $# -ge 3 ] || { echo "usage: $0 run SRC CMD" >&2; exit 2; }
        ensure >/dev/null
        in_chroot "$CHROOT" "$2" "$3" ;;
    *) echo "usage: $0 ensure | run SRC CMD" >&2; exit 2 ;;
esac
