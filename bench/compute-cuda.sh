#!/usr/bin/env bash
# #5: Tessera's CUDA kernels (tessera.compute.bench.CudaBench) and PyTorch (bench/compute_cuda_torch.py)
# on the same GPU in one call: memory-bound kernels on 1 GiB (GB/s counting bytes read + written),
# GEMM 4096³ in fp32 / TF32 / BF16 (TFLOP/s), the dcgan256 generator of shared/BENCH-MODELS.md at
# batch 1 and 64 (ms, eval mode, no grad; fp32 and TF32 convolutions). Each side: warm-up, then the
# median of >= 10 synchronised runs; random inputs; GEMM operands rotate among 4 pairs (beyond L2).
# Ratios (tessera / torch for rates, torch / tessera for times: >= 1 means Tessera is at least as
# fast) are printed last. Needs an NVIDIA GPU and python3 with torch; Java from a JDK 25 + Maven,
# or from .devrun/ (bundles/compute-cuda/devrun-pack.sh) on a GPU machine without them.
# Usage: bench/compute-cuda.sh [seconds=2] [parts=memory,gemm,models]
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-2}; PARTS=${2:-memory,gemm,models}
if [ -d .devrun/lib ]; then
  if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ]; then
    mkdir -p /tmp/tessera-jrt && tar xzf .devrun/jrt.tgz -C /tmp/tessera-jrt && export JAVA_HOME=/tmp/tessera-jrt/jrt
  fi
  CP=$(ls .devrun/lib/*.jar | tr '\n' ':')
else
  . .ci/jdk.sh; tessera_find_jdk || exit 2
  ./mvnw -q -B -o install -pl bundles/compute-cuda/jcuda,bundles/compute-cuda -am -DskipTests >/tmp/compute-cuda-build.log 2>&1 \
    && ./mvnw -q -B -o test-compile dependency:build-classpath -pl bundles/compute-cuda -Dmdep.includeScope=test \
       -Dmdep.outputFile=/tmp/compute-cuda-cp.txt >>/tmp/compute-cuda-build.log 2>&1 \
    || { echo "error: build failed, see /tmp/compute-cuda-build.log"; exit 2; }
  CP=bundles/compute-cuda/target/test-classes:bundles/compute-cuda/target/classes:$(cat /tmp/compute-cuda-cp.txt)
fi
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || true
T=$(mktemp); P=$(mktemp)
"$JAVA_HOME/bin/java" -Xmx8g --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -cp "$CP" \
  tessera.compute.bench.CudaBench seconds="$SECS" parts="$PARTS" 2>/dev/null | tee "$T"
python3 bench/compute_cuda_torch.py "$SECS" "$PARTS" | tee "$P"
echo "--- ratios"
python3 - "$T" "$P" <<'PY'
import sys
def read(f):
    d = {}
    for line in open(f):
        if ": " in line:
            k, v = line.split(": ", 1)
            try: d[k.strip()] = float(v)
            except ValueError: pass
    return d
t, p = read(sys.argv[1]), read(sys.argv[2])
for k in t:
    if not k.startswith("tessera_"): continue
    q = "torch_" + k[len("tessera_"):]
    if q not in p or p[q] == 0 or t[k] == 0: continue
    name = k[len("tessera_"):]
    r = p[q] / t[k] if name.endswith("_ms") else t[k] / p[q]
    print("ratio_%s: %.2f" % (name.rsplit("_", 1)[0], r))
PY
