// Privacy (UU 27/2022, issue 5 item 7) and the team board (item 8):
// - the retention job, run by the upkeep pass once a day across nodes,
//   reduces check-ins (and confirmation answers) older than
//   raw_location_days to the verdict and distance, keeps those of an
//   employee with an open case, purges expired rate-limit buckets, audits
//   the run and shows it in GET /jobs; a manual run (admin) after the case
//   closes reduces the held ones;
// - GET /me/data holds everything about the caller and nothing of others;
// - GET /team/today: the supervisor's board, scoped, with the minimum.
//
// Old check-ins are a documented SQL fixture written into the database
// before the server starts (POST /checkins records the server's own time).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, login, call, ok, assertError, cli, isPg, freshDatabase } from './_helpers.mjs';

const DAY = 86400e3;
const wib = (ms) => new Date(ms + 7 * 3600e3).toISOString().slice(0, 10);
const TODAY = wib(Date.now());
const OLD1 = wib(Date.now() - 200 * DAY);
const OLD2 = wib(Date.now() - 100 * DAY);
const RECENT = wib(Date.now() - 10 * DAY);

let s, s2, dir, dbPath, key, admin, kepala, atasan, pegawai;

function sql(text) {
  if (isPg()) return execFileSync('psql', [dbPath, '-v', 'ON_ERROR_STOP=1', '-qAtc', text], { encoding: 'utf8' }).trim();
  return execFileSync('sqlite3', ['-cmd', '.timeout 10000', dbPath, text], { encoding: 'utf8' }).trim();
}

// A check-in of the fixture with a raw reading, for the account `user`.
function oldCheckin(user, date, kind, lat, lon) {
  sql(`INSERT INTO checkin (employee_id, unit_id, work_date, kind, server_ms, local_minute, time_zone, mode, lat, lon,
         accuracy_m, distance_m, allowed_m, verdict, flag_mask, flags, device_id)
       SELECT e.id, e.unit_id, '${date}', '${kind}', ${Date.parse(`${date}T01:00:00Z`)}, 480, 'WIB', 'wfo', ${lat}, ${lon},
         12, 40, 112, 'ok', 0, '[]', 'fixture-dev-${user}'
       FROM account a JOIN employee e ON e.id = a.employee_id WHERE a.username = '${user}'`);
}

const checkinsOf = (user) => sql(`SELECT c.id FROM checkin c JOIN account a ON a.employee_id = c.employee_id
  WHERE a.username = '${user}' ORDER BY c.id`).split('\n').filter(Boolean).map(Number);

async function waitFor(what, fn, ms = 20000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fleksi-privacy-'));
  key = join(dir, 'audit.key');
  dbPath = freshDatabase(dir);
  const env = { ...process.env, FLEKSI_AUDIT_KEY: key };
  const r = cli(['demo', '--db', dbPath, '--employees', '150', '--seed', '7'], { env });
  assert.equal(r.status, 0, r.stderr);
  oldCheckin('pegawai.bappeda', OLD1, 'in', -6.1801, 106.8301);
  oldCheckin('pegawai.bappeda', OLD2, 'in', -6.1802, 106.8302);
  oldCheckin('pegawai.bappeda', RECENT, 'in', -6.1803, 106.8303);
  oldCheckin('atasan.bappeda', OLD1, 'in', -6.1901, 106.8401);
  // An open case holds everything of the atasan.
  sql(`INSERT INTO discipline_case (employee_id, status, opened_on, created_by, created_at)
       SELECT employee_id, 'open', '${RECENT}', 'fixture', '${RECENT}T00:00:00Z' FROM account WHERE username = 'atasan.bappeda'`);
  // An old answer to a reachability confirmation (migration 011).
  sql(`INSERT INTO presence_confirmation (employee_id, date, seq, due_min, due_ms, expires_ms, status, answered_ms,
         lat, lon, accuracy_m, distance_m, created_at)
       SELECT employee_id, '${OLD1}', 0, 600, 0, 1, 'answered', 0, -6.1, 106.8, 10, 5, '${OLD1}T03:00:00Z'
       FROM account WHERE username = 'pegawai.bappeda'`);
  // A rate-limit bucket two days old (names a user) and a fresh one.
  const now = Math.floor(Date.now() / 1000);
  sql(`INSERT INTO rate_limit (bucket, window_start, hits) VALUES ('login:old.user', ${now - 2 * 86400}, 3),
       ('login:fresh.user', ${now - 60}, 1)`);
  // Closing the demo's past days is not this file's subject and would hold the
  // upkeep pass (the reduction runs after it) for seconds.
  sql(`UPDATE attendance_setting SET enabled = ${isPg() ? 'FALSE' : '0'}`);
  // Two nodes on one database: the daily run must happen once, not once per node.
  [s, s2] = await Promise.all([1, 2].map(() => startServer({ demo: 0, db: dbPath, env: { FLEKSI_AUDIT_KEY: key },
    serveArgs: ['--upkeep-interval', '1'] })));
  [admin, kepala, atasan, pegawai] = await Promise.all(
    ['admin.bkd', 'kepala.bappeda', 'atasan.bappeda', 'pegawai.bappeda'].map((u) => login(s.url, u)));
});

