#!/usr/bin/env bash
# Runs the JMH benchmarks and saves the result as bench/results/DATE-COMMIT.json, then prints it with
# GFLOP/s and the fraction of the FMA peak. Arguments go to JMH: a benchmark regex, -p name=v1,v2,
# -wi/-i/-w/-r, -l to list. Examples:
#   bench/jmh.sh                                  # everything (about 12 minutes on 2 cores)
#   bench/jmh.sh ConvBenchmark -p layer=issue     # one layer
#   bench/jmh.sh 'ConvBenchmark|PointwiseConvBenchmark' -p backend=simd,opencl
# JMH_RESULT=FILE saves elsewhere.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
for a in "$@"; do
  case "$a" in -l|-lp|-h|-help|--help) exec "$root/bench/java.sh" -jar "$root/bench/target/benchmarks.jar" "$@" ;; esac
done
commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo nocommit)"
if [ -n "$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null)" ]; then commit="$commit-dirty"; fi
result="${JMH_RESULT:-$root/bench/results/$(date +%Y-%m-%d)-$commit.json}"
if [ -z "${JMH_RESULT:-}" ] && [ -e "$result" ]; then
  result="$root/bench/results/$(date +%Y-%m-%d-%H%M%S)-$commit.json"
fi
mkdir -p "$(dirname "$result")"
"$root/bench/java.sh" -jar "$root/bench/target/benchmarks.jar" -rf json -rff "$result" "$@"
echo
echo "saved $result"
"$root/bench/java.sh" -cp "$root/bench/target/benchmarks.jar" org.jclef.bench.Report "$result"
