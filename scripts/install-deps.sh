#!/usr/bin/env bash
# Installs the Debian packages the build and the tests need (Debian 12; the
# GIMP 3 tests build their own Debian 13 chroot, see tests/gimp/). Does
# nothing when everything is already there, so it is cheap to call often.
set -euo pipefail

packages=(
  gcc clang make pkg-config meson ninja-build gettext
  libopenblas-dev            # GEMM (the engine dlopens libopenblas.so.0)
  libgegl-dev libbabl-dev    # image files in edcg, pixels in the GIMP filter
  gimp libgimp2.0-dev        # the GIMP 2.10 filter and its end-to-end tests
  debootstrap                # the GIMP 3 chroot for its end-to-end tests
  xvfb xauth xdotool x11-apps # the filter's dialog, opened in a real GIMP window
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
$sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}"