after(async () => {
  await s?.stop();
  await s2?.stop();
  if (isPg()) {
    try {
      const name = new URL(dbPath).pathname.slice(1);
      execFileSync('psql', [process.env.FLEKSI_TEST_PG_BASE, '-qc', `DROP DATABASE IF EXISTS ${name}`], { stdio: 'pipe' });
    } catch { /* best effort */ }
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the upkeep pass reduces raw readings past 90 days once a day, keeps held ones, purges and audits', async () => {
  const run = await waitFor('the privacy_reduce run', async () => {
    const j = await ok(s.url, admin, '/jobs?limit=200');
    return j.runs.find((r) => r.job === 'privacy_reduce' && r.period === TODAY && r.finished_at);
  });
  assert.match(run.outcome, /^ok reduced=\d+ held=\d+ purged=\d+$/);
  const [, reduced, held, purged] = run.outcome.match(/reduced=(\d+) held=(\d+) purged=(\d+)/).map(Number);
  assert.equal(reduced, 2, run.outcome);          // the pegawai's two old records
  assert.equal(held, 1, run.outcome);             // the atasan's, held by the open case
  assert.ok(purged >= 1, run.outcome);

  const list = await ok(s.url, pegawai, `/checkins?from=${OLD1}&to=${TODAY}`);
  const byDate = Object.fromEntries(list.items.map((i) => [i.work_date, i]));
  for (const d of [OLD1, OLD2]) {
    const c = byDate[d];
    assert.equal(c.location_reduced, true, d);
    assert.equal(c.lat, null);
    assert.equal(c.lon, null);
    assert.equal(c.accuracy_m, null);
    assert.equal(c.verdict, 'ok', 'the verdict stays');
    assert.equal(c.distance_m, 40, 'the distance stays');
    assert.equal(c.allowed_m, 112);
  }
  assert.equal(byDate[RECENT].location_reduced, false, 'a record of 10 days ago keeps its reading');
  assert.ok(Math.abs(byDate[RECENT].lat - -6.1803) < 1e-9);

  const held1 = (await ok(s.url, atasan, `/checkins?from=${OLD1}&to=${OLD1}`)).items[0];
  assert.equal(held1.location_reduced, false, 'an open case holds the reading');
  assert.ok(Math.abs(held1.lat - -6.1901) < 1e-9);

  assert.equal(sql(`SELECT count(*) FROM presence_confirmation WHERE date = '${OLD1}' AND lat IS NULL AND distance_m = 5`), '1',
    'the confirmation answer lost its reading, kept its distance');
  assert.equal(sql("SELECT count(*) FROM rate_limit WHERE bucket = 'login:old.user'"), '0');
  assert.equal(sql("SELECT count(*) FROM rate_limit WHERE bucket = 'login:fresh.user'"), '1');
  assert.equal(sql("SELECT count(*) FROM audit_entry WHERE action = 'privacy.reduce' AND actor = 'system'"), '1');

  // Exactly once a day across both nodes: later upkeep passes (every second
  // on each node) claim nothing more.
  await new Promise((r) => setTimeout(r, 2500));
  const j = await ok(s.url, admin, '/jobs?limit=200');
  assert.equal(j.runs.filter((r) => r.job === 'privacy_reduce' && r.period === TODAY).length, 1);
  assert.equal(sql("SELECT count(*) FROM audit_entry WHERE action = 'privacy.reduce'"), '1');
});

test('a manual run (admin only) reduces what the closed case held', async () => {
  assertError(await call(s.url, pegawai, 'POST', '/privacy/reduce'), 403);
  assertError(await call(s.url, kepala, 'POST', '/privacy/reduce'), 403);
  assertError(await call(s.url, null, 'POST', '/privacy/reduce'), 401);
  const still = await call(s.url, admin, 'POST', '/privacy/reduce');
  assert.equal(still.status, 200, still.text);
  assert.equal(still.body.reduced, 0);
  assert.equal(still.body.held, 1);
  sql("UPDATE discipline_case SET status = 'closed', closed_on = '2026-01-01' WHERE created_by = 'fixture'");
  await new Promise((r) => setTimeout(r, 1100)); // a manual run per second
  const r = await call(s.url, admin, 'POST', '/privacy/reduce');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.reduced, 1);
  assert.equal(r.body.held, 0);
  assert.match(r.body.cutoff, /^\d{4}-\d{2}-\d{2}$/);
  const c = (await ok(s.url, atasan, `/checkins?from=${OLD1}&to=${OLD1}`)).items[0];
  assert.equal(c.location_reduced, true);
  assert.equal(c.lat, null);
  const j = await ok(s.url, admin, '/jobs?limit=200');
  const manual = j.runs.filter((x) => x.job === 'privacy_reduce' && x.period.startsWith('manual:'));
  assert.equal(manual.length, 2);
  assert.ok(manual.some((x) => x.outcome === 'ok reduced=1 held=0 purged=0'), JSON.stringify(manual));
  assert.equal(sql("SELECT count(*) FROM audit_entry WHERE action = 'privacy.reduce' AND actor = 'admin.bkd'"), '2');
});

