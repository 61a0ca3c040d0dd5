#!/usr/bin/env bash
# Check-in throughput (issue 5 item 9). Prints figures; decides nothing.
#   1. builds a release binary (build-bench/), makes the Jakarta demo
#      (62,000 employees) on SQLite and a session for every employee
#      (`fleksi user tokens`);
#   2. runs `fleksi serve --threads T` and wrk -t2 -c64 with bench/checkin.lua:
#      each request a new, valid check-in (first everyone's "in", then
#      everyone's "out") with a jittered point near the person's office;
#      full validation, group commit, a 201 only after COMMIT
#      (synchronous=FULL for the check-in batches);
#   3. runs bench/bare_server (libmicrohttpd answering a fixed JSON, same
#      daemon flags and thread count) with the same wrk settings;
#   4. prints check-ins/s, p50/p99, non-2xx, the server's CPU per request and
#      the ratio to the bare server, RUNS times each, with the median.
# Usage: [FLEKSI_CHECKIN_SYNC=normal] bench/checkin.sh [SECONDS] [RUNS] [THREADS] [EMPLOYEES]
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-10}
RUNS=${2:-3}
THREADS=${3:-64}
N=${4:-62000}
BUILD=build-bench
# release; werror off only because gcc -O3 flags src/store/signer.c (read of n+1 bytes into n; reported)
[ -d $BUILD ] || meson setup $BUILD --buildtype=release -Dwerror=false >/dev/null
ninja -C $BUILD fleksi bare_server >/dev/null
BIN=$BUILD/fleksi
work=$(mktemp -d /tmp/fleksi-bench-checkin.XXXXXX)
export FLEKSI_AUDIT_KEY=$work/audit.key
SERVER=
trap 'if [ -n "$SERVER" ]; then kill $SERVER 2>/dev/null || true; fi; rm -rf "$work"' EXIT
echo "# fleksi bench/checkin.sh  $(date -u +%FT%TZ)  $(nproc) cores  N=$N threads=$THREADS wrk -t2 -c64 -d${SECS}s"
echo "# check-in commits: synchronous=${FLEKSI_CHECKIN_SYNC:-full} (FLEKSI_CHECKIN_SYNC=normal: survives kill -9, not a power cut)"
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

$BIN demo --db "$work/base.db" --employees "$N" --seed 1 >/dev/null 2>&1
$BIN user tokens --db "$work/base.db" --count "$N" --out "$work/tokens.txt" 2>/dev/null
sqlite3 -separator ' ' "$work/base.db" \
  "SELECT e.nip, u.lat, u.lon FROM employee e JOIN unit u ON u.id = e.unit_id WHERE u.lat IS NOT NULL" > "$work/places.txt"
awk 'NR == FNR { place[$1] = $2 " " $3; next } ($2 in place) { print $1, $2, place[$2] }' \
  "$work/places.txt" "$work/tokens.txt" > "$work/people.txt"
echo "people with an office location: $(wc -l < "$work/people.txt")"
export CHECKIN_PEOPLE=$work/people.txt CHECKIN_THREADS=2

port=$((20000 + RANDOM % 20000))
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# One wrk run against the server with pid $1; prints "rps p50 p99 non2xx cpu_us_per_req".
measure() {
  local pid=$1 t0 t1 out
  t0=$(cpu_ticks "$pid")
  out=$(wrk -t2 -c64 -d"${SECS}s" --timeout 5s -s bench/checkin.lua "http://127.0.0.1:$port/" 2>&1)
  t1=$(cpu_ticks "$pid")
  echo "$out" | grep '^RESULT' | sed 's/[a-z_0-9]*=//g' | awk -v ticks=$((t1 - t0)) -v hz="$(getconf CLK_TCK)" \
    '{ printf "%s %s %s %s %.1f\n", $3, $4, $5, $7, (ticks / hz) * 1e6 / ($2 > 0 ? $2 : 1) }'
}

wait_up() {
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/$1" && return 0; sleep 0.1; done
  echo "server did not start" >&2; exit 1
}

median() { sort -n | awk '{a[NR]=$1} END {printf "%s (min %s, max %s)", a[int((NR+1)/2)], a[1], a[NR]}'; }

declare -a F_RPS F_P50 F_P99 F_BAD F_CPU B_RPS B_P99 B_CPU
for r in $(seq "$RUNS"); do
  rm -f "$work"/run.db*
  cp "$work/base.db" "$work/run.db"
  $BIN serve --db "$work/run.db" --listen "127.0.0.1:$port" --threads "$THREADS" 2>/dev/null &
  SERVER=$!
  wait_up healthz
  read -r rps p50 p99 bad cpu < <(measure $SERVER)
  kill $SERVER; wait $SERVER 2>/dev/null || true; SERVER=
  rows=$(sqlite3 "$work/run.db" "SELECT COUNT(*) FROM checkin")
  echo "run $r fleksi: $rps check-ins/s  p50 ${p50} ms  p99 ${p99} ms  non-2xx/errors $bad  server CPU ${cpu} us/req  rows stored $rows"
  F_RPS+=("$rps"); F_P50+=("$p50"); F_P99+=("$p99"); F_BAD+=("$bad"); F_CPU+=("$cpu")

  $BUILD/bare_server "$port" "$THREADS" 2>/dev/null &
  SERVER=$!
  wait_up x
  read -r brps bp50 bp99 bbad bcpu < <(measure $SERVER)
  kill $SERVER; wait $SERVER 2>/dev/null || true; SERVER=
  echo "run $r bare:   $brps req/s  p50 ${bp50} ms  p99 ${bp99} ms  non-2xx/errors $bbad  server CPU ${bcpu} us/req"
  B_RPS+=("$brps"); B_P99+=("$bp99"); B_CPU+=("$bcpu")
done

echo "## summary (median of $RUNS)"
echo "fleksi check-ins/s: $(printf '%s\n' "${F_RPS[@]}" | median)"
echo "fleksi p50 ms:      $(printf '%s\n' "${F_P50[@]}" | median)"
echo "fleksi p99 ms:      $(printf '%s\n' "${F_P99[@]}" | median)"
echo "fleksi non-2xx:     $(printf '%s\n' "${F_BAD[@]}" | median)"
echo "fleksi CPU us/req:  $(printf '%s\n' "${F_CPU[@]}" | median)"
echo "bare req/s:         $(printf '%s\n' "${B_RPS[@]}" | median)"
echo "bare p99 ms:        $(printf '%s\n' "${B_P99[@]}" | median)"
echo "bare CPU us/req:    $(printf '%s\n' "${B_CPU[@]}" | median)"
fm=$(printf '%s\n' "${F_RPS[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
bm=$(printf '%s\n' "${B_RPS[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "ratio fleksi/bare throughput: $(echo "scale=3; $fm / $bm" | bc)"
echo "commands: $BIN serve --db DB --threads $THREADS; $BUILD/bare_server PORT $THREADS;"
echo "          wrk -t2 -c64 -d${SECS}s --timeout 5s -s bench/checkin.lua (CHECKIN_PEOPLE=tokens with office points)"
