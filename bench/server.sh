#!/usr/bin/env bash
# Server load benchmark (#12): a real 'tessera serve' on loopback, loaded by a separate JVM (bench/ServerLoad.java).
# 256 px generation (GENERATOR=procedural, the default, or GENERATOR=gan) with 1, 8 and 32 concurrent clients;
# during the 32-client phase the generator's bundle is hot-swapped over the API (a newer version installed
# beside the distribution's, then removed).
# Prints jobs/s, p50/p99 latency (submit → finished) and errors per phase; key: value lines last.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/jdk.sh
. bench/lib.sh
tessera_find_jdk
SECONDS_PER_PHASE="${SECONDS_PER_PHASE:-20}"
export GENERATOR="${GENERATOR:-procedural}"
case "$GENERATOR" in
  procedural) swap_src=tessera-dataset; swap_bsn=tessera.dataset ;;
  gan) swap_src=tessera-plugin-gan; swap_bsn=tessera.plugin.gan ;;
  *) echo "GENERATOR is procedural or gan, not $GENERATOR"; exit 2 ;;
esac
dist=hosts/headless/launcher/target/tessera
[ -f "$dist/tessera-launcher.jar" ] || ./mvnw -q -B -DskipTests install >/dev/null
work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
java=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow --add-modules jdk.incubator.vector
  -jar "$dist/tessera-launcher.jar")
token="$("${java[@]}" serve --data "$work/data" --create-token bench --role designer 2>/dev/null)"
admin="$("${java[@]}" serve --data "$work/data" --create-token ops --role admin 2>/dev/null)"
"${java[@]}" serve --data "$work/data" --port 0 --rate 100000 --burst 100000 >"$work/serve.out" 2>"$work/serve.err" &
server=$!
for _ in $(seq 1 600); do grep -q 'listening on' "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
url="$(grep -o 'http://[0-9.:]*/' "$work/serve.out" | head -1)"
[ -n "$url" ] || { echo "server did not start:"; cat "$work/serve.err"; exit 1; }
# the swap jar: the distribution's generator bundle with a higher version, installed side by side
python3 - "$dist"/bundles/4/"$swap_src"-[0-9]*.jar "$work/swap.jar" <<'PY'
import re, sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zo:
    for item in zi.infolist():
        data = zi.read(item.filename)
        if item.filename == "META-INF/MANIFEST.MF":
            data = re.sub(rb"Bundle-Version: ([0-9]+)\.([0-9]+)\.[^\r\n]*", rb"Bundle-Version: \1.\2.99.swap", data)
        zo.writestr(item, data)
PY
machine
echo "server: $url (workers = cores), generator $GENERATOR, load average $(cut -d' ' -f1-3 /proc/loadavg), warm-up 5 s"
"$JAVA_HOME/bin/java" bench/ServerLoad.java "$url" "$token" 2 5 >/dev/null
declare -A res
for c in 1 8 32; do
  if [ "$c" = 32 ]; then
    out="$("$JAVA_HOME/bin/java" bench/ServerLoad.java "$url" "$token" "$c" "$SECONDS_PER_PHASE" $((SECONDS_PER_PHASE / 3)) "$work/swap.jar" "$admin" "$swap_bsn")"
  else
    out="$("$JAVA_HOME/bin/java" bench/ServerLoad.java "$url" "$token" "$c" "$SECONDS_PER_PHASE")"
  fi
  echo "--- $c client(s)"; echo "$out"
  for k in jobs_per_s p50_ms p99_ms errors jobs; do res[$k.$c]="$(sed -n "s/^$k: //p" <<<"$out")"; done
  res[swap.$c]="$(sed -n 's/^swap: //p' <<<"$out")"
done
for c in 1 8 32; do
  echo "c${c}_jobs_per_s: ${res[jobs_per_s.$c]}"
  echo "c${c}_p50_ms: ${res[p50_ms.$c]}"
  echo "c${c}_p99_ms: ${res[p99_ms.$c]}"
  echo "c${c}_errors: ${res[errors.$c]}"
done
echo "hot_swap_during_c32: ${res[swap.32]}"
echo "load_average_after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "errors_total: $(( ${res[errors.1]} + ${res[errors.8]} + ${res[errors.32]} ))"