test('GET /me/data holds everything about the caller and nothing of anyone else', async () => {
  // A fresh check-in today, with its raw reading.
  const unit = await ok(s.url, admin, `/units/${pegawai.user.unit.code}`);
  const r = await call(s.url, pegawai, 'POST', '/checkins',
    { kind: 'in', lat: unit.lat, lon: unit.lon, accuracy_m: 10, device_id: 'privacy-test-dev-1' });
  assert.equal(r.status, 201, r.text);
  const d = await call(s.url, pegawai, 'GET', '/me/data');
  assert.equal(d.status, 200, d.text);
  const b = d.body;
  assert.equal(b.nip, pegawai.user.nip);
  assert.equal(b.profile.nip, pegawai.user.nip);
  assert.equal(b.raw_location_days, 90);
  assert.deepEqual(b.truncated, []);
  for (const k of ['accounts', 'sessions', 'eligibility_exceptions', 'plans', 'checkins', 'devices', 'leaves',
    'day_accounts', 'violations', 'cases', 'confirmations', 'audit']) assert.ok(Array.isArray(b[k]), k);
  assert.deepEqual(b.checkins.map((c) => c.id), checkinsOf('pegawai.bappeda'));
  const today = b.checkins.find((c) => c.id === r.body.id);
  assert.ok(Math.abs(today.lat - unit.lat) < 1e-9, 'coordinates are included while held');
  const old = b.checkins.find((c) => c.work_date === OLD1);
  assert.equal(old.lat, null);
  assert.match(old.location_reduced_at, /^\d{4}-\d{2}-\d{2}T/);
  assert.ok(Array.isArray(today.flags), 'flags as JSON');
  assert.ok(b.devices.some((x) => x.device_id === 'privacy-test-dev-1'));
  assert.ok(b.accounts.some((a) => a.username === 'pegawai.bappeda' && a.role === 'pegawai'));
  assert.ok(b.sessions.length >= 1);
  assert.deepEqual(Object.keys(b.sessions[0]).sort(), ['created_at', 'expires_at'], 'no token hash');
  assert.equal(b.confirmations.length, 1);
  assert.ok(b.audit.length >= 1);
  const about = (e) => e.actor === 'pegawai.bappeda' || e.object === `employee:${pegawai.user.nip}`
    || e.object === 'account:pegawai.bappeda' || /^(plan|leave|device|discipline_case|special_request):\d+$/.test(e.object);
  assert.deepEqual(b.audit.filter((e) => !about(e)), [], 'only entries about them');
  assert.ok(b.audit.some((e) => e.object === 'account:pegawai.bappeda' && e.action === 'account.create'));
  const planIds = new Set(b.plans.map((x) => `plan:${x.id}`));
  const planEntries = b.audit.filter((e) => e.object.startsWith('plan:'));
  assert.ok(planEntries.length >= 1 && planEntries.every((e) => planIds.has(e.object)), 'their plans\' entries only');
  // Nothing of the supervisor (or anyone else): no id, NIP or secret.
  const mine = new Set(checkinsOf('pegawai.bappeda'));
  for (const id of checkinsOf('atasan.bappeda')) assert.ok(!mine.has(id));
  assert.ok(!d.text.includes(atasan.user.nip + '"') || b.profile.supervisor_nip === atasan.user.nip);
  assert.ok(!d.text.includes('password'), 'no password hash');
  assert.ok(!d.text.includes(pegawai.token), 'no session token');
  const other = await ok(s.url, atasan, '/me/data');
  assert.equal(other.nip, atasan.user.nip);
  assert.deepEqual(other.checkins.map((c) => c.id), checkinsOf('atasan.bappeda'));
  assert.equal(other.confirmations.length, 0);
  assert.equal(other.cases.length, 1);
  assert.equal(other.cases[0].status, 'closed');
});

