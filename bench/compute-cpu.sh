#!/usr/bin/env bash
# #4: CPU GEMM of tessera.compute against OpenBLAS (through numpy), side by side in one run, and
# the conv3x3 layer of shared/BENCH-MODELS.md (against PyTorch when python3-torch is installed).
# Rounds interleave the two sides (A B A B ...) because the machine is shared and noisy; the
# figures are medians over rounds and the ratio is the median of the per-round ratios.
# Usage: bench/compute-cpu.sh [rounds=3] [n=1024] [seconds=2]     Prints key: value lines last.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}; N=${2:-1024}; SECONDS_PER=${3:-2}

. bench/compute-env.sh /tmp/compute-bench-build.log
. bench/lib.sh

HAVE_NUMPY=0
python3 -c 'import numpy' 2>/dev/null && HAVE_NUMPY=1
NUMPY_BENCH='
import sys, time, numpy as np
n, secs = int(sys.argv[1]), float(sys.argv[2])
rng = np.random.default_rng(1)
a = rng.uniform(-1, 1, (n, n)).astype(np.float32); b = rng.uniform(-1, 1, (n, n)).astype(np.float32)
c = a @ b
ref = a[:64].astype(np.float64) @ b.astype(np.float64)
err = np.abs(c[:64] - ref).max() / np.abs(ref).max()
assert err < 1e-5, f"numpy result is wrong: {err}"
end = time.perf_counter() + 1
while time.perf_counter() < end: a @ b
ts = []; end = time.perf_counter() + secs
while len(ts) < 7 or time.perf_counter() < end:
    t = time.perf_counter(); a @ b; ts.append(time.perf_counter() - t)
ts.sort(); print("%.1f" % (2 * n**3 / ts[len(ts) // 2] / 1e9))
'

HAVE_TORCH=0
python3 -c 'import torch' 2>/dev/null && HAVE_TORCH=1
TORCH_CONV='
import sys, time, torch
torch.set_num_threads(int(sys.argv[1])); torch.manual_seed(1)
conv = torch.nn.Conv2d(64, 64, 3, padding=1, bias=False).eval(); x = torch.randn(1, 64, 128, 128)
with torch.no_grad():
    end = time.perf_counter() + 1
    while time.perf_counter() < end: conv(x)
    ts = []; end = time.perf_counter() + 3
    while len(ts) < 7 or time.perf_counter() < end:
        t = time.perf_counter(); conv(x); ts.append(time.perf_counter() - t)
ts.sort(); print("%.1f" % (2 * 0.604 / ts[len(ts) // 2]))
'

declare -a T1 T2 P1 P2 C1 C2 Q1 Q2
for ((r = 0; r < ROUNDS; r++)); do
  out=$("$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -Xmx2g -cp "$CP" \
        tessera.compute.bench.GemmBench n=$N threads=1,2 seconds=$SECONDS_PER 2>/dev/null)
  [[ $r == 0 ]] && echo "$out" | grep -E '^(device|kernel_reason|validated)' | sort -u
  T1+=("$(echo "$out" | awk -F': ' "/_1t_gflops/{print \$2}")")
  T2+=("$(echo "$out" | awk -F': ' "/_2t_gflops/{print \$2}")")
  if [[ $HAVE_NUMPY == 1 ]]; then
    P1+=("$(OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 python3 -c "$NUMPY_BENCH" $N $SECONDS_PER)")
    P2+=("$(OPENBLAS_NUM_THREADS=2 OMP_NUM_THREADS=2 python3 -c "$NUMPY_BENCH" $N $SECONDS_PER)")
  fi
  conv=$("$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -Xmx2g -cp "$CP" \
        tessera.compute.bench.ConvBench batch=1 threads=1,2 seconds=$SECONDS_PER 2>/dev/null)
  C1+=("$(echo "$conv" | awk -F': ' "/_1t_gflops/{print \$2}")")
  C2+=("$(echo "$conv" | awk -F': ' "/_2t_gflops/{print \$2}")")
  if [[ $HAVE_TORCH == 1 ]]; then
    Q1+=("$(OPENBLAS_NUM_THREADS=1 python3 -c "$TORCH_CONV" 1)")
    Q2+=("$(OPENBLAS_NUM_THREADS=2 python3 -c "$TORCH_CONV" 2)")
  fi
  echo "round $((r + 1)): gemm tessera ${T1[r]} / ${T2[r]}  numpy ${P1[r]:-n/a} / ${P2[r]:-n/a};" \
       "conv3x3 tessera ${C1[r]} / ${C2[r]}  torch ${Q1[r]:-n/a} / ${Q2[r]:-n/a} GFLOP/s (1 / 2 threads)"
done

ratios() { local -n A=$1 B=$2; for i in "${!A[@]}"; do awk -v x="${A[i]}" -v y="${B[i]}" 'BEGIN{printf "%.3f\n", x/y}'; done; }

machine
echo "openblas: $([[ $HAVE_NUMPY == 1 ]] && python3 -c 'import numpy; c=numpy.show_config(mode="dicts"); print(numpy.__version__, c["Build Dependencies"]["blas"]["name"], c["Build Dependencies"]["blas"]["version"])' 2>/dev/null || echo 'numpy not installed: no peer in this run')"
echo "tessera_conv3x3_b1_1t_gflops: $(median "${C1[@]}")"
echo "tessera_conv3x3_b1_2t_gflops: $(median "${C2[@]}")"
if [[ $HAVE_TORCH == 1 ]]; then
  echo "torch_conv3x3_b1_1t_gflops: $(median "${Q1[@]}")"
  echo "torch_conv3x3_b1_2t_gflops: $(median "${Q2[@]}")"
  echo "ratio_conv3x3_tessera_over_torch_1t: $(median $(ratios C1 Q1))"
  echo "ratio_conv3x3_tessera_over_torch_2t: $(median $(ratios C2 Q2))"
else
  echo "torch_conv3x3: not installed here (apt install python3-torch for the peer); no conv ratio in this run"
fi
echo "tessera_gemm_n${N}_1t_gflops: $(median "${T1[@]}")"
echo "tessera_gemm_n${N}_2t_gflops: $(median "${T2[@]}")"
if [[ $HAVE_NUMPY == 1 ]]; then
  echo "openblas_gemm_n${N}_1t_gflops: $(median "${P1[@]}")"
  echo "openblas_gemm_n${N}_2t_gflops: $(median "${P2[@]}")"
  echo "ratio_tessera_over_openblas_1t: $(median $(ratios T1 P1))"
  echo "ratio_tessera_over_openblas_2t: $(median $(ratios T2 P2))"
else
  echo "ratio_tessera_over_openblas: n/a (python3 with numpy is not installed)"
fi
