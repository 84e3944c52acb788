#!/usr/bin/env bash
# Runs jclef's OpenCL checks on this machine with the bundled Java runtime.
#
#   ./run.sh [info|tests|bench|all] [bench batch] [bench reps]      (default: all)
#
# info  : the OpenCL devices the ICD loader sees and the one jclef picks (fails if none runs the kernels)
# tests : the OpenCL differential and residency tests (JUnit console launcher)
# bench : OpenClBench, conv1d / GEMM timings on Net1D-Small shapes next to the scalar reference
#
# Logs go to $OUT (the device runner's output folder) when set, else ./results.
# Extra JVM options: JCLEF_JAVA_OPTS, e.g. -Djclef.opencl.device=A100 or -Djclef.opencl.arenaMaxMiB=2047.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mode="${1:-all}"
batch="${2:-64}"
reps="${3:-10}"
results="${OUT:-$here/results}"
mkdir -p "$results"
java="$here/runtime/bin/java"

libraries="$( (command -v ldconfig >/dev/null 2>&1 && ldconfig -p 2>/dev/null) || true)"
has_system_loader() {
  if grep -q 'libOpenCL\.so\.1' <<<"$libraries"; then return 0; fi
  local d
  for d in /usr/lib/x86_64-linux-gnu /usr/lib64 /usr/lib /usr/local/lib /usr/local/nvidia/lib64; do
    [ -e "$d/libOpenCL.so.1" ] && return 0
  done
  return 1
}
# The ICD loader normally comes with the driver; use ours only when there is none.
if ! has_system_loader && [ -e "$here/native/libOpenCL.so.1" ]; then
  export LD_LIBRARY_PATH="$here/native${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  echo "run: using the bundled ICD loader (ocl-icd)" >&2
fi
# Containers sometimes mount NVIDIA's OpenCL library without its /etc/OpenCL/vendors entry.
if [ -z "${OCL_ICD_VENDORS:-}" ] && ! ls /etc/OpenCL/vendors/*.icd >/dev/null 2>&1; then
  nv="$(awk '/libnvidia-opencl\.so\.1/ {print $NF}' <<<"$libraries" | head -1)"
  for d in /usr/lib/x86_64-linux-gnu /usr/lib64 /usr/local/nvidia/lib64; do
    [ -z "$nv" ] && [ -e "$d/libnvidia-opencl.so.1" ] && nv="$d/libnvidia-opencl.so.1"
  done
  if [ -n "$nv" ]; then
    mkdir -p "$here/vendors"
    echo "$nv" > "$here/vendors/nvidia.icd"
    export OCL_ICD_VENDORS="$here/vendors"
    echo "run: registered $nv as an OpenCL ICD" >&2
  fi
fi

flags=(--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xss4m
       -Djava.util.logging.SimpleFormatter.format='%4$s: %5$s%n')
# shellcheck disable=SC2206
extra=(${JCLEF_JAVA_OPTS:-})
classpath="$(ls "$here"/lib/*.jar | grep -v console-standalone | tr '\n' ':')"

# Each step returns the JVM's exit status (set -e does not apply inside the && chain of "all").
run_info() {
  command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L
  "$java" "${flags[@]}" "${extra[@]}" -cp "$classpath" org.jclef.tensor.opencl.OpenClBench devices 2>&1 \
    | tee "$results/info.txt"
  return "${PIPESTATUS[0]}"
}

run_tests() {
  "$java" "${flags[@]}" "${extra[@]}" -jar "$here"/lib/junit-platform-console-standalone-*.jar execute \
    --class-path "$classpath" --select-package org.jclef.tensor.opencl --details=tree --disable-banner \
    --fail-if-no-tests 2>&1 | tee "$results/tests.txt"
  local status="${PIPESTATUS[0]}"
  if grep -q 'OpenCL tests SKIPPED' "$results/tests.txt"; then
    echo "run: the OpenCL tests were skipped: no OpenCL platform found" >&2
    return 1
  fi
  return "$status"
}

run_bench() {
  "$java" "${flags[@]}" "${extra[@]}" -cp "$classpath" org.jclef.tensor.opencl.OpenClBench "$batch" "$reps" 2>&1 \
    | tee "$results/bench.txt"
  return "${PIPESTATUS[0]}"
}

case "$mode" in
  info) run_info ;;
  tests) run_tests ;;
  bench) run_bench ;;
  all) run_info && run_tests && run_bench ;;
  *) echo "usage: $0 [info|tests|bench|all] [batch] [reps]" >&2; exit 2 ;;
esac
