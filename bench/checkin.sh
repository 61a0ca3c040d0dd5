#!/usr/bin/env bash
# Check-in throughput (issue 5 item 9, issue 8 item 7). Prints figures; decides nothing.
#   1. builds a release binary ($FLEKSI_BENCH_BUILD, default build-bench/), makes
#      the Jakarta demo (62,000 employees) on SQLite and a session for every
#      employee (`fleksi user tokens`); the same demo (same seed) on a
#      throwaway PostgreSQL 15 (scripts/pg-test-server.sh, port
#      $FLEKSI_BENCH_PG_PORT, default 57160; skipped with FLEKSI_BENCH_PG=0);
#   2. per run and engine: a fresh copy of the database, `fleksi serve --threads T` (T: the
#      server's default unless given),
#      a 2-second warm-up with 4,000 people set aside (it loads the caches a
#      server that has been up for a while has: the employees/schedules/plans
#      snapshot and the session snapshot), then wrk -t2 -c64 with
#      bench/checkin.lua over the other people, in a fixed random order, whose
#      phones were registered beforehand: each request a new, valid
#      check-in (first everyone's "in", then everyone's "out") with a jittered
#      point near the person's office; full validation, group commit, a 201
#      only after COMMIT and the WAL's fdatasync on SQLite;
#   3. runs bench/bare_server (libmicrohttpd answering a fixed JSON, same
#      thread count) with the same wrk settings in the same run;
#   4. prints req/s, p50/p99, non-2xx, the server's CPU per request, rows stored,
#      RUNS times each, and a table of medians with the ratio to the bare server.
# Usage: [FLEKSI_CHECKIN_SYNC=normal] bench/checkin.sh [SECONDS] [RUNS] [THREADS] [EMPLOYEES]
#   FLEKSI_BENCH_SERVER_LOG=FILE keeps the server's stderr (with FLEKSI_CHECKIN_TRACE=1: one line per
#   batch, its size and its write and commit times). FLEKSI_BENCH_PERF=PREFIX records the server
#   with `perf record -g` during each measured run (PREFIX.sqlite.1, ...; the figures then include
#   perf's overhead). FLEKSI_BENCH_HISTORY_DAYS=N: N earlier days of check-ins first (SQLite).
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-8}  # at 14,500/s the 58,000 people's two records run out after 8 s
RUNS=${2:-3}
# `fleksi serve`'s default (twice the CPUs, 4 to 64); wrk holds 64 connections whatever the count
CPUS=$(nproc)
THREADS=${3:-$((CPUS < 2 ? 4 : CPUS > 32 ? 64 : 2 * CPUS))}
N=${4:-62000}
WARM=4000
BUILD=${FLEKSI_BENCH_BUILD:-build-bench}
PG=${FLEKSI_BENCH_PG:-1}
PGPORT=${FLEKSI_BENCH_PG_PORT:-57160}
# release; werror off only because gcc -O3 flags files elsewhere (maybe-uninitialized)
[ -d $BUILD ] || meson setup $BUILD --buildtype=release -Dwerror=false >/dev/null
if ! ninja -C $BUILD fleksi bare_server >/dev/null 2>&1; then
  # (the tree is shared while being edited: a half-added file elsewhere breaks
  # the regeneration; the binaries from the last good build are then used)
  [ -x $BUILD/fleksi ] && [ -x $BUILD/bare_server ] || { echo "build failed" >&2; exit 1; }
  echo "# WARNING: ninja failed; using the existing $BUILD binaries"
