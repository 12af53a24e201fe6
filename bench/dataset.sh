#!/usr/bin/env bash
# Times the dataset maker from the built jars (builds nothing): 10,000 tiles of 64 px by default.
#   ./mvnw -q -B -o -pl bundles/imaging,bundles/dataset install -DskipTests   # once, beforehand
#   bench/dataset.sh [--count N] [--size 64|128|256] [--threads T] [--seed S] [--out DIR]
# Prints progress on stderr and, as its last lines, tiles: N, seconds: S, tiles_per_s: R.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
m2="${MAVEN_REPO:-$HOME/.m2/repository}"
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)"
jackson="$(sed -n 's:.*<jackson.version>\(.*\)</jackson.version>.*:\1:p' "$root/pom.xml")"
jar() { # module jar from the module's target/ if built there, else from the local repository
  local module="$1" artifact="$2"
  local built="$root/bundles/$module/target/$artifact-$version.jar"
  if [[ -f "$built" ]]; then echo "$built"; else echo "$m2/dev/tessera/$artifact/$version/$artifact-$version.jar"; fi
}
annotations_version="$(ls "$m2/com/fasterxml/jackson/core/jackson-annotations" | grep -E "^${jackson%.*}" | sort -V | tail -1)"
cp="$(jar dataset tessera-dataset):$(jar imaging tessera-imaging):$(jar api tessera-api)"
cp+=":$m2/com/fasterxml/jackson/core/jackson-databind/$jackson/jackson-databind-$jackson.jar"
cp+=":$m2/com/fasterxml/jackson/core/jackson-core/$jackson/jackson-core-$jackson.jar"
cp+=":$m2/com/fasterxml/jackson/core/jackson-annotations/$annotations_version/jackson-annotations-$annotations_version.jar"
for f in ${cp//:/ }; do
  [[ -f "$f" ]] || { echo "missing $f: build first with ./mvnw -q -B -o -pl bundles/imaging,bundles/dataset install -DskipTests" >&2; exit 2; }
done
echo "machine: $(nproc) cores, $(uname -m), $("$java" -version 2>&1 | head -1)" >&2
exec "$java" -Xmx1g -cp "$cp" tessera.dataset.internal.DatasetBench "$@"
