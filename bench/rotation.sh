#!/usr/bin/env bash
# Benchmark of the rotation (issue 4 item 8): propose for every unit of the
# Jakarta demo over one month, in memory, and print the figures: load time
# (every roster in bulk), propose time, units whose coverage is fully met,
# the largest fairness spread. Runs 3 times; prints each run and the median
# of the total and of the process's CPU time (steadier than wall time on a
# busy machine). Prints figures; decides nothing.
# Usage: bench/rotation.sh [EMPLOYEES] [FROM] [TO]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-62000}
FROM=${2:-2026-12-01}
TO=${3:-2026-12-31}
BIN=${FLEKSI_BIN:-build/fleksi}
[ -x "$BIN" ] || scripts/build.sh
work=$(mktemp -d /tmp/fleksi-bench-rot.XXXXXX)
export FLEKSI_AUDIT_KEY=$work/audit.key
trap 'rm -rf "$work"' EXIT
echo "# fleksi bench/rotation.sh  N=$N  $FROM..$TO  $(date -u +%FT%TZ)  $(nproc) cores  $BIN"
t0=$(date +%s%N)
$BIN demo --db "$work/demo.db" --employees "$N" --seed 1 >/dev/null
echo "demo generated in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
CMD="$BIN rotation propose --db $work/demo.db --from $FROM --to $TO"
echo "command: $CMD"
for i in 1 2 3; do
  echo "## run $i"
  s=$(date +%s%N)
  $CMD | tee "$work/run$i.txt"
  echo "process wall time (open, migration check, load, propose): $(( ($(date +%s%N) - s) / 1000000 )) ms"
done
echo "## summary"
for i in 1 2 3; do sed -n 's/^time: .*total \([0-9]*\) ms.*/\1/p' "$work/run$i.txt"; done | sort -n |
  awk '{v[NR]=$1} END {printf "load + propose, 3 runs: median %d ms (min %d, max %d)\n", v[2], v[1], v[3]}'
for i in 1 2 3; do sed -n 's/.*process cpu: user \([0-9]*\) ms, sys \([0-9]*\) ms.*/\1 \2/p' "$work/run$i.txt"; done |
  awk '{print $1 + $2}' | sort -n |
  awk '{v[NR]=$1} END {printf "process cpu (user+sys, load included), 3 runs: median %d ms (min %d, max %d)\n", v[2], v[1], v[3]}'
