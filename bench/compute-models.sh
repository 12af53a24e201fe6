#!/usr/bin/env bash
# #4: the DCGAN generators dcgan64 and dcgan256 of shared/BENCH-MODELS.md (ConvTranspose2d without
# bias + BatchNorm2d in eval mode + ReLU, Tanh last; noise N×128×1×1), forward, no grad, float32,
# in Tessera (tessera.compute.bench.ModelsBench) and in PyTorch CPU (Debian python3-torch), at
# batch 1 and 16, 1 and 2 threads. Protocol of BENCH-MODELS.md on both sides: warm-up >= 1 s, then
# >= 7 runs and >= SECONDS s, median ms per batch.
# Before timing: Tessera validates its output (shape, finite, inside (-1, 1)); then Tessera's
# weights, input and output are exported as safetensors, loaded into the PyTorch model (a small
# reader of the format, no numpy) and the outputs compared (max abs difference <= 1e-4).
# Rounds interleave the sides per (model, threads): Tessera, then PyTorch, ... because the machine
# is shared and noisy; figures are medians over rounds, each ratio (tessera_ms / torch_ms, goal
# <= 1.0) the median of the per-round ratios. Per-layer op times (median ms) of round 1 are printed
# as profile lines before the key: value lines.
# Usage: bench/compute-models.sh [rounds=3] [seconds=3] [models=dcgan64,dcgan256]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}; SECS=${2:-3}; MODELS=${3:-dcgan64,dcgan256}
BATCHES=(1 16); THREADS=(1 2)

. bench/compute-env.sh /tmp/compute-models-build.log
. bench/lib.sh
tessera() { "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -Xmx4g -cp "$CP" tessera.compute.bench.ModelsBench "$@"; }

# Debian's python3-torch lives in /usr/bin/python3's dist-packages; a pyenv or venv python3 first
# on PATH does not see it, so take the first interpreter that imports torch.
HAVE_TORCH=0; PY=python3
for p in python3 /usr/bin/python3; do
  if command -v "$p" >/dev/null && "$p" -c 'import torch' 2>/dev/null; then HAVE_TORCH=1; PY=$p; break; fi
done

# The same network in PyTorch; `check FILE` loads Tessera's exported weights and compares outputs,
# `bench MODEL THREADS SECONDS BATCH...` times it (and each layer's ops) with random weights.
TORCH_PY='
import sys, json, math, struct, time, torch
from torch import nn
CH = {"dcgan64": [128, 512, 256, 128, 64, 3], "dcgan256": [128, 512, 512, 512, 256, 128, 64, 3]}
def generator(model):
    c, mods = CH[model], []
    for i in range(len(c) - 1):
        mods.append(nn.ConvTranspose2d(c[i], c[i + 1], 4, 1 if i == 0 else 2, 0 if i == 0 else 1, bias=False))
        if i + 2 < len(c):
            mods += [nn.BatchNorm2d(c[i + 1]), nn.ReLU(inplace=True)]
        else:
            mods.append(nn.Tanh())
    g = nn.Sequential(*mods).eval()
    with torch.no_grad():   # the same scales as ModelsBench, so neither side meets denormals or saturation
        for i, m in enumerate(g):
            if isinstance(m, nn.ConvTranspose2d):
                cin, s = m.in_channels, m.stride[0]
                m.weight.normal_(0, 1 / math.sqrt(cin) if i == 0 else math.sqrt(s * s / (16 * cin)))
            elif isinstance(m, nn.BatchNorm2d):
                m.weight.normal_(1, 0.1); m.bias.normal_(0, 0.1)
                m.running_mean.normal_(0, 0.1); m.running_var.uniform_(0.5, 1.5)
    return g
sys.path.insert(0, "bench")
from unet64_torch import read_safetensors   # one reader of the format for every bench
if sys.argv[1] == "check":
    t = read_safetensors(sys.argv[2]); model = sys.argv[3]
    g = generator(model)
    x, y = t.pop("input"), t.pop("output")
    g.load_state_dict(t, strict=False)
    missing = set(k for k in g.state_dict() if not k.endswith("num_batches_tracked")) - set(t)
    assert not missing, missing
    with torch.no_grad(): ref = g(x)
    err = (ref - y).abs().max().item()
    print("%s_max_abs_diff_tessera_vs_torch: %.2e" % (model, err))
    sys.exit(0 if err <= 1e-4 else 1)
model, threads, secs, batches = sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), [int(b) for b in sys.argv[5:]]
torch.set_num_threads(threads); torch.manual_seed(1)
g = generator(model)
def profiled(x):
    ts = []
    for m in g:
        t0 = time.perf_counter(); x = m(x); ts.append(time.perf_counter() - t0)
    return ts
