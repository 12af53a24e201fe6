#!/usr/bin/env bash
# #4: the unet64 network of shared/BENCH-MODELS.md (time embedding, ResBlocks with GroupNorm(32) + SiLU,
# 3x3 convolutions, nearest upsampling; 11.0 M parameters, 6.28 GMAC per sample), forward, no grad,
# float32, in Tessera (tessera.compute.bench.UnetBench) and in PyTorch CPU (Debian python3-torch; the
# twin in bench/unet64_torch.py), at batch 1 and 16 with 1 and 2 threads. Before timing, Tessera's
# weights, input and output are exported as safetensors, loaded into the PyTorch twin, and the
# outputs compared (max abs difference <= 1e-3). Rounds interleave the sides (the machine is shared);
# figures are medians over rounds, ratio = tessera_ms / torch_ms (goal <= 1.0), printed last.
# Usage: bench/compute-unet.sh [rounds=3] [seconds=3]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}; SECS=${2:-3}
BATCHES=1,16; THREADS=(1 2)
. bench/compute-env.sh /tmp/compute-unet-build.log
. bench/lib.sh
tessera() { "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -Xmx6g -cp "$CP" tessera.compute.bench.UnetBench "$@" 2>/dev/null; }
HAVE_TORCH=0; PY=python3
for p in python3 /usr/bin/python3; do
  if command -v "$p" >/dev/null && "$p" -c 'import torch' 2>/dev/null; then HAVE_TORCH=1; PY=$p; break; fi
done
TORCH_PY='
import sys, time, torch
sys.path.insert(0, "bench")
from unet64_torch import Unet64, read_safetensors
torch.manual_seed(1)
u = Unet64().eval()
if sys.argv[1] == "check":
    t = read_safetensors(sys.argv[2])
    x, ts, y = t.pop("input"), t.pop("timesteps").long(), t.pop("output")
    u.load_state_dict(t, strict=True)
    with torch.no_grad(): ref = u(x, ts)
    err = (ref - y).abs().max().item()
    print("unet64_max_abs_diff_tessera_vs_torch: %.2e" % err)
    sys.exit(0 if err <= 1e-3 else 1)
threads, secs, batches = int(sys.argv[2]), float(sys.argv[3]), [int(b) for b in sys.argv[4].split(",")]
torch.set_num_threads(threads)
with torch.no_grad():
    for b in batches:
        x = torch.rand(b, 3, 64, 64) * 2 - 1; ts = (torch.arange(b) * 37 + 11) % 1000
        end = time.perf_counter() + 1
        while time.perf_counter() < end: u(x, ts)
        ms = []; end = time.perf_counter() + secs
        while len(ms) < 7 or time.perf_counter() < end:
            t0 = time.perf_counter(); u(x, ts); ms.append((time.perf_counter() - t0) * 1e3)
        ms.sort(); print("torch_unet64_b%d_%dt_ms: %.2f" % (b, threads, ms[len(ms) // 2]))
'
if [[ $HAVE_TORCH == 1 ]]; then
  EXPORT=$(mktemp -d /tmp/compute-unet.XXXXXX); trap 'rm -rf "$EXPORT"' EXIT
  tessera export="$EXPORT/unet64.safetensors" >/dev/null
  "$PY" -c "$TORCH_PY" check "$EXPORT/unet64.safetensors" || { echo "error: Tessera's unet64 differs from PyTorch's with the same weights"; exit 1; }
else
  echo "torch: not installed here (apt-get install -y python3-torch libopenblas0-pthread); Tessera alone, no ratios"
fi
declare -A T P
for ((r = 0; r < ROUNDS; r++)); do
  for t in "${THREADS[@]}"; do
    while IFS=': ' read -r k v; do T[$k]+="$v "; done < <(tessera batch=$BATCHES threads=$t seconds=$SECS | grep '^tessera_' | sed 's/^tessera_//; s/_ms:/:/')
    if [[ $HAVE_TORCH == 1 ]]; then
      while IFS=': ' read -r k v; do P[$k]+="$v "; done < <(OPENBLAS_NUM_THREADS=$t OMP_NUM_THREADS=$t "$PY" -c "$TORCH_PY" bench $t $SECS $BATCHES | grep '^torch_' | sed 's/^torch_//; s/_ms:/:/')
    fi
  done
done
for k in $(printf '%s\n' "${!T[@]}" | sort); do
  echo "tessera_${k}_ms: $(median "${T[$k]}")"
  [[ -n "${P[$k]:-}" ]] && echo "torch_${k}_ms: $(median "${P[$k]}")"
done
for k in $(printf '%s\n' "${!T[@]}" | sort); do
  if [[ -n "${P[$k]:-}" ]]; then
    awk -v a="$(median "${T[$k]}")" -v b="$(median "${P[$k]}")" -v k="$k" 'BEGIN {printf "ratio_%s: %.2f\n", k, a / b}'
  fi
done
