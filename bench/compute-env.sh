# Sourced by bench/compute-*.sh: a JDK 25 (the project's one finder, .ci/jdk.sh), the compute module's
# classes and bench classes compiled, and CP set to them. $1 names the build log.
. .ci/jdk.sh
tessera_find_jdk || exit 2
MOD=bundles/compute
log=${1:-/tmp/compute-bench-build.log}
if ! ./mvnw -q -B -o -f $MOD/pom.xml test-compile >"$log" 2>&1; then
  ./mvnw -q -B -f $MOD/pom.xml test-compile >"$log" 2>&1 \
    || { echo "error: build failed, see $log"; exit 2; }
fi
CP=$MOD/target/classes:$MOD/target/test-classes