with torch.no_grad():
    for batch in batches:
        z = torch.randn(batch, 128, 1, 1)
        end = time.perf_counter() + 1
        while time.perf_counter() < end: g(z)
        ts = []; end = time.perf_counter() + secs
        while len(ts) < 7 or time.perf_counter() < end:
            t = time.perf_counter(); g(z); ts.append(time.perf_counter() - t)
        ts.sort(); key = "%s_b%d_%dt" % (model, batch, threads)
        print("torch_%s_ms: %.2f" % (key, 1e3 * ts[len(ts) // 2]))
        prof = [profiled(z) for _ in range(max(7, len(ts) // 2))]
        med = [sorted(p[i] for p in prof)[len(prof) // 2] * 1e3 for i in range(len(g))]
        tot = {"convT": 0, "bn": 0, "act": 0}
        for i in range(0, len(g), 3):
            parts = med[i:i + 3] if i + 3 <= len(g) else [med[i], 0.0, med[i + 1]]
            for k, v in zip(tot, parts): tot[k] += v
            print("profile_torch_%s_layer%d: convT=%.3f bn=%.3f act=%.3f" % ((key, i // 3) + tuple(parts)))
        print("profile_torch_%s_total: convT=%.3f bn=%.3f act=%.3f" % (key, tot["convT"], tot["bn"], tot["act"]))
'

IFS=, read -r -a MODEL_LIST <<<"$MODELS"
if [[ $HAVE_TORCH == 1 ]]; then
  EXPORT=$(mktemp -d /tmp/compute-models.XXXXXX)
  trap 'rm -rf "$EXPORT"' EXIT
  tessera model="$MODELS" export="$EXPORT" 2>/dev/null >/dev/null
  for m in "${MODEL_LIST[@]}"; do
    "$PY" -c "$TORCH_PY" check "$EXPORT/$m.safetensors" "$m" \
      || { echo "error: Tessera's $m output differs from PyTorch's with the same weights"; exit 1; }
  done
  # Debian's torch calls whatever libblas.so.3 the alternatives system points to; with the reference
  # BLAS (libblas3 alone) its transposed convolutions run ~10x slower than with OpenBLAS.
  read -r TORCH_VERSION TORCH_BLAS < <("$PY" -c '
import os, torch
torch.randn(64, 64) @ torch.randn(64, 64)
libs = sorted({os.path.realpath(l.split()[-1]) for l in open("/proc/self/maps") if "blas" in l.split()[-1]})
print(torch.__version__, ",".join(libs) or "none-found")')
  if [[ $TORCH_BLAS != *openblas* ]]; then
    echo "warning: torch uses $TORCH_BLAS, not OpenBLAS: PyTorch is far slower than BENCH-MODELS.md's peer;" \
         "apt-get install -y libopenblas0-pthread for a fair peer" >&2
  fi
else
  echo "torch: not installed here (apt-get install -y python3-torch for the peer); Tessera alone, no ratios"
fi

declare -A TMS PMS
PROFILE=""
for ((r = 0; r < ROUNDS; r++)); do
  for m in "${MODEL_LIST[@]}"; do
    for t in "${THREADS[@]}"; do
      b=$(IFS=,; echo "${BATCHES[*]}")
      out=$(tessera model="$m" batch="$b" threads="$t" seconds="$SECS" 2>/dev/null) \
        || { echo "error: Tessera's $m failed validation or crashed:"; echo "$out"; exit 1; }
      [[ $r == 0 ]] && PROFILE+=$(echo "$out" | grep '^profile_')$'\n'
      while IFS=': ' read -r k v; do TMS[$k]+="$v "; done < <(echo "$out" | grep -E '^tessera_.*_ms:' | sed 's/^tessera_//; s/_ms:/:/')
      if [[ $HAVE_TORCH == 1 ]]; then
        out=$(OPENBLAS_NUM_THREADS=$t OMP_NUM_THREADS=$t "$PY" -c "$TORCH_PY" bench "$m" "$t" "$SECS" "${BATCHES[@]}")
        [[ $r == 0 ]] && PROFILE+=$(echo "$out" | grep '^profile_')$'\n'
        while IFS=': ' read -r k v; do PMS[$k]+="$v "; done < <(echo "$out" | grep -E '^torch_.*_ms:' | sed 's/^torch_//; s/_ms:/:/')
      fi
    done
  done
  line="round $((r + 1)) ms (tessera / torch):"
  for k in $(printf '%s\n' "${!TMS[@]}" | sort -V); do
    a=(${TMS[$k]}); p=(${PMS[$k]:-n/a})
    line+=" $k ${a[r]}/${p[r]:-n/a};"
  done
  echo "$line"
done

echo "$PROFILE" | grep -v '^$' | sort -V
machine
echo "java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
echo "torch: $([[ $HAVE_TORCH == 1 ]] && echo "$TORCH_VERSION, BLAS $TORCH_BLAS" || echo 'not installed')"
KEYS=$(printf '%s\n' "${!TMS[@]}" | sort -V)
for k in $KEYS; do echo "tessera_${k}_ms: $(median ${TMS[$k]})"; done
if [[ $HAVE_TORCH == 1 ]]; then
  for k in $KEYS; do echo "torch_${k}_ms: $(median ${PMS[$k]})"; done
  for k in $KEYS; do
    a=(${TMS[$k]}); p=(${PMS[$k]})
    rs=(); for i in "${!a[@]}"; do rs+=("$(awk -v x="${a[i]}" -v y="${p[i]}" 'BEGIN{printf "%.3f", x/y}')"); done
    echo "ratio_${k}_tessera_over_torch: $(median "${rs[@]}")"
  done
fi
