#!/usr/bin/env bash
# #5: compiles src/main/cuda/*.cu to PTX for sm_90 (H100/H200; the driver JIT-compiles it for any
# newer GPU) under src/main/resources, where the bundle loads it with cuModuleLoadData. The PTX is
# committed so that machines without nvcc build; SOURCES.sha256 records the sources it was made
# from, and PtxFreshnessTest fails when a .cu or .cuh changed without running this script.
# Usage: bundles/compute-cuda/build-ptx.sh      (needs nvcc: /usr/local/cuda/bin or PATH)
set -euo pipefail
cd "$(dirname "$0")"
NVCC=${NVCC:-$(command -v nvcc || echo /usr/local/cuda/bin/nvcc)}
[ -x "$NVCC" ] || { echo "build-ptx.sh: nvcc not found (set NVCC=/path/to/nvcc)" >&2; exit 1; }
OUT=src/main/resources/tessera/compute/cuda/ptx
mkdir -p "$OUT"
for cu in src/main/cuda/*.cu; do
  name=$(basename "$cu" .cu)
  "$NVCC" -ptx -arch=sm_90 -O3 -o "$OUT/$name.ptx" "$cu"
  # the header names the compiler build; keep it, it is deterministic for one nvcc
done
(cd src/main/cuda && sha256sum *.cu *.cuh) > "$OUT/SOURCES.sha256"
"$NVCC" --version | tail -n 2 | head -n 1 > "$OUT/NVCC.txt"
echo "PTX written to $OUT ($(ls "$OUT"/*.ptx | wc -l) modules, $(du -sh "$OUT" | cut -f1))"
