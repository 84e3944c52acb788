#!/usr/bin/env bash
# Per-benchmark time ratios B/A between two saved JMH runs (bench/results/*.json); flags a benchmark
# SLOWER only when the change exceeds both runs' error. Exits 1 when something got slower.
#   bench/compare.sh bench/results/BEFORE.json bench/results/AFTER.json
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ $# -ne 2 ]; then
  echo "usage: bench/compare.sh BEFORE.json AFTER.json" >&2
  exit 2
fi
exec "$root/bench/java.sh" -cp "$root/bench/target/benchmarks.jar" org.jclef.bench.Compare "$1" "$2"
