#!/usr/bin/env bash
# Dataset-scan throughput (#7) through the real host: `tessera provenance scan` over a mixed corpus of
# synthesized PNG tiles (64 and 256 px), the same tiles in a ZIP, and real third-party files from the Maven
# Central test jars the provenance tests use (Tika's image and PDF test documents, TwelveMonkeys' broken
# JPEGs and EXIF/XMP cases; taken from ~/.m2 when present). Peer, same files, same run: `sha256sum`, the
# floor of reading and hashing every byte. Prints, last, files/s and MB/s for both and the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/jdk.sh
tessera_find_jdk
dist=hosts/headless/launcher/target/tessera
[ -f "$dist/bundles/4/tessera-plugin-provenance-"*.jar ] 2>/dev/null || ./tessera build >/dev/null
tessera() { "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  --add-modules jdk.incubator.vector -jar "$dist/tessera-launcher.jar" --data "$work/data" "$@"; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
corpus="$work/corpus"
tessera dataset make --count 1500 --size 64 --seed 1 --out "$corpus/tiles64" >/dev/null 2>&1
tessera dataset make --count 300 --size 256 --seed 2 --out "$corpus/tiles256" >/dev/null 2>&1
(cd "$corpus/tiles64" && python3 -c 'import zipfile,glob; z=zipfile.ZipFile("../tiles64-first200.zip","w"); [z.write(f) for f in sorted(glob.glob("*.png"))[:200]]')
m2="${HOME}/.m2/repository"
for jar in "$m2"/org/apache/tika/tika-parser-image-module/*/*-tests.jar "$m2"/org/apache/tika/tika-parser-pdf-module/*/*-tests.jar \
           "$m2"/com/twelvemonkeys/imageio/imageio-jpeg/*/*-tests.jar "$m2"/com/twelvemonkeys/imageio/imageio-metadata/*/*-tests.jar; do
  [ -f "$jar" ] || continue
  d="$corpus/real/$(basename "$jar" .jar)"; mkdir -p "$d"
  (cd "$d" && unzip -q -o "$jar" -x '*.class' 'META-INF/*' >/dev/null 2>&1 || true)
done
files=$(find "$corpus" -type f | wc -l)
mb=$(du -sb "$corpus" | awk '{printf "%.1f", $1/1e6}')
start=$(date +%s.%N)
tessera provenance scan "$corpus" --out "$work/manifest.json" --json >"$work/audit.json" 2>"$work/err.txt" || true
t_scan=$(python3 -c "import time;print(time.time()-$start)")
start=$(date +%s.%N)
find "$corpus" -type f -print0 | xargs -0 sha256sum >/dev/null
t_sha=$(python3 -c "import time;print(time.time()-$start)")
python3 - "$work/audit.json" "$files" "$mb" "$t_scan" "$t_sha" <<'PY'
import json, sys
a = json.load(open(sys.argv[1])); files = int(sys.argv[2]); mb = float(sys.argv[3])
t_scan, t_sha = float(sys.argv[4]), float(sys.argv[5])
recorded, scan_s = a["files"], a["seconds"]
print(f"corpus_files: {files} on disk, {recorded} recorded (archive members included)")
print(f"corpus_mb: {mb}")
print(f"unreadable_files: {a['unreadable']}")
print(f"scan_seconds_in_plugin: {scan_s:.2f}")
print(f"scan_seconds_with_jvm_start: {t_scan:.2f}")
print(f"scan_files_per_s: {recorded / scan_s:.0f}")
print(f"scan_mb_per_s: {mb / scan_s:.1f}")
print(f"sha256sum_files_per_s: {files / t_sha:.0f}")
print(f"sha256sum_mb_per_s: {mb / t_sha:.1f}")
print(f"ratio_sha256sum_over_scan_mb_per_s: {(mb / t_sha) / (mb / scan_s):.1f}")
PY
