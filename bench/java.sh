#!/usr/bin/env bash
# Runs a JDK 25+ with jclef's module flags, after building bench/target/benchmarks.jar when it is
# missing or older than the sources: bench/java.sh -jar bench/target/benchmarks.jar ...
# JCLEF_JAVA_OPTS adds JVM options (e.g. -Xmx8g).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/bench/target/benchmarks.jar"

java_major() { # the feature version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p' | head -1
}

find_java() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  for d in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
    [ -x "$d/bin/java" ] && candidates+=("$d/bin/java")
  done
  for j in "${candidates[@]}"; do
    local v; v="$(java_major "$j" || true)"
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then echo "$j"; return 0; fi
  done
  return 1
}

if ! JAVA="$(find_java)"; then
  echo "bench: needs a JDK 25 or newer (with the jdk.incubator.vector module); set JAVA_HOME to one." >&2
  exit 3
fi

if [ ! -f "$jar" ] || [ -n "$(find "$root"/*/src/main "$root"/pom.xml "$root"/*/pom.xml -newer "$jar" -type f -print -quit 2>/dev/null)" ]; then
  echo "bench: building bench/target/benchmarks.jar (mvn package, tests skipped)..." >&2
  JAVA_HOME="$(dirname "$(dirname "$JAVA")")" mvn -B -q -f "$root/pom.xml" -pl bench -am -DskipTests package >&2
fi

exec "$JAVA" ${JCLEF_JAVA_OPTS:-} --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  -Djava.util.logging.SimpleFormatter.format='%4$s: %5$s%n' "$@"
