#!/usr/bin/env bash
# bench/diffusion.sh [MODEL] [DATA_DIR] [prompts=200] [classifierSteps=400] [guided=20]   (#9)
# Quality and speed of a diffusion model.
#  1. Prompt adherence on held-out prompts: the model card's held-out family–palette pairs (never seen together in
#     training), each with a repeat word, 64 px, 25 DDIM steps, CFG 2: motif accuracy by the GAN plugin's motif
#     classifier (trained here on held-out synthesizer tiles, seed 2), palette adherence (mean ΔE2000 from each
#     dominant colour to the nearest requested palette colour), seam metric, Fréchet distance in classifier features.
#  2. Guidance: the same prompts through the real host ('tessera generate --generator diffusion') against the
#     6-colour rotary screen profile, without and with constraint guidance: the share of designs that pass every
#     check after the same repair (resolution aside: a 64 px tile never holds 150 DPI at a rotary repeat) and the
#     ΔE2000 cost of the colour reduction.
#  3. Speed: one 256² tile, 25 steps with CFG 2, in Tessera and in the same network in PyTorch CPU (bench/
#     diffusion_torch.py, weights loaded from Tessera's, outputs compared first), 2 threads; ratio printed last.
# MODEL: a model jar or folder (default: the shipped model, plugins/diffusion/src/main/resources). key: value lines last.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/jdk.sh
tessera_find_jdk || exit 2
MODEL=${1:-plugins/diffusion/src/main/resources}
DATA=${2:-/tmp/tessera-gan-bench/motifs64-seed2}
PROMPTS=${3:-200}; CLS=${4:-400}; GUIDED=${5:-20}
OUT=/tmp/tessera-diffusion-bench; mkdir -p "$OUT"
log=$OUT/build.log
if ! ./mvnw -q -B -o -pl plugins/diffusion test-compile dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >"$log" 2>&1; then
  ./mvnw -q -B -pl plugins/diffusion -am install -DskipTests >"$log" 2>&1 && \
  ./mvnw -q -B -pl plugins/diffusion test-compile dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >>"$log" 2>&1 \
    || { echo "error: build failed, see $log"; exit 2; }
fi
CP=plugins/diffusion/target/classes:plugins/diffusion/target/test-classes:$(cat "$OUT/cp.txt")
J() { "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -Xmx6g -cp "$CP" "$@" 2> >(grep -v "WARNING: Using incubator" >&2); }
if [ ! -f "$DATA/index.jsonl" ]; then
  echo "making held-out data: 3000 tiles of 64 px, seed 2 → $DATA" >&2
  J tessera.plugin.gan.bench.MakeTiles 3000 64 2 "$DATA"
fi
echo "== Tessera adherence and speed (model $MODEL)" >&2
J tessera.plugin.diffusion.bench.DiffusionBench "$MODEL" "$DATA" "$OUT" "$PROMPTS" "$CLS" > "$OUT/tessera.log"

echo "== guidance through the host ($GUIDED designs each way)" >&2
HOME_DIR=$OUT/home; rm -rf "$HOME_DIR" "$OUT/guide"; mkdir -p "$HOME_DIR/hot"
if [ -f "$MODEL" ]; then cp "$MODEL" "$HOME_DIR/hot/"; fi
TESSERA=${TESSERA:-./tessera}   # another launcher (e.g. a built distribution's) may stand in
for g in 0 60; do
  TESSERA_DATA=$HOME_DIR $TESSERA generate --generator diffusion --prompt "minimalist floral, Nordic palette, half-drop repeat, 6 colours" \
    --profile rotary-64-6 --colours 6 --size 64 --width-cm 8 -n "$GUIDED" --seed 7 --guidance $g \
    --out "$OUT/guide/g$g" >/dev/null 2>"$OUT/guide-g$g.log" || true
done
/usr/bin/python3 - "$OUT/guide" > "$OUT/guide.txt" <<'PY'
import json, re, sys
for g in ("0", "60"):
    j = json.load(open("%s/g%s/job.json" % (sys.argv[1], g)))
    n = len(j["candidates"]); ok = 0; de = []; before = []
    for c in j["candidates"]:
        if all(r["passed"] for r in c["afterRepair"] if r["solver"] != "resolution"): ok += 1
        for r in c["repairs"]:
            m = re.search(r"ΔE2000 mean ([0-9.]+)", r)
            if m: de.append(float(m.group(1)))
        for r in c["checks"]:
            if r["solver"] == "colours": before.append(r["measures"].get("colour.count", float("nan")))
    print("guidance_%s_pass_after_repair: %.3f" % (g, ok / max(1, n)))
    print("guidance_%s_repair_delta_e_mean: %.3f" % (g, sum(de) / len(de) if de else 0.0))
    print("guidance_%s_colours_before_repair_mean: %.2f" % (g, sum(before) / max(1, len(before))))
PY

PY=""
for p in python3 /usr/bin/python3; do
  if command -v "$p" >/dev/null && "$p" -c 'import torch' 2>/dev/null; then PY=$p; break; fi
done
if [ -n "$PY" ]; then
  echo "== PyTorch ($($PY -c 'import torch; print(torch.__version__)')), same network" >&2
  OPENBLAS_NUM_THREADS=2 OMP_NUM_THREADS=2 $PY bench/diffusion_torch.py "$OUT/parity.safetensors" 2 25 3 > "$OUT/torch.txt"
else
  echo "torch: absent (python3 -c 'import torch' failed); Tessera figures only" > "$OUT/torch.txt"
fi
cat "$OUT/tessera.txt" "$OUT/guide.txt" "$OUT/torch.txt"
tms=$(sed -n 's/^tessera_256_25steps_ms: //p' "$OUT/tessera.txt")
pms=$(sed -n 's/^torch_256_25steps_ms: //p' "$OUT/torch.txt")
if [ -n "$pms" ]; then
  echo "ratio_256_25steps_tessera_over_torch: $(/usr/bin/python3 -c "print('%.3f' % ($tms / $pms))")"
fi
