#!/usr/bin/env bash
# Builds the self-contained bundle that runs jclef's OpenCL tests and benchmark on a GPU machine
# that has an NVIDIA (or other) OpenCL driver but no JDK, no Maven and no network.
#
#   tools/gpu/bundle.sh [--with-cli]
#
# Output: tools/gpu/out/jclef-gpu/ and tools/gpu/out/jclef-gpu.tar.gz (carry the .tar.gz).
# Contents: a jlinked JDK 25 runtime (java.base, java.logging, jdk.incubator.vector, plus whatever
# jdeps finds in the CLI jar), the tensor module with its test classes and runtime dependencies
# (Aparapi's JNI jar stripped to linux/x86_64), the JUnit console launcher, ocl-icd's
# libOpenCL.so.1 as a fallback ICD loader (never an ICD such as PoCL: the GPU machine brings its
# own driver), run.sh and the README. With --with-cli, also the CLI jar (natives stripped likewise).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/tools/gpu/out"
bundle="$out/jclef-gpu"
with_cli=false
for arg in "$@"; do
  case "$arg" in
    --with-cli) with_cli=true ;;
    *) echo "usage: $0 [--with-cli]" >&2; exit 2 ;;
  esac
done

# A JDK 25 with jlink (the same search as ./jclef).
find_jdk() {
  local d
  for d in "${JAVA_HOME:-}" /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
    [ -n "$d" ] && [ -x "$d/bin/jlink" ] || continue
    local v
    v="$("$d/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p' | head -1)"
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then echo "$d"; return 0; fi
  done
  return 1
}
jdk="$(find_jdk)" || { echo "bundle: needs a JDK 25+ with jlink" >&2; exit 3; }
echo "bundle: JDK $jdk" >&2

mvn_version() { # prints a property of the parent pom
  sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$root/pom.xml" | head -1
}

rm -rf "$bundle" "$out/jclef-gpu.tar.gz"
mkdir -p "$bundle/lib" "$bundle/native"

echo "bundle: building the tensor module (tests compiled, not run)" >&2
(cd "$root" && mvn -B -q -pl tensor -am package -DskipTests)
cp "$root"/tensor/target/jclef-tensor-*.jar "$bundle/lib/"
(cd "$root/tensor/target/test-classes" && "$jdk/bin/jar" cf "$bundle/lib/jclef-tensor-tests.jar" .)
(cd "$root" && mvn -B -q -pl tensor dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$bundle/lib")
junit_platform="1.$(mvn_version junit.version | cut -d. -f2-)"
(cd "$root" && mvn -B -q dependency:copy -N \
    -Dartifact="org.junit.platform:junit-platform-console-standalone:$junit_platform" \
    -DoutputDirectory="$bundle/lib")

strip_natives() { # keeps only linux/x86_64 of Aparapi's JNI libraries in a jar
  zip -q -d "$1" 'win/*' 'osx/*' 'linux/libaparapi_aarch64.so' 'linux/libaparapi_armhf.so' \
      'linux/libaparapi_x86.so' >/dev/null 2>&1 || true
}
strip_natives "$bundle"/lib/aparapi-jni-*.jar

# jdk.zipfs: the JUnit console launcher finds test classes inside jars through the zip file system.
modules="java.base,java.logging,jdk.incubator.vector,jdk.zipfs"
if $with_cli; then
  echo "bundle: building the CLI jar" >&2
  (cd "$root" && mvn -B -q -pl clef -am package -DskipTests)
  cp "$root"/clef/target/jclef-clef-*-cli.jar "$bundle/lib/jclef-cli.jar"
  strip_natives "$bundle/lib/jclef-cli.jar"
  # java.desktop is referenced only by Aparapi's and BCEL's GUI tools, which jclef never loads.
  extra="$("$jdk/bin/jdeps" --multi-release 25 --ignore-missing-deps --print-module-deps \
      "$bundle/lib/jclef-cli.jar" 2>/dev/null | tr ',' '\n' | grep -v -x 'java.desktop' | paste -sd, -)"
  [ -n "$extra" ] && modules="$(tr ',' '\n' <<<"$modules,$extra" | sort -u | paste -sd, -)"
fi

echo "bundle: jlink $modules" >&2
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
    --compress zip-9 --output "$bundle/runtime" 2>&1 | grep -v 'incubator modules' || true
if command -v strip >/dev/null 2>&1; then
  strip --strip-unneeded "$bundle/runtime/lib/server/libjvm.so"
fi

# ocl-icd's loader, for a machine whose driver ships an ICD but no loader.
libraries="$(ldconfig -p 2>/dev/null || true)"
loader="$(awk '/libOpenCL\.so\.1 .*x86-64/ {print $NF}' <<<"$libraries" | head -1)"
if [ -n "$loader" ] && [ -e "$loader" ]; then
  cp -L "$loader" "$bundle/native/libOpenCL.so.1"
  [ -f /usr/share/doc/ocl-icd-libopencl1/copyright ] && \
    cp /usr/share/doc/ocl-icd-libopencl1/copyright "$bundle/native/libOpenCL.copyright"
else
  echo "bundle: no libOpenCL.so.1 here (apt-get install ocl-icd-libopencl1); the bundle relies on the target's" >&2
fi

cp "$root/tools/gpu/run.sh" "$root/tools/gpu/README.md" "$bundle/"
chmod +x "$bundle/run.sh"
(cd "$out" && tar czf jclef-gpu.tar.gz jclef-gpu)
echo "bundle: $(du -sh "$bundle" | cut -f1) unpacked, $(du -h "$out/jclef-gpu.tar.gz" | cut -f1) packed: $out/jclef-gpu.tar.gz" >&2
