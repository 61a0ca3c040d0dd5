#!/usr/bin/env bash
# Benchmark of bulk eligibility: decide every employee of the demo in memory.
# Prints figures; decides nothing.
#   1. the summary over the whole organisation: the server's own evaluation
#      time (evaluation_ms, deciding every employee once the data is loaded)
#      and the wall time of the request (loading included), median of 5
#   2. the CSV export wall time
#   3. the share of demo positions (and of employees) the shipped
#      classification table classifies, and the names it could not
# Usage: bench/eligibility.sh [EMPLOYEES]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-62000}
BIN=build/fleksi
[ -x "$BIN" ] || scripts/build.sh
work=$(mktemp -d /tmp/fleksi-bench-elig.XXXXXX)
export FLEKSI_AUDIT_KEY=$work/audit.key
SERVER=
trap '[ -n "$SERVER" ] && kill $SERVER 2>/dev/null; rm -rf "$work"' EXIT
echo "# fleksi bench/eligibility.sh  N=$N  $(date -u +%FT%TZ)  $(nproc) cores"
$BIN demo --db "$work/demo.db" --employees "$N" --seed 1 >/dev/null
PORT=$((20000 + RANDOM % 20000))
$BIN serve --db "$work/demo.db" --listen 127.0.0.1:$PORT 2>/dev/null &
SERVER=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
TOKEN=$(curl -sf -X POST "http://127.0.0.1:$PORT/api/v1/session" -H 'content-type: application/json' \
  -d '{"username":"admin.bkd","password":"fleksi-demo-2026"}' | python3 -c 'import sys,json;print(json.load(sys.stdin)["token"])')
H="Authorization: Bearer $TOKEN"

echo "## bulk evaluation (GET /api/v1/eligibility/summary, whole organisation)"
for i in 1 2 3 4 5; do
  curl -sf -H "$H" -o "$work/s.json" -w '%{time_total}\n' "http://127.0.0.1:$PORT/api/v1/eligibility/summary" > "$work/wall"
  python3 - "$work/s.json" "$(cat "$work/wall")" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print(f"employees {d['total']}: evaluation {d['evaluation_ms']:.1f} ms in memory, request {float(sys.argv[2])*1000:.0f} ms wall (load + evaluate + JSON)")
PY
done | sort -t' ' -k4 -n | awk '{l[NR]=$0} END {print "5 runs, ordered by evaluation time:"; for (i = 1; i <= 5; i++) print "  " l[i]}'
python3 - "$work/s.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
e, n = d['eligible'], d['total']
print(f"eligible for any location mode: {e['any_location']} of {n} ({100*e['any_location']/n:.1f}%); "
      f"wfh {e['wfh']}, wfa {e['wfa']}, kantor_lain {e['kantor_lain']}, shift {e['shift']}, dinamis {e['dinamis']}")
print("employees failing each rule (any location mode):", ", ".join(f"{k} {v}" for k, v in sorted(d['by_reason'].items(), key=lambda x: -x[1])))
PY

echo "## CSV export (GET /api/v1/eligibility/export.csv)"
curl -sf -H "$H" -o "$work/e.csv" -w 'export: %{time_total} s wall, %{size_download} bytes\n' "http://127.0.0.1:$PORT/api/v1/eligibility/export.csv"

echo "## classification of demo positions (GET /api/v1/eligibility/positions)"
curl -sf -H "$H" "http://127.0.0.1:$PORT/api/v1/eligibility/positions?unclassified=true" > "$work/p.json"
python3 - "$work/p.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print(f"positions classified: {d['classified']} of {d['positions']} ({100*d['classified']/max(1,d['positions']):.1f}%); "
      f"employees in classified positions: {d['employees_classified']} of {d['employees']} "
      f"({100*d['employees_classified']/max(1,d['employees']):.1f}%); table rows: {d['table_size']}")
names = [f"{p['name']} ({p['kind']}, {p['employees']})" for p in d['items']]
print("unclassified names:", "; ".join(names) if names else "none")
PY
