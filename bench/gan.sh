#!/usr/bin/env bash
# bench/gan.sh [MODEL] [DATA_DIR] [samplesPerFamily=40] [classifierSteps=400]   (#8)
# Quality and speed of a GAN model: trains the motif classifier on held-out synthesizer tiles (seed 2, never seen
# by the shipped model, which was trained on seed 1), then Fréchet distance in its feature space, per-family accuracy
# of conditional samples, diversity, seam metric; speed of a 256² tile (batch 1) and a 2048² seamless field, side by
# side with the same architecture in PyTorch CPU (weights loaded from Tessera's, outputs compared first).
# MODEL: a model jar or folder (default: the shipped model, plugins/gan/src/main/resources). key: value lines last.
# SPEED_ONLY=1: the speed half and the parity check alone (a minute instead of the classifier training).
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/jdk.sh
tessera_find_jdk || exit 2
MODEL=${1:-plugins/gan/src/main/resources}
DATA=${2:-/tmp/tessera-gan-bench/motifs64-seed2}
PER=${3:-40}; CLS=${4:-400}
OUT=/tmp/tessera-gan-bench/out; mkdir -p "$OUT"
log=/tmp/tessera-gan-bench/build.log
if ! ./mvnw -q -B -o -pl plugins/gan test-compile dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >"$log" 2>&1; then
  ./mvnw -q -B -pl plugins/gan test-compile dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >"$log" 2>&1 \
    || { echo "error: build failed, see $log"; exit 2; }
fi
CP=plugins/gan/target/classes:plugins/gan/target/test-classes:$(cat "$OUT/cp.txt")
J() { "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -Xmx6g -cp "$CP" "$@" 2> >(grep -v "WARNING: Using incubator" >&2); }
if [ "${SPEED_ONLY:-0}" != 1 ] && [ ! -f "$DATA/index.jsonl" ]; then
  echo "making held-out data: 3000 tiles of 64 px, seed 2 → $DATA" >&2
  J tessera.plugin.gan.bench.MakeTiles 3000 64 2 "$DATA"
fi
echo "== Tessera (model $MODEL)" >&2
if [ "${SPEED_ONLY:-0}" = 1 ]; then # the speed half alone: no held-out data, no classifier training
  J tessera.plugin.gan.bench.GanSpeed "$MODEL" "$OUT" > "$OUT/tessera.log"
else
  J tessera.plugin.gan.bench.GanBench "$MODEL" "$DATA" "$OUT" "$PER" "$CLS" > "$OUT/tessera.log"
fi

PY=""
for p in python3 /usr/bin/python3; do
  if command -v "$p" >/dev/null && "$p" -c 'import torch' 2>/dev/null; then PY=$p; break; fi
done
if [ -n "$PY" ]; then
  echo "== PyTorch ($($PY -c 'import torch; print(torch.__version__)')), same architecture" >&2
  OPENBLAS_NUM_THREADS=2 OMP_NUM_THREADS=2 $PY plugins/gan/src/test/python/gan_twin.py "$OUT/parity.safetensors" 2 > "$OUT/torch.txt"
else
  echo "torch: absent (python3 -c 'import torch' failed); Tessera figures only" > "$OUT/torch.txt"
fi
cat "$OUT/tessera.txt" "$OUT/torch.txt"
t256=$(awk -F': ' '/^tessera_256_batch1_ms/{print $2}' "$OUT/tessera.txt"); p256=$(awk -F': ' '/^torch_256_batch1_ms/{print $2}' "$OUT/torch.txt")
t2k=$(awk -F': ' '/^tessera_2048_field_ms/{print $2}' "$OUT/tessera.txt"); p2k=$(awk -F': ' '/^torch_2048_field_ms/{print $2}' "$OUT/torch.txt")
if [ -n "$p256" ]; then
  awk -v a="$t256" -v b="$p256" 'BEGIN{printf "ratio_256_batch1_tessera_over_torch: %.2f\n", a/b}'
  awk -v a="$t2k" -v b="$p2k" 'BEGIN{printf "ratio_2048_field_tessera_over_torch: %.2f\n", a/b}'
fi
