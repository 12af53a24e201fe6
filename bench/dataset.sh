#!/usr/bin/env bash
# Dataset synthesis speed (#3): `tessera dataset make` through the real host, 10,000 tiles of 64 px by
# default (goal: under 2 minutes on the 2-core machine). Prints, last: tiles, size, seconds, tiles_per_s.
#   bench/dataset.sh [COUNT] [SIZE]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
count=${1:-10000}; size=${2:-64}
./tessera build >/dev/null
out=$(mktemp -d); data=$(mktemp -d)
trap 'rm -rf "$out" "$data"' EXIT
start=$(date +%s.%N)
line=$(./tessera --data "$data" dataset make --count "$count" --size "$size" --out "$out/set" 2>/dev/null)
end=$(date +%s.%N)
echo "$line"
secs=$(sed -n 's/.* in \([0-9.]*\) s .*/\1/p' <<<"$line")
machine
echo "tiles: $count"
echo "size: $size"
echo "seconds: $secs"
awk -v s="$start" -v e="$end" 'BEGIN { printf "command_seconds: %.1f\n", e - s }'
awk -v n="$count" -v s="$secs" 'BEGIN { printf "tiles_per_s: %.0f\n", n / s }'
