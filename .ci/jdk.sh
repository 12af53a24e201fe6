# Sourced by ./tessera, .ci/run and bench/*.sh: finds a JDK 25+ and exports JAVA_HOME, or says what is missing.
# Order: $JAVA_HOME if it is 25+, then /usr/lib/jvm/*25* (and newer), then java on PATH.
tessera_java_ok() { # $1 = a java binary; true when it is feature version 25 or newer
  local v
  v=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1)
  [ -n "$v" ] && [ "${v%%.*}" -ge 25 ] 2>/dev/null
}
tessera_quiet_maven() { # Maven 3.9's Guice warns about sun.misc.Unsafe on JDK 25; the warning is noise here
  case " ${MAVEN_OPTS:-} " in *unsafe-memory-access*) ;; *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow";; esac
}
tessera_find_jdk() {
  local c
  for c in "${JAVA_HOME:-}" /usr/lib/jvm/*-25-* /usr/lib/jvm/*25* /usr/lib/jvm/*-2[6-9]-* ; do
    if [ -n "$c" ] && [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] && tessera_java_ok "$c/bin/java"; then
      export JAVA_HOME="$c"; tessera_quiet_maven; return 0
    fi
  done
  if command -v javac >/dev/null && tessera_java_ok "$(command -v java)"; then
    export JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"; tessera_quiet_maven; return 0
  fi
  echo "tessera: no JDK 25 found. Tessera needs Java 25: install a JDK 25 (e.g. Temurin 25) under /usr/lib/jvm" >&2
  echo "         or set JAVA_HOME to one. Looked at \$JAVA_HOME='${JAVA_HOME:-}', /usr/lib/jvm/*25*, and java on PATH." >&2
  return 1
}
