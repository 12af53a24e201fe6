#!/usr/bin/env bash
# Hot-swap benchmark (#2): 4 threads run generation jobs through the real headless host (Felix) while the
# generator plugin is updated in place, deployed side by side, and updated through the CLI.
# Prints the swap latencies (file landing → first job served by the new version) and failed-job count last.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/jdk.sh
. bench/lib.sh
tessera_find_jdk
./mvnw -q -B -DskipTests install >/dev/null
./mvnw -q -B -o -pl hosts/headless/launcher verify -Dit.test=HotSwapIT -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfailsafe.failIfNoSpecifiedTests=false >/dev/null
props=hosts/headless/launcher/target/hotswap.properties
machine
for k in threads jobs failed_jobs swap_in_place_ms swap_side_by_side_ms swap_cli_ms swap_median_ms swap_max_ms; do
  echo "$k: $(sed -n "s/^$k=//p" "$props")"
done
# the goal (#2): every swap lands within 1 s; the IT records the latencies and asserts only correctness
echo "swap_goal_ms: 1000"
echo "swap_max_within_goal: $([ "$(sed -n 's/^swap_max_ms=//p' "$props")" -lt 1000 ] && echo yes || echo no)"
