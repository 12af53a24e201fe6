#!/usr/bin/env bash
# Rebuilds the CMYK output profiles shipped in tessera.plugin.constraints (#6: one ICC profile per inkjet
# and sublimation line) from published print-condition measurements. Not part of the build: the profiles
# are committed under src/main/resources/icc/ and this script documents, and can repeat, how they were made.
# Needs ArgyllCMS (Debian: argyll, argyll-ref) and the measurement sets of Debian's icc-profiles-free
# (FOGRA*L.ti3, TR00*.ti3, zlib licence). Same recipe as imaging's tessera-fogra39.icc (its icc/README.txt).
set -euo pipefail
cd "$(dirname "$0")/../src/main/resources/icc"
DATA=${ICC_DATA:-/usr/share/color/icc}
SRGB=/usr/share/color/argyll/ref/sRGB.icm
command -v colprof >/dev/null || { echo "colprof not found: apt-get install argyll argyll-ref" >&2; exit 1; }
[ -f "$DATA/FOGRA29L.ti3" ] || { echo "$DATA/FOGRA29L.ti3 not found: apt-get install icc-profiles-free (or set ICC_DATA)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# name  data  total-ink-%  description
make() {
  local name=$1 data=$2 tac=$3 desc=$4
  cp "$DATA/$data.ti3" "$work/$name.ti3"
  colprof -A "Tessera" -M "$desc" -D "Tessera $desc, ${tac} % (built with ArgyllCMS from $data data)" \
    -C "Built by the Tessera project with ArgyllCMS colprof from $data.ti3 (Debian icc-profiles-free, zlib licence). No warranty. Redistribution permitted." \
    -qm -nc -kr -l"$tac" -L100 -S "$SRGB" -cmt -dpp -O "$PWD/$name.icc" "$work/$name" >/dev/null
  echo "$name.icc <- $data.ti3, ink limit $tac %"
}
make tessera-fogra29 FOGRA29L 300 "FOGRA29 uncoated offset CMYK"
make tessera-fogra40 FOGRA40L 270 "FOGRA40 supercalendered CMYK"
make tessera-swop-tr005 TR005 300 "SWOP coated #5 (CGATS TR 005) CMYK"
make tessera-gracol-tr006 TR006 320 "GRACoL coated #1 (CGATS TR 006) CMYK"
