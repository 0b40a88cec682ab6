#!/usr/bin/env bash
# The main job (README.md): installs what is missing, builds, installs the
# edcg command, the GIMP filter and the shipped models, then translates the
# bundled sample images with the shipped models into ./demo-output/.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

meson setup build-release --buildtype=release --reconfigure >/dev/null 2>&1 ||
  meson setup build-release --buildtype=release
meson compile -C build-release
$sudo meson install -C build-release --quiet

out=demo-output
mkdir -p "$out"
build-release/samples/make_samples "$out" >/dev/null

edcg --version
edcg list
translated=()
translate() { # model, target domain, input, output
  if edcg list | grep -q "^$1 "; then
    edcg apply -m "$1" --to "$2" "$out/$3" -o "$out/$4" && translated+=("$out/$4")
  else
    echo "demo: the shipped model '$1' is not installed yet (weights/ has no $1.safetensors)" >&2
  fi
}
translate apple2orange orange apple.png apple-to-orange.png
translate summer2winter winter landscape.png landscape-to-winter.png
echo "GIMP: Filters > Artistic > ED-CycleGAN Translate... (restart GIMP once after installing)"
[ ${#translated[@]} -gt 0 ] || { echo "demo: nothing translated" >&2; exit 1; }
echo "translated: ${translated[*]}"
