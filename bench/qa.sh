#!/usr/bin/env bash
# Vision QA (#10): bench/qa.sh [--count N] [--model F] [--per-image] measures on the held-out simulated set built on
#       real Debian textures (GIMP, MyPaint, Krita): image- and pixel-level AUROC, registration error,
#       colour-shift detection at 2 ΔE00, A4 300 dpi throughput and the memory of a 1.5 m × 1.5 m 150 dpi scan.
# Prints key: value lines last.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/jdk.sh
. bench/lib.sh
tessera_find_jdk
if [ ! -f plugins/vision-qa/target/classes/tessera/plugin/qa/internal/QaBench.class ] || [ "${QA_BUILD:-1}" = 1 ]; then
  ./mvnw -q -o -B install -pl plugins/vision-qa -am -DskipTests >/dev/null
fi
cp_file=plugins/vision-qa/target/qa.classpath
./mvnw -q -o -B dependency:build-classpath -pl plugins/vision-qa -Dmdep.outputFile="$PWD/$cp_file" >/dev/null
CP="plugins/vision-qa/target/classes:$(cat "$cp_file")"
JAVA=("$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp "$CP")
# the model is trained by 'tessera train qa' (docs/qa.md), not here
machine
"${JAVA[@]}" -Xmx2g tessera.plugin.qa.internal.QaBench "$@" 2> >(grep -v -e '^WARNING' -e 'incubator' >&2)
# the 1.5 m × 1.5 m scan in its own JVM with a heap (1 GiB) smaller than the scan as float RGB (940 MB) plus the
# print (78 MPix): it only passes if the scan is streamed
"${JAVA[@]}" -Xmx1g tessera.plugin.qa.internal.QaBench --huge 2> >(grep -v -e '^WARNING' -e 'incubator' >&2)
