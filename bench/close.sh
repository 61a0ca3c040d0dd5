#!/usr/bin/env bash
# Benchmark of closing days (issue 6 item 8): close one working day for the
# whole Jakarta demo (target < 2 s) and a whole month (target < 20 s), on
# SQLite and on PostgreSQL, and print the figures.
#
# For each engine: generate the demo, then insert a realistic month of
# check-ins IN BULK WITH ONE SQL STATEMENT in one transaction (not through
# the API: this measures the close, not the check-in endpoint, which
# bench/checkin.sh measures): on every weekday about 90% of the employees
# record in and out; arrivals spread 06:45-07:44 (about a quarter late
# against 07:30), departures 16:00-16:44, one in twenty leaves at 15:00-15:49;
# the other ~10% record nothing (alpa). Then:
#   - one working day, 3 runs, each a FIRST close (the date's rows are
#     deleted before each run): median, min, max of the close's wall time
#     and of the process CPU time;
#   - the same day closed again (idempotent: no row changes);
#   - the whole month (30 dates, weekends included) closed once, total.
# Wall times are noisy on a busy 2-core machine; CPU time is printed beside.
# Each date's close is followed by its cases (the indented "cases:" line and
# its ms): the close's figure is the day accounts', the cases' comes after.
# Usage: bench/close.sh [EMPLOYEES] [MONTH YYYY-MM] [DAY YYYY-MM-DD]
#   FLEKSI_BENCH_PG=0 skips PostgreSQL, FLEKSI_BENCH_SQLITE=0 SQLite; PG_PORT picks its port (default 56606).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-62000}
MONTH=${2:-2026-11}
DAY=${3:-$MONTH-03}
FROM=$MONTH-01
TO=$(date -d "$FROM +1 month -1 day" +%F)
BIN=${FLEKSI_BIN:-build/fleksi}
[ -x "$BIN" ] || scripts/build.sh
work=$(mktemp -d /tmp/fleksi-bench-close.XXXXXX)
export FLEKSI_AUDIT_KEY=$work/audit.key
PG_PORT=${PG_PORT:-56606}
pgdir=/tmp/fleksi-bench-close-pg-$$
pg_started=
cleanup() {
  [ -n "$pg_started" ] && scripts/pg-test-server.sh stop "$pgdir" >/dev/null 2>&1 || true
  rm -rf "$work" "$pgdir"
}
trap cleanup EXIT
echo "# fleksi bench/close.sh  N=$N  day $DAY  month $FROM..$TO  $(date -u +%FT%TZ)  $(nproc) cores  $BIN"

# The month's check-ins, one statement per dialect. x and y spread the
# minutes per employee and day; z picks the absent tenth.
SQLITE_FIXTURE="BEGIN;
WITH RECURSIVE d(day) AS (SELECT '$FROM' UNION ALL SELECT date(day, '+1 day') FROM d WHERE day < '$TO'),
w AS (SELECT day, CAST(strftime('%j', day) AS INTEGER) AS j FROM d WHERE strftime('%w', day) NOT IN ('0', '6')),
m AS (SELECT e.id, e.unit_id, w.day, k.kind, w.j,
  CASE k.kind WHEN 'in' THEN 405 + (e.id * 7919 + w.j * 31) % 60
    ELSE CASE WHEN (e.id + w.j) % 20 = 0 THEN 900 + (e.id * 104729 + w.j) % 50 ELSE 960 + (e.id * 104729 + w.j) % 45 END
  END AS minute
  FROM employee e CROSS JOIN w CROSS JOIN (SELECT 'in' AS kind UNION ALL SELECT 'out') k
  WHERE e.active = 1 AND (e.id * 13 + w.j) % 10 <> 0)
INSERT INTO checkin (employee_id, unit_id, work_date, kind, server_ms, local_minute, time_zone, mode, verdict,
  flag_mask, flags, device_id)
SELECT id, unit_id, day, kind, CAST((julianday(day) - 2440587.5) * 86400000 AS INTEGER) + (minute - 420) * 60000,
  minute, 'WIB', 'wfo', 'ok', 0, '[]', 'bench-' || id FROM m;
COMMIT;"
PG_FIXTURE="BEGIN;
INSERT INTO checkin (employee_id, unit_id, work_date, kind, server_ms, local_minute, time_zone, mode, verdict,
  flag_mask, flags, device_id)
