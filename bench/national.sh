#!/usr/bin/env bash
# The whole country on PostgreSQL (issue 8 item 7): generate a national demo
# (default 4,700,000 employees) into a throwaway PostgreSQL 15 on loopback,
# and print its generation time, the database size by table, and the plans
# of the hot queries at that scale (EXPLAIN ANALYZE: index or scan, time).
# Prints figures; decides nothing.
# Usage: bench/national.sh [EMPLOYEES]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-4700000}
BIN=build/fleksi
[ -x "$BIN" ] || scripts/build.sh
pgdir=/tmp/fleksi-bench-national-$$
port=$((57000 + $$ % 500))
work=$(mktemp -d /tmp/fleksi-bench-national.XXXXXX)
export FLEKSI_AUDIT_KEY=$work/audit.key
trap 'scripts/pg-test-server.sh stop "$pgdir" >/dev/null 2>&1; rm -rf "$pgdir" "$work"' EXIT
uri=$(scripts/pg-test-server.sh start "$pgdir" "$port")
psql -X -q "$uri" -c "CREATE DATABASE national"
db=${uri%/fleksi}/national
echo "# fleksi bench/national.sh  N=$N  $(date -u +%FT%TZ)  $(nproc) cores, PostgreSQL $(psql -X -tA "$db" -c 'SHOW server_version')"
echo "\$ fleksi demo --db $db --employees $N"
/usr/bin/time -f "%e s wall, %U s user, %S s sys, %M KB max RSS (fleksi)" \
  $BIN demo --db "$db" --employees "$N" --seed 1 2>"$work/demo.err" | grep -E '^demo:' || { cat "$work/demo.err"; exit 1; }
tail -1 "$work/demo.err"
psql -X -q "$db" -c "VACUUM ANALYZE"

# One working day's close for the whole country: the first working day of
# the demo's check-ins (a weekday with records), then the same date again
# (idempotent: nothing changes, only reads).
day=$(psql -X -tA "$db" -c "SELECT COALESCE(max(work_date), '2026-11-27') FROM checkin")
[ -n "$day" ] || day=2026-11-27
echo "\$ fleksi close --db \$db --from $day   (first close, then again)"
for pass in first again; do
  # every line: the date's own close time and its cases pass, then the totals
  /usr/bin/time -f "%e s wall, %M KB max RSS" $BIN close --db "$db" --from "$day" 2>"$work/close.err" |
    sed "s/^/  $pass: /"
  tail -1 "$work/close.err" | sed "s/^/  $pass: /"
done
psql -X -q "$db" -c "ANALYZE"

echo "## database size"
psql -X -tA -F ' ' "$db" -c "SELECT pg_size_pretty(pg_database_size(current_database()))" | sed 's/^/total /'
psql -X -tA -F ' ' "$db" -c "SELECT relname, pg_size_pretty(pg_total_relation_size(c.oid)), reltuples::bigint
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY pg_total_relation_size(c.oid) DESC LIMIT 10" |
  awk '{printf "  %-24s %10s %s rows\n", $1, $2" "$3, $4}'

echo "## hot queries at this scale (EXPLAIN ANALYZE; the plan's first node and the execution time)"
unit=$(psql -X -tA "$db" -c "SELECT unit_id FROM employee GROUP BY unit_id ORDER BY count(*) DESC LIMIT 1")
boss=$(psql -X -tA "$db" -c "SELECT supervisor_id FROM employee WHERE supervisor_id IS NOT NULL GROUP BY supervisor_id ORDER BY count(*) DESC LIMIT 1")
emp=$(psql -X -tA "$db" -c "SELECT id FROM employee ORDER BY id DESC LIMIT 1")
atasan=$(psql -X -tA "$db" -c "SELECT s.supervisor_id FROM employee e JOIN employee s ON s.id = e.supervisor_id WHERE e.id = $emp")
nip=$(psql -X -tA "$db" -c "SELECT nip FROM employee WHERE id = $emp")
explain() { # label sql
  psql -X -tA "$db" -c "EXPLAIN (ANALYZE, COSTS OFF) $2" >"$work/plan"
  local first time scans
  first=$(head -1 "$work/plan" | sed 's/ (actual.*//; s/^ *//')
  time=$(grep -oE 'Execution Time: [0-9.]+ ms' "$work/plan" | grep -oE '[0-9.]+ ms')
  scans=$(grep -c 'Seq Scan' "$work/plan" || true)
  printf '  %-44s %10s  %s%s\n' "$1" "$time" "$first" "$([ "$scans" -gt 0 ] && echo "  [$scans seq scan]")"
}
explain "employees of the largest unit, page 1" \
  "SELECT id, nip, name FROM employee WHERE unit_id = $unit AND active = true ORDER BY name_lower, nip LIMIT 50"
explain "one employee by NIP" "SELECT id FROM employee WHERE nip = '$nip'"
explain "direct subordinates of the busiest atasan" "SELECT id FROM employee WHERE supervisor_id = $boss"
explain "supervisor chain of one employee (one step)" "SELECT COALESCE(supervisor_id, 0) FROM employee WHERE id = $emp"
explain "all below a mid-level atasan (recursive)" \
  "WITH RECURSIVE sub(id) AS (SELECT id FROM employee WHERE supervisor_id = $atasan UNION SELECT x.id FROM employee x JOIN sub ON x.supervisor_id = sub.id) SELECT count(*) FROM sub"
explain "session by token hash" "SELECT account_id FROM session WHERE token_hash = 'x' AND expires_at > 0"
explain "name search, substring (known: a scan)" \
  "SELECT id FROM employee WHERE name_lower LIKE '%sari%' ORDER BY name_lower, nip LIMIT 50"
if psql -X -tA "$db" -c "SELECT to_regclass('public.plan')" | grep -q plan; then
  explain "plans of the largest unit in a month" \
    "SELECT id FROM plan WHERE unit_id = $unit AND date BETWEEN '2026-12-01' AND '2026-12-31'"
fi
if psql -X -tA "$db" -c "SELECT to_regclass('public.checkin')" | grep -q checkin; then
  explain "check-ins of one employee in a month (partitioned)" \
    "SELECT id FROM checkin WHERE employee_id = $emp AND work_date BETWEEN '2026-11-01' AND '2026-11-30'"
fi
