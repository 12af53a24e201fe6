#!/usr/bin/env bash
# Scale-out benchmark (#12): jobs/s of one host against two hosts that share one PostgreSQL job queue and one
# artifact folder, all real processes on loopback (a throw-away PostgreSQL cluster, fsync on). 256 px procedural
# jobs from CLIENTS concurrent clients (bench/ServerLoad.java; with two hosts client i talks to host i mod 2).
# Both setups stay up side by side (idle hosts only poll the queue) and their phases alternate, ROUNDS times, so
# the shared machine's drift hits both alike; the median of each is reported and the ratio printed last.
# Every host runs workers = cores: on a 2-core machine a second host adds no CPU, only contention.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/jdk.sh
. bench/lib.sh
tessera_find_jdk
SECONDS_PER_PHASE="${SECONDS_PER_PHASE:-20}"
CLIENTS="${CLIENTS:-8}"
ROUNDS="${ROUNDS:-2}"
export GENERATOR=procedural
dist=hosts/headless/launcher/target/tessera
[ -f "$dist/tessera-launcher.jar" ] || ./mvnw -q -B -DskipTests install >/dev/null
pgbin="${TESSERA_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)}"
[ -x "$pgbin/initdb" ] || { echo "no PostgreSQL server binaries: apt-get install postgresql, or set TESSERA_PG_BIN"; exit 2; }
work="$(mktemp -d)"
chmod 755 "$work"
as_pg=()
if [ "$(id -u)" = 0 ]; then as_pg=(runuser -u postgres --); fi # PostgreSQL refuses to run as root
mkdir "$work/pg"
[ "$(id -u)" != 0 ] || chown postgres "$work/pg"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/pg/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"${as_pg[@]}" "$pgbin/initdb" -D "$work/pg/data" -U tessera --auth=trust -E UTF8 >/dev/null
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -w \
  -o "-p $port -k $work/pg -c listen_addresses=127.0.0.1" start >/dev/null
java=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow --add-modules jdk.incubator.vector
  -jar "$dist/tessera-launcher.jar")
# serve NAME DATABASE: a host on that database with the setup's shared artifact folder; sets url
serve() {
  local args=(--data "$work/$1" --db "postgresql://127.0.0.1:$port/$2?user=tessera" --artifacts "$work/artifacts-$2")
  "${java[@]}" serve "${args[@]}" --port 0 --rate 100000 --burst 100000 >"$work/$1.out" 2>"$work/$1.err" &
  pids+=($!)
  for _ in $(seq 1 900); do grep -q 'listening on' "$work/$1.out" 2>/dev/null && break; sleep 0.1; done
  url="$(grep -o 'http://[0-9.:]*/' "$work/$1.out" | head -n1)"
  [ -n "$url" ] || { echo "host $1 did not start:"; cat "$work/$1.err"; exit 1; }
}
for d in one two; do "$pgbin/createdb" -h 127.0.0.1 -p "$port" -U tessera "$d"; done
serve solo one; solo="$url"
serve pair-a two; pair="$url"
serve pair-b two; pair="$pair,$url"
token_one="$("${java[@]}" serve --data "$work/solo" --db "postgresql://127.0.0.1:$port/one?user=tessera" --create-token bench 2>/dev/null)"
token_two="$("${java[@]}" serve --data "$work/pair-a" --db "postgresql://127.0.0.1:$port/two?user=tessera" --create-token bench 2>/dev/null)"
machine
echo "PostgreSQL $("$pgbin/pg_ctl" --version | grep -o '[0-9][0-9.]*' | head -n1), $CLIENTS clients, $SECONDS_PER_PHASE s a phase, $ROUNDS rounds, workers = cores per host"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); warm-up 5 s each"
"$JAVA_HOME/bin/java" bench/ServerLoad.java "$solo" "$token_one" 2 5 >/dev/null
"$JAVA_HOME/bin/java" bench/ServerLoad.java "$pair" "$token_two" 2 5 >/dev/null
one=() two=() errors=0
for r in $(seq 1 "$ROUNDS"); do
  for setup in one two; do
    if [ "$setup" = one ]; then urls="$solo" token="$token_one"; else urls="$pair" token="$token_two"; fi
    out="$("$JAVA_HOME/bin/java" bench/ServerLoad.java "$urls" "$token" "$CLIENTS" "$SECONDS_PER_PHASE")"
    jps="$(sed -n 's/^jobs_per_s: //p' <<<"$out")"
    errors=$((errors + $(sed -n 's/^errors: //p' <<<"$out")))
    echo "round $r, $setup host(s): $(tr '\n' ' ' <<<"$out")"
    if [ "$setup" = one ]; then one+=("$jps"); else two+=("$jps"); fi
  done
done
m1="$(median "${one[@]}")" m2="$(median "${two[@]}")"
echo "jobs_by_host_two: $("$pgbin/psql" -h 127.0.0.1 -p "$port" -U tessera -d two -Atc \
  "SELECT string_agg(n::text, '/') FROM (SELECT COUNT(*) AS n FROM job_runs WHERE outcome = 'succeeded' GROUP BY host) x")"
echo "one_host_jobs_per_s: $m1"
echo "two_hosts_jobs_per_s: $m2"
echo "errors: $errors"
echo "load_average_after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "two_over_one: $(awk -v a="$m2" -v b="$m1" 'BEGIN {printf "%.2f", a / b}')"