SELECT id, unit_id, day, kind, (extract(epoch FROM d) * 1000)::bigint + (minute - 420) * 60000, minute, 'WIB', 'wfo',
  'ok', 0, '[]', 'bench-' || id FROM (
  SELECT e.id, e.unit_id, to_char(d, 'YYYY-MM-DD') AS day, d, k.kind,
    CASE k.kind WHEN 'in' THEN 405 + (e.id * 7919 + extract(doy FROM d)::int * 31) % 60
      ELSE CASE WHEN (e.id + extract(doy FROM d)::int) % 20 = 0 THEN 900 + (e.id * 104729 + extract(doy FROM d)::int) % 50
        ELSE 960 + (e.id * 104729 + extract(doy FROM d)::int) % 45 END END AS minute
  FROM employee e CROSS JOIN generate_series(DATE '$FROM', DATE '$TO', INTERVAL '1 day') d
    CROSS JOIN (VALUES ('in'), ('out')) k(kind)
  WHERE e.active AND extract(isodow FROM d) < 6 AND (e.id * 13 + extract(doy FROM d)::int) % 10 <> 0) m;
COMMIT;"

# Deleting accounts behind fleksi's back: the yearly tallies that sum them
# (store/tally.h) go too, and are rebuilt by the next close.
RESET="DELETE FROM day_violation WHERE date = '$DAY'; DELETE FROM day_account WHERE date = '$DAY';
DELETE FROM day_close WHERE date = '$DAY'; DELETE FROM discipline_tally; DELETE FROM discipline_tally_state;"
RESET_MONTH="DELETE FROM day_violation WHERE date >= '$FROM'; DELETE FROM day_account WHERE date >= '$FROM';
DELETE FROM day_close WHERE date >= '$FROM'; DELETE FROM discipline_tally; DELETE FROM discipline_tally_state;"

# ms and cpu of a `fleksi close` output line for one date
field() { sed -n "s/^$DAY .* \([0-9.]*\) ms  cpu *\([0-9.]*\) ms.*/\\$1/p"; }
stats() { sort -n | awk -v what="$1" '{v[NR]=$1} END {printf "%s, 3 runs: median %.0f ms (min %.0f, max %.0f)\n", what, v[2], v[1], v[3]}'; }

bench_engine() {  # $1 engine name, $2 database, $3 sql runner
  local name=$1 db=$2 run=$3
  echo "## $name"
  local t0
  t0=$(date +%s%N)
  $BIN demo --db "$db" --employees "$N" --seed 1 >/dev/null
  echo "demo generated in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
  t0=$(date +%s%N)
  if [ "$name" = sqlite ]; then $run "$SQLITE_FIXTURE"; else $run "$PG_FIXTURE"; fi
  echo "check-ins of $FROM..$TO inserted in one transaction in $(( ($(date +%s%N) - t0) / 1000000 )) ms:" \
    "$($run "SELECT COUNT(*) FROM checkin WHERE work_date = '$DAY'" | tr -d ' ') records on $DAY"
  : > "$work/$name.day"
  for i in 1 2 3; do
    $run "$RESET" >/dev/null
    $BIN close --db "$db" --from "$DAY" > "$work/run.txt"
    sed -n 1p "$work/run.txt" | tee -a "$work/$name.day"
    sed -n 2p "$work/run.txt"   # the date's cases, processed after its close
  done
  field 1 < "$work/$name.day" | stats "first close of $DAY, wall"
  field 2 < "$work/$name.day" | stats "first close of $DAY, process cpu"
  echo "closed again (no change expected):"
  $BIN close --db "$db" --from "$DAY" > "$work/run.txt"
  sed -n 1p "$work/run.txt"
  $run "$RESET_MONTH" >/dev/null
  echo "whole month $FROM..$TO, first close:"
  t0=$(date +%s%N)
  $BIN close --db "$db" --from "$FROM" --to "$TO" > "$work/$name.month"
  local wall=$(( ($(date +%s%N) - t0) / 1000000 ))
  sed -n '1,3p' "$work/$name.month"; echo "  ..."; tail -2 "$work/$name.month"
  echo "month: process wall $wall ms (open and migration check included)"
}

sqlite_run() { sqlite3 "$work/demo.db" "$1"; }
if [ "${FLEKSI_BENCH_SQLITE:-1}" != 0 ]; then
  bench_engine sqlite "$work/demo.db" sqlite_run
  ls -l "$work/demo.db" | awk '{printf "sqlite database: %.0f MB\n", $5 / 1048576}'
fi

if [ "${FLEKSI_BENCH_PG:-1}" != 0 ]; then
  PG_URI=$(scripts/pg-test-server.sh start "$pgdir" "$PG_PORT" | tail -1)
  pg_started=1
  psql "$PG_URI" -qc "CREATE DATABASE fleksi_close_bench"
  PG_DB=${PG_URI%/*}/fleksi_close_bench
  pg_run() { psql "$PG_DB" -qtAc "$1"; }
  bench_engine postgresql "$PG_DB" pg_run
  echo "day_account partitions: $(pg_run "SELECT string_agg(relname, ' ' ORDER BY relname) FROM pg_class WHERE relname LIKE 'day_account_%' AND relkind = 'r'")"
fi
