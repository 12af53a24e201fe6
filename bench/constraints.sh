#!/usr/bin/env bash
# Check and repair times for a 4096 × 4096 design (#6), through the real host: a procedural brush-mark
# design (6 colours, 64 cm repeat) is drawn at 4096 px, then checked and exported for a 2688-hook,
# 5-colour jacquard: `tessera check` (repeat, seam, resolution, colour count), and `tessera export`
# (check, repairs: palette reduction 6 → 5 by k-means in CIELAB and rescaling the repeat to fit the
# hooks, binding floats, re-check, production files), then exported for a 280 % inkjet line (ink checks and
# repair). Prints, last, the stage times from the job records.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
./tessera build >/dev/null
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
data="$work/data"
./tessera --data "$data" generate --prompt "dense brush marks, jewel palette, 10 colours" --size 4096 --width-cm 64 --seed 3 \
  --out "$work/design" >/dev/null 2>&1 || true
tile="$work/design/design-01-tile.png"
ms() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["timingsMs"].get(sys.argv[2], 0))' "$1" "$2"; }
./tessera --data "$data" check "$tile" --profile jacquard-2688 --json >"$work/check.json" 2>/dev/null || true
./tessera --data "$data" export "$tile" --profile jacquard-2688 --out "$work/export" --json >/dev/null 2>&1 || true
# #6: the same design for a 280 % pigment inkjet line: ink coverage and gamut check, repair (lightening,
# gamut mapping), re-check, and the ink-limited CMYK TIFF, the real-size preview and the print TIFF
./tessera --data "$data" export "$tile" --profile inkjet-300-cmyk --out "$work/inkjet" --json >/dev/null 2>&1 || true
check_dir=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["outDir"])' "$work/check.json")
machine
echo "design_px: 4096x4096"
echo "check_ms: $(ms "$check_dir/job.json" constrain)"
echo "export_check_and_recheck_ms: $(ms "$work/export/job.json" constrain)"
echo "repair_ms: $(ms "$work/export/job.json" repair)"
echo "export_files_ms: $(ms "$work/export/job.json" export)"
echo "inkjet_check_and_recheck_ms: $(ms "$work/inkjet/job.json" constrain)"
echo "inkjet_repair_ms: $(ms "$work/inkjet/job.json" repair)"
echo "inkjet_export_files_ms: $(ms "$work/inkjet/job.json" export)"
rm -rf "$check_dir"