fi
BIN=$BUILD/fleksi
work=$(mktemp -d /tmp/fleksi-bench-checkin.XXXXXX)
chmod 755 "$work"
export FLEKSI_AUDIT_KEY=$work/audit.key
SERVER=
PGDIR=$work/pg
cleanup() {
  if [ -n "$SERVER" ]; then kill $SERVER 2>/dev/null || true; fi
  [ -d "$PGDIR" ] && scripts/pg-test-server.sh stop "$PGDIR" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
echo "# fleksi bench/checkin.sh  $(date -u +%FT%TZ)  $(nproc) cores  N=$N threads=$THREADS wrk -t2 -c64 -d${SECS}s"
echo "# check-in durability: SQLite ${FLEKSI_CHECKIN_SYNC:-full} (full: a 201 after the WAL's fdatasync; normal: after COMMIT, survives kill -9, not a power cut); PostgreSQL: synchronous_commit=on"
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

$BIN demo --db "$work/base.db" --employees "$N" --seed 1 >/dev/null 2>&1
$BIN user tokens --db "$work/base.db" --count "$N" --out "$work/tokens.txt" 2>/dev/null
# A working day, not the app's first: everyone's phone was registered on an
# earlier day (the device bench/checkin.lua sends), as the first check-in does.
REGISTER_DEVICES="INSERT INTO device (employee_id, device_id, status, origin, requested_at, decided_at, decided_by)
  SELECT id, 'bench-' || nip, 'active', 'first_use', '2026-01-05T00:00:00Z', '2026-01-05T00:00:00Z', 'system'
  FROM employee WHERE id NOT IN (SELECT employee_id FROM device WHERE status = 'active')"
sqlite3 "$work/base.db" "$REGISTER_DEVICES"
# FLEKSI_BENCH_HISTORY_DAYS=N (SQLite): N earlier days of everyone's two records first, so the
# indexes are as large as after N days in service (the unique key then puts each new record
# next to that person's earlier ones, at a random place of a large index).
HISTORY=${FLEKSI_BENCH_HISTORY_DAYS:-0}
if [ "$HISTORY" -gt 0 ]; then
  sqlite3 "$work/base.db" "BEGIN;
WITH RECURSIVE d(n, day) AS (SELECT 1, date('now', '-1 day')
  UNION ALL SELECT n + 1, date('now', '-' || (n + 1) || ' day') FROM d WHERE n < $HISTORY)
INSERT INTO checkin (employee_id, unit_id, work_date, kind, server_ms, local_minute, time_zone, mode, lat, lon,
  accuracy_m, verdict, flag_mask, flags, device_id)
SELECT e.id, e.unit_id, d.day, k.kind, CAST((julianday(d.day) - 2440587.5) * 86400000 AS INTEGER) + (k.minute - 420) * 60000,
  k.minute, 'WIB', 'wfo', u.lat, u.lon, 10, 'ok', 0, '[]', 'bench-' || e.nip
FROM d CROSS JOIN employee e JOIN unit u ON u.id = e.unit_id
  CROSS JOIN (SELECT 'in' AS kind, 420 AS minute UNION ALL SELECT 'out', 960) k WHERE e.active = 1;
COMMIT;"
  echo "history: $(sqlite3 "$work/base.db" 'SELECT COUNT(*) FROM checkin') check-ins of $HISTORY earlier days; database $(du -m "$work/base.db" | cut -f1) MB"
fi
sqlite3 -separator ' ' "$work/base.db" \
  "SELECT e.nip, u.lat, u.lon FROM employee e JOIN unit u ON u.id = e.unit_id WHERE u.lat IS NOT NULL" > "$work/places.txt"
# people.txt: "TOKEN NIP LAT LON"; the last WARM of them only for the warm-up
people() {
  awk 'NR == FNR { place[$1] = $2 " " $3; next } ($2 in place) { print $1, $2, place[$2] }' "$work/places.txt" "$1" > "$2.all"
  # people come in no particular order (fixed shuffle); FLEKSI_BENCH_SEQUENTIAL=1: in employee order
  [ -n "${FLEKSI_BENCH_SEQUENTIAL:-}" ] || { shuf --random-source=<(yes) "$2.all" > "$2.shuf"; mv "$2.shuf" "$2.all"; }
  head -n -$WARM "$2.all" > "$2.main"
  tail -n $WARM "$2.all" > "$2.warm"
}
people "$work/tokens.txt" "$work/sqlite"
echo "people with an office location: $(wc -l < "$work/sqlite.all") ($WARM of them for the warm-up)"

PSQL=/usr/lib/postgresql/15/bin/psql
if [ "$PG" = 1 ]; then
  # a server with T threads opens 2*T+3 connections (T=64: 131); the test cluster allows 50
  pguri=$(scripts/pg-test-server.sh start "$PGDIR" "$PGPORT")
  $PSQL -X -q "$pguri" -c "ALTER SYSTEM SET max_connections = 300" >/dev/null
  scripts/pg-test-server.sh stop "$PGDIR" >/dev/null
  pguri=$(scripts/pg-test-server.sh start "$PGDIR" "$PGPORT")
  pgbase=${pguri%/*}
  $PSQL -X -q "$pguri" -c "CREATE DATABASE bench_base" >/dev/null
  $BIN demo --db "$pgbase/bench_base" --employees "$N" --seed 1 >/dev/null 2>&1
  $BIN user tokens --db "$pgbase/bench_base" --count "$N" --out "$work/tokens_pg.txt" 2>/dev/null
  $PSQL -X -q "$pgbase/bench_base" -c "$REGISTER_DEVICES" >/dev/null
  people "$work/tokens_pg.txt" "$work/pg"
  echo "PostgreSQL: $pguri (demo in bench_base, each run on a copy); people: $(wc -l < "$work/pg.all");" \
    "fsync=$($PSQL -X -tA "$pguri" -c 'SHOW fsync') synchronous_commit=$($PSQL -X -tA "$pguri" -c 'SHOW synchronous_commit')"
fi

port=$((20000 + RANDOM % 20000))
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# One wrk run against the server with pid $1 over people file $2;
# prints "rps p50 p99 non2xx cpu_us_per_req".
measure() {
  local pid=$1 t0 t1 out
  t0=$(cpu_ticks "$pid")
  out=$(CHECKIN_PEOPLE=$2 CHECKIN_THREADS=2 wrk -t2 -c64 -d"${SECS}s" --timeout 5s -s bench/checkin.lua "http://127.0.0.1:$port/" 2>&1)
  t1=$(cpu_ticks "$pid")
  echo "$out" | grep '^RESULT' | sed 's/[a-z_0-9]*=//g' | awk -v ticks=$((t1 - t0)) -v hz="$(getconf CLK_TCK)" \
    '{ printf "%s %s %s %s %.1f\n", $3, $4, $5, $7, (ticks / hz) * 1e6 / ($2 > 0 ? $2 : 1) }'
}

warm_up() {
  # one check-in first: it waits while the server loads its snapshots
  read -r tok _ _ _ < "$1"
  curl -s -o /dev/null --max-time 60 -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' \
    -d '{"kind":"in","lat":-6.2,"lon":106.8,"accuracy_m":10,"device_id":"bench-warm-up"}' "http://127.0.0.1:$port/api/v1/checkins" || true
  CHECKIN_PEOPLE=$1 CHECKIN_THREADS=2 wrk -t2 -c64 -d2s --timeout 5s -s bench/checkin.lua "http://127.0.0.1:$port/" >/dev/null 2>&1 || true
}

wait_up() {
  for _ in $(seq 300); do curl -s -o /dev/null "http://127.0.0.1:$port/$1" && return 0; sleep 0.1; done
  echo "server did not start" >&2; exit 1
}

median() { sort -n | awk '{a[NR]=$1} END {printf "%s (min %s, max %s)", a[int((NR+1)/2)], a[1], a[NR]}'; }
med() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# One engine run: $1 label, $2 --db argument, $3 people prefix, $4 command printing the rows stored.
declare -A R
run_fleksi() {
  local label=$1 db=$2 ppl=$3 count=$4
  $BIN serve --db "$db" --listen "127.0.0.1:$port" --threads "$THREADS" 2>"${FLEKSI_BENCH_SERVER_LOG:-/dev/null}" &
  SERVER=$!
  wait_up healthz
  warm_up "$ppl.warm"
  local perf=
  if [ -n "${FLEKSI_BENCH_PERF:-}" ]; then
    perf record -q -F 499 ${FLEKSI_BENCH_PERF_ARGS:--g} -p $SERVER -o "$FLEKSI_BENCH_PERF.$label.$r" 2>/dev/null &
    perf=$!
  fi
  read -r rps p50 p99 bad cpu < <(measure $SERVER "$ppl.main")
  if [ -n "$perf" ]; then kill -INT $perf; wait $perf 2>/dev/null || true; fi
  kill $SERVER; wait $SERVER 2>/dev/null || true; SERVER=
  rows=$(eval "$count")
  local main
  main=$(wc -l < "$ppl.main")
  if awk -v r="$rps" -v s="$SECS" -v m="$main" 'BEGIN { exit !(r * s > 2 * m) }'; then
    echo "# WARNING: more requests than two per person ($main people): the last ones were 409s; use fewer SECONDS"
  fi
  echo "run $r $label: $rps check-ins/s  p50 ${p50} ms  p99 ${p99} ms  non-2xx/errors $bad  server CPU ${cpu} us/req  rows stored $rows (incl. warm-up)"
  R[$label,rps]+="$rps "; R[$label,p50]+="$p50 "; R[$label,p99]+="$p99 "; R[$label,bad]+="$bad "; R[$label,cpu]+="$cpu "
}

for r in $(seq "$RUNS"); do
  rm -f "$work"/run.db*
  cp "$work/base.db" "$work/run.db"
  sync "$work/run.db"  # not flushed by the kernel during the measured run
  run_fleksi sqlite "$work/run.db" "$work/sqlite" "sqlite3 '$work/run.db' 'SELECT COUNT(*) FROM checkin'"

  if [ "$PG" = 1 ]; then
    $PSQL -X -q "$pguri" -c "DROP DATABASE IF EXISTS bench_run" -c "CREATE DATABASE bench_run TEMPLATE bench_base" >/dev/null 2>&1
    run_fleksi postgresql "$pgbase/bench_run" "$work/pg" "$PSQL -X -tA '$pgbase/bench_run' -c 'SELECT COUNT(*) FROM checkin'"
  fi

  $BUILD/bare_server "$port" "$THREADS" 2>/dev/null &
  SERVER=$!
  wait_up x
  read -r brps bp50 bp99 bbad bcpu < <(measure $SERVER "$work/sqlite.main")
  kill $SERVER; wait $SERVER 2>/dev/null || true; SERVER=
  echo "run $r bare:   $brps req/s  p50 ${bp50} ms  p99 ${bp99} ms  non-2xx/errors $bbad  server CPU ${bcpu} us/req"
  R[bare,rps]+="$brps "; R[bare,p50]+="$bp50 "; R[bare,p99]+="$bp99 "; R[bare,bad]+="$bbad "; R[bare,cpu]+="$bcpu "
done
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "## summary (median of $RUNS; min and max in parentheses)"
for e in sqlite postgresql bare; do
  [ -n "${R[$e,rps]:-}" ] || continue
  echo "$e req/s:      $(printf '%s\n' ${R[$e,rps]} | median)"
  echo "$e p99 ms:     $(printf '%s\n' ${R[$e,p99]} | median)"
  echo "$e CPU us/req: $(printf '%s\n' ${R[$e,cpu]} | median)"
done
bm=$(printf '%s\n' ${R[bare,rps]} | med)
echo
printf '| %-24s | %9s | %8s | %8s | %11s | %8s | %13s |\n' server "req/s" "p50 ms" "p99 ms" "CPU us/req" "non-2xx" "ratio to bare"
printf '|%s|%s|%s|%s|%s|%s|%s|\n' -------------------------- ----------- ---------- ---------- ------------- ---------- ---------------
for e in bare sqlite postgresql; do
  [ -n "${R[$e,rps]:-}" ] || continue
  m=$(printf '%s\n' ${R[$e,rps]} | med)
  name=$e; [ $e = bare ] && name="bare libmicrohttpd"; [ $e = sqlite ] && name="fleksi SQLite"; [ $e = postgresql ] && name="fleksi PostgreSQL 15"
  printf '| %-24s | %9s | %8s | %8s | %11s | %8s | %13s |\n' "$name" "$m" "$(printf '%s\n' ${R[$e,p50]} | med)" \
    "$(printf '%s\n' ${R[$e,p99]} | med)" "$(printf '%s\n' ${R[$e,cpu]} | med)" "$(printf '%s\n' ${R[$e,bad]} | med)" \
    "$(echo "scale=3; $m / $bm" | bc)"
done
echo
echo "commands: $BIN serve --db DB --threads $THREADS; $BUILD/bare_server PORT $THREADS;"
echo "          wrk -t2 -c64 -d${SECS}s --timeout 5s -s bench/checkin.lua (CHECKIN_PEOPLE=tokens with office points;"
echo "          after wrk -d2s over $WARM other people as a warm-up)"
