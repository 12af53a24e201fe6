#!/usr/bin/env bash
# #5: packs what the CUDA tests and bench/compute-cuda.sh need on a GPU machine that has neither
# Maven nor a JDK 25 (the lent GPU machines have CUDA and PyTorch only): a jlinked Java 25 runtime
# and the test classpath, in .devrun/ at the repository root (git-ignored; ~45 MB).
# On the GPU machine:  bundles/compute-cuda/gpu-tests.sh   and   bench/compute-cuda.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
. .ci/jdk.sh; tessera_find_jdk
./mvnw -q -B -o install -pl bundles/compute-cuda/jcuda,bundles/compute-cuda -am -DskipTests
./mvnw -q -B -o test-compile -pl bundles/compute-cuda
./mvnw -q -B -o dependency:build-classpath -pl bundles/compute-cuda -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/tessera-cuda-cp.txt
rm -rf .devrun && mkdir -p .devrun/lib
tr ":" "\n" < /tmp/tessera-cuda-cp.txt | grep -v -e /org/junit/ -e /opentest4j/ -e /apiguardian/ | xargs -I{} cp {} .devrun/lib/   # JUnit comes with the console launcher
cp ~/.m2/repository/org/junit/platform/junit-platform-console-standalone/1.13.4/junit-platform-console-standalone-1.13.4.jar .devrun/ 2>/dev/null \
  || { ./mvnw -q -B dependency:get -Dartifact=org.junit.platform:junit-platform-console-standalone:1.13.4 \
       && cp ~/.m2/repository/org/junit/platform/junit-platform-console-standalone/1.13.4/*.jar .devrun/; }
(cd bundles/compute-cuda/target && jar cf ../../../.devrun/lib/tessera-compute-cuda-tests.jar -C test-classes .)
cp bundles/compute-cuda/target/tessera-compute-cuda-*-SNAPSHOT.jar .devrun/lib/
tmp=$(mktemp -d)
"$JAVA_HOME/bin/jlink" --add-modules java.base,java.logging,java.xml,java.management,jdk.incubator.vector,jdk.unsupported,java.naming,jdk.zipfs \
  --strip-debug --no-man-pages --no-header-files --compress=zip-9 --output "$tmp/jrt" 2>/dev/null
rm -f "$tmp"/jrt/lib/server/*.jsa
tar czf .devrun/jrt.tgz -C "$tmp" jrt && rm -rf "$tmp"
du -sh .devrun
