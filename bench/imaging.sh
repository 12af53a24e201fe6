#!/usr/bin/env bash
# Writing production files (#3): a 4096² textile-like design as PNG (row filters + deflate, blocks compressed on
# all cores) and as 8-bit TIFF with deflate and LZW strips (compressed in parallel); median ms of 5 writes and the
# sizes. Prints key: value lines last.   bench/imaging.sh [SIDE=4096] [REPEATS=5]
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/jdk.sh
. bench/lib.sh
tessera_find_jdk
log=/tmp/tessera-imaging-bench.log
./mvnw -q -o -B -pl bundles/imaging test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/tessera-imaging.cp >"$log" 2>&1 \
  || { echo "error: build failed, see $log"; exit 2; }
machine
"$JAVA_HOME/bin/java" -Xmx4g -cp "bundles/imaging/target/classes:bundles/imaging/target/test-classes:$(cat /tmp/tessera-imaging.cp)" \
  tessera.imaging.bench.WriteBench "${1:-4096}" "${2:-5}"
