-- wrk script for bench/checkin.sh: POST /api/v1/checkins as many demo
-- employees. Reads CHECKIN_PEOPLE (lines "TOKEN NIP LAT LON" with the
-- employee's office) and walks through them in order, each wrk thread taking
-- every n-th person: first everyone's "in", then everyone's "out", so every
-- request is a new, valid record (two records a day per employee). Points
-- are jittered about 30 m around the office with a realistic accuracy.
local people = {}
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
  table.insert(threads, thread)
end

function init(args)
  local path = os.getenv("CHECKIN_PEOPLE")
  for line in io.lines(path) do
    local token, nip, lat, lon = line:match("^(%S+) (%S+) (%S+) (%S+)$")
    if token then
      table.insert(people, {token = token, nip = nip, lat = tonumber(lat), lon = tonumber(lon)})
    end
  end
  nthreads = tonumber(os.getenv("CHECKIN_THREADS") or "2")
  index = tid - 1
  math.randomseed(tid * 7919)
end

function request()
  local n = #people
  local pass = math.floor(index / n)
  local p = people[(index % n) + 1]
  index = index + nthreads
  local kind = (pass % 2 == 0) and "in" or "out"
  local lat = p.lat + (math.random() - 0.5) * 0.0005
  local lon = p.lon + (math.random() - 0.5) * 0.0005
  local acc = 5 + math.random(0, 40)
  local body = string.format(
    '{"kind":"%s","lat":%.6f,"lon":%.6f,"accuracy_m":%d,"device_id":"bench-%s","client_time":"%s"}',
    kind, lat, lon, acc, p.nip, os.date("!%Y-%m-%dT%H:%M:%SZ"))
  return wrk.format("POST", "/api/v1/checkins",
    {["Authorization"] = "Bearer " .. p.token, ["Content-Type"] = "application/json"}, body)
end

function done(summary, latency, requests)
  local secs = summary.duration / 1e6
  local bad = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx_or_errors=%d\n",
    summary.requests, summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, bad))
end
