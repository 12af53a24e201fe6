#!/usr/bin/env bash
# Cold start and steady state of the headless host (#2): one process starts Felix with the engine, then
# runs the same procedural job RUNS times (256 px tile, 32 cm repeat at 150 dpi). Prints, last:
# engine_ready_ms (JVM start → engine ready), first_job_ms, steady_job_median_ms (jobs 3..RUNS).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
runs=${RUNS:-12}
./tessera build >/dev/null
data=$(mktemp -d); out=$(mktemp -d)
trap 'rm -rf "$data" "$out"' EXIT
log=$(./tessera --verbose --data "$data" generate --prompt "minimalist floral, Nordic palette, half-drop" \
      --seed 1 --runs "$runs" --out "$out" 2>&1 >/dev/null)
ready=$(sed -n 's/^startup: engine ready \([0-9]*\) ms.*/\1/p' <<<"$log")
mapfile -t jobs < <(sed -n 's/^job [^:]*: \([0-9.]*\) ms.*/\1/p' <<<"$log")
steady=$(printf '%s\n' "${jobs[@]:2}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
machine
echo "runs: $runs"
echo "engine_ready_ms: $ready"
echo "first_job_ms: ${jobs[0]}"
echo "steady_job_median_ms: $steady"
