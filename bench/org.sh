#!/usr/bin/env bash
# Benchmarks for the organisation registry. Prints figures; decides nothing.
#   1. demo generation time (62,000 employees, SQLite)
#   2. CSV import time of 62,000 employees (units loaded first), median of 3
#   3. GET /api/v1/employees throughput and p99 with wrk -t2 -c64, next to a
#      bare /healthz in the same run, and the server's CPU time per request
#      (user+sys from /proc, the figure that stays stable on a shared 2-core VM).
# Usage: bench/org.sh [EMPLOYEES] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-62000}
SECS=${2:-10}
BIN=build/fleksi
[ -x "$BIN" ] || scripts/build.sh
work=$(mktemp -d /tmp/fleksi-bench.XXXXXX)
export FLEKSI_AUDIT_KEY=$work/audit.key
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$work"' EXIT
echo "# fleksi bench/org.sh  N=$N  $(date -u +%FT%TZ)  $(nproc) cores"

echo "## demo generation"
for i in 1 2 3; do
  rm -f "$work"/demo.db*
  /usr/bin/time -f "%e s wall, %M KiB max RSS" $BIN demo --db "$work/demo.db" --employees "$N" --seed $i 2>&1 >/dev/null | tail -1
done
echo "command: $BIN demo --db DB --employees $N --seed S"

echo "## CSV export of the demo (to import it again)"
sqlite3 -header -csv "$work/demo.db" "SELECT u.code AS kode, u.name AS nama, COALESCE(p.code,'') AS induk_kode, u.kind AS jenis,
  CASE WHEN u.face_to_face THEN 'ya' ELSE 'tidak' END AS layanan_tatap_muka, u.lat, u.lon, u.radius_m
  FROM unit u LEFT JOIN unit p ON p.id = u.parent_id ORDER BY u.path" > "$work/units.csv"
sqlite3 -header -csv "$work/demo.db" "SELECT e.nip, e.name AS nama, e.employment AS jenis_pegawai, e.golongan, p.name AS jabatan,
  p.kind AS jenis_jabatan, u.code AS unit_kode, COALESCE(s.nip,'') AS atasan_nip, e.appointed_on AS tmt_jabatan,
  e.domicile_lat AS domisili_lat, e.domicile_lon AS domisili_lon
  FROM employee e JOIN unit u ON u.id = e.unit_id JOIN position p ON p.id = e.position_id
  LEFT JOIN employee s ON s.id = e.supervisor_id ORDER BY e.id" > "$work/employees.csv"
echo "units.csv $(($(wc -l < "$work/units.csv") - 1)) rows, employees.csv $(($(wc -l < "$work/employees.csv") - 1)) rows, $(du -h "$work/employees.csv" | cut -f1)"
$BIN import units --db "$work/base.db" "$work/units.csv" >/dev/null

echo "## import of employees.csv into a database holding the units"
times=()
for i in 1 2 3; do
  cp "$work/base.db" "$work/imp.db"
  t0=$(date +%s.%N)
  $BIN import employees --db "$work/imp.db" "$work/employees.csv" >/dev/null
  t1=$(date +%s.%N)
  times+=("$(echo "$t1 - $t0" | bc)")
  rm -f "$work"/imp.db*
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "import %d employees: median %.2f s (min %.2f, max %.2f)\n", '"$(($(wc -l < "$work/employees.csv") - 1))"', a[2], a[1], a[3]}'
echo "command: $BIN import employees --db DB employees.csv"

echo "## HTTP: GET /api/v1/employees (wrk -t2 -c64 -d${SECS}s)"
PORT=18089
$BIN serve --db "$work/demo.db" --listen 127.0.0.1:$PORT --threads 4 2>/dev/null &
SERVER=$!
for _ in $(seq 100); do curl -fs http://127.0.0.1:$PORT/healthz >/dev/null && break; sleep 0.1; done
TOKEN=$(curl -fs -H 'content-type: application/json' -d '{"username":"admin.bkd","password":"fleksi-demo-2026"}' \
  http://127.0.0.1:$PORT/api/v1/session | sed -E 's/.*"token":"([^"]+)".*/\1/')
UNIT=$(sqlite3 "$work/demo.db" "SELECT u.code FROM unit u JOIN employee e ON e.unit_id = u.id WHERE u.kind='kelurahan' GROUP BY u.id ORDER BY COUNT(*) DESC LIMIT 1")
cpu_ticks() { awk '{print $14 + $15}' /proc/$SERVER/stat; }
run() { # label url
  local before after reqs
  before=$(cpu_ticks)
  out=$(wrk -t2 -c64 -d"${SECS}s" --latency -H "Authorization: Bearer $TOKEN" "$2")
  after=$(cpu_ticks)
  reqs=$(echo "$out" | awk '/requests in/ {print $1}')
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  cpu_us=$(echo "($after - $before) * 1000000 / $(getconf CLK_TCK) / $reqs" | bc -l)
  printf '%-46s %9s req/s  p99 %-8s  server CPU %6.1f us/req  non-2xx %s\n' "$1" "$rps" "$p99" "$cpu_us" "${non2xx:-0}"
}
run "bare GET /healthz (reference)" "http://127.0.0.1:$PORT/healthz"
run "GET /employees?unit=<kelurahan>&per_page=50" "http://127.0.0.1:$PORT/api/v1/employees?unit=$UNIT&per_page=50"
run "GET /employees?per_page=50 (all, page 1)" "http://127.0.0.1:$PORT/api/v1/employees?per_page=50"
run "GET /employees?q=sari&per_page=20" "http://127.0.0.1:$PORT/api/v1/employees?q=sari&per_page=20"
echo "command: wrk -t2 -c64 -d${SECS}s --latency -H 'Authorization: Bearer …' URL  (server --threads 4, same machine)"
