#!/usr/bin/env bash
# #5: runs the CUDA device's tests (conformance suites, precision, errors) from .devrun/ (made by
# devrun-pack.sh) on a GPU machine without Maven; reports under ${OUT:-/tmp}/cuda-tests.
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$(cd ../.. && pwd)
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ]; then
  mkdir -p /tmp/tessera-jrt && tar xzf "$ROOT/.devrun/jrt.tgz" -C /tmp/tessera-jrt && export JAVA_HOME=/tmp/tessera-jrt/jrt
fi
REPORTS=${OUT:-/tmp}/cuda-tests
"$JAVA_HOME/bin/java" -Xmx8g --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector \
  -jar "$ROOT"/.devrun/junit-platform-console-standalone-*.jar execute \
  --class-path "$(ls "$ROOT"/.devrun/lib/*.jar | tr '\n' ':')" --select-package tessera.compute.cuda \
  --reports-dir "$REPORTS" --details=summary --details-theme=ascii "$@"