test('GET /me/data as CSV and as a download; access rules', async () => {
  const c = await call(s.url, pegawai, 'GET', '/me/data?format=csv&download=1');
  assert.equal(c.status, 200);
  assert.match(c.headers.get('content-type'), /^text\/csv/);
  assert.match(c.headers.get('content-disposition'), new RegExp(`attachment; filename="data-saya-${pegawai.user.nip}\\.csv"`));
  assert.equal(c.headers.get('cache-control'), 'no-store');
  const lines = c.text.trim().split('\r\n');
  assert.equal(lines[0], 'section,row,field,value');
  assert.ok(lines.includes(`profile,1,nip,${pegawai.user.nip}`));
  assert.ok(lines.some((l) => l.startsWith('checkins,') && l.includes(',lat,')));
  const j = await call(s.url, pegawai, 'GET', '/me/data?download=1');
  assert.match(j.headers.get('content-disposition'), /attachment; filename="data-saya-\d+\.json"/);
  assertError(await call(s.url, pegawai, 'GET', '/me/data?format=xml'), 422, 'invalid', 'format');
  assertError(await call(s.url, null, 'GET', '/me/data'), 401);
  assertError(await call(s.url, admin, 'GET', '/me/data'), 403);  // an account that is no employee
});

test('GET /team/today: the supervisor sees the team with times, verdicts, flags and the minimum', async () => {
  const code = pegawai.user.unit.code;
  sql(`INSERT INTO unit_staffing (unit_id, min_on_site, min_on_site_per_hour, updated_by, updated_at)
       SELECT id, 3, 0, 'fixture', '2026-01-01T00:00:00Z' FROM unit WHERE code = '${code}'`);
  // The supervisor checks in 2 km away: flagged outside the place.
  const unit = await ok(s.url, admin, `/units/${code}`);
  const far = await call(s.url, atasan, 'POST', '/checkins',
    { kind: 'in', lat: unit.lat + 0.018, lon: unit.lon, accuracy_m: 10, device_id: 'privacy-test-dev-2' });
  assert.equal(far.status, 201, far.text);
  const b = await ok(s.url, atasan, `/team/today?unit=${code}`);
  assert.equal(b.date, TODAY);
  assert.equal(b.unit, code);
  assert.equal(b.minimum_on_site, 3);
  const p = b.items.find((i) => i.nip === pegawai.user.nip);
  const a = b.items.find((i) => i.nip === atasan.user.nip);
  assert.ok(p && a, JSON.stringify(b.items.map((i) => i.nip)));
  assert.match(p.in, /^\d{2}:\d{2}$/);
  assert.equal(p.out, null);
  assert.equal(p.plan_mode, 'wfo');
  assert.equal(p.mode, 'wfo');
  assert.equal(p.on_site, true, JSON.stringify(p));
  assert.equal(p.distance_m, 0);
  assert.ok(!p.flags.some((f) => f.flag === 'outside_place'));
  assert.equal(a.on_site, false);
  assert.equal(a.verdict, 'flagged');
  const out = a.flags.find((f) => f.flag === 'outside_place');
  assert.equal(out.record, 'in');
  assert.ok(out.distance_m > 1900 && out.distance_m < 2100, JSON.stringify(out));
  assert.equal(b.on_site, b.items.filter((i) => i.on_site).length);
  assert.ok(b.on_site >= 1);
  assert.equal(b.total, b.items.length);
  // The atasan's board holds only people below them (and themself).
  const all = await ok(s.url, admin, `/team/today?unit=${code}`);
  assert.ok(all.items.length >= b.items.length);
  // kepala_opd: their body by default; a plain employee: refused; bad input: 4xx.
  const k = await ok(s.url, kepala, '/team/today');
  assert.ok(k.unit && k.items.some((i) => i.nip === pegawai.user.nip));
  assertError(await call(s.url, pegawai, 'GET', '/team/today'), 403, 'forbidden');
  assertError(await call(s.url, null, 'GET', '/team/today'), 401);
  assertError(await call(s.url, atasan, 'GET', '/team/today?unit=NO-SUCH-UNIT'), 404);
  assertError(await call(s.url, atasan, 'GET', '/team/today?date=2026-02-30'), 422, 'invalid', 'date');
  const past = await ok(s.url, atasan, `/team/today?unit=${code}&date=${OLD1}`);
  assert.equal(past.date, OLD1);
  assert.equal(past.items.find((i) => i.nip === pegawai.user.nip).in, '08:00');
});

// Memory errors and leaks anywhere fail; undefined behaviour is checked in
// this area's files (other areas' reports are theirs to fix).
test('the servers stop cleanly (no sanitizer report under the ASan build)', async () => {
  for (const node of [s, s2]) {
    await node.stop();
    assert.doesNotMatch(node.log(), /AddressSanitizer|LeakSanitizer/);
    assert.doesNotMatch(node.log(), /(retention|mydata|team_today|privacy)\.c:\d+:\d+: runtime error/);
    assert.match(node.log(), /stopped cleanly/);
  }
});
