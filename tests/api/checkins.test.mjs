// Presence records (issue 5 items 1-2): POST /checkins stores every record
// with named evidence flags and their numbers; two records a day (409 with a
// code); the registered device with a change approved by the direct
// supervisor; GET /checkins for self, the supervisor chain, kepala_opd,
// admin and inspektorat; bad input is a 4xx JSON error.
//
// The server's clock decides the working day and window, so tests that are
// about the place or the device only look at those flags; the time flags are
// checked for consistency with the local time the server reports.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, call, ok, assertError, cli } from './_helpers.mjs';

let s, admin, kepala, atasan, pegawai, inspektur;
let people = [];           // [{token, nip, auth}] from `fleksi user tokens`
const emp = {};            // nip -> employee detail
const M_LAT = 180 / (Math.PI * 6371008.8);

before(async () => {
  s = await startServer();
  [admin, kepala, atasan, pegawai, inspektur] = await Promise.all(
    ['admin.bkd', 'kepala.bappeda', 'atasan.bappeda', 'pegawai.bappeda', 'inspektur'].map((u) => login(s.url, u)));
  const r = cli(['user', 'tokens', '--db', s.dbPath, '--count', '40'], { env: s.env });
  assert.equal(r.status, 0, r.stderr);
  people = r.stdout.trim().split('\n').map((l) => {
    const [token, nip] = l.split(' ');
    return { token, nip, auth: { token } };
  });
  for (const who of [pegawai, atasan]) who.nip = who.user.nip;
  for (const nip of [pegawai.nip, atasan.nip, ...people.map((p) => p.nip)]) {
    emp[nip] = await ok(s.url, admin, `/employees/${nip}`);
  }
  for (const p of people) p.unit = await ok(s.url, admin, `/units/${emp[p.nip].unit.code}`);
});
after(async () => { await s?.stop(); });

// People of the token list whose unit has an office location, not the demo logins.
function located(n, pred = () => true) {
  const out = people.filter((p) => p.unit.lat !== null && p.unit.lat !== undefined && pred(p) && !p.used);
  assert.ok(out.length >= n, `need ${n} located people, have ${out.length}`);
  out.slice(0, n).forEach((p) => { p.used = true; });
  return out.slice(0, n);
}

const post = (auth, body) => call(s.url, auth, 'POST', '/checkins', body);
const body = (over = {}) => ({ kind: 'in', lat: -6.18, lon: 106.83, accuracy_m: 15,
  device_id: 'test-device-0001', client_time: new Date().toISOString(), ...over });
const flagNames = (r) => r.body.flags.map((f) => f.flag);
const TIME_FLAGS = ['outside_window', 'not_working_day'];
const placeFlags = (r) => flagNames(r).filter((f) => !TIME_FLAGS.includes(f));

// The time flags must agree with the local time: regular staff's window is 06:30-23:00.
function assertTimeFlags(r) {
  const [h, m] = r.body.local_time.split(':').map(Number);
  const minute = h * 60 + m;
  const off = flagNames(r).includes('not_working_day');
  const expectOutside = minute < 390 || minute > 1380;
  assert.equal(flagNames(r).includes('outside_window'), expectOutside, `${r.body.local_time} ${r.text}`);
  const w = r.body.flags.find((f) => f.flag === 'outside_window');
  if (w) assert.deepEqual([w.window_from, w.window_until], ['06:30', '23:00']);
  return off;
}

test('a check-in at the office: 201 with the server time, mode wfo, the device registered on first use', async () => {
  const [p] = located(1);
  const before = Date.now();
  const r = await post(p.auth, body({ lat: p.unit.lat + 20 * M_LAT, lon: p.unit.lon, device_id: `dev-${p.nip}` }));
  assert.equal(r.status, 201, r.text);
  assert.ok(Number.isInteger(r.body.id) && r.body.id > 0);
  const t = Date.parse(r.body.server_time);
  assert.ok(t >= before - 1000 && t <= Date.now() + 1000, 'server time is now');
  assert.equal(r.body.kind, 'in');
  assert.equal(r.body.mode, 'wfo');
  assert.equal(r.body.time_zone, 'WIB');
  assert.equal(r.body.device_registered, true);
  assert.equal(r.body.distance_m, 20);
  assert.equal(r.body.allowed_m, p.unit.radius_m + 15);
  assert.deepEqual(placeFlags(r), []);
  assertTimeFlags(r);
  assert.equal(r.body.verdict, r.body.flags.length ? 'flagged' : 'ok');
  // Two records a day: a second "in" is refused, "out" is taken, then nothing more.
  assertError(await post(p.auth, body({ lat: p.unit.lat, lon: p.unit.lon, device_id: `dev-${p.nip}` })), 409,
    'already_checked_in', 'kind');
  const out = await post(p.auth, body({ kind: 'out', lat: p.unit.lat, lon: p.unit.lon, device_id: `dev-${p.nip}` }));
  assert.equal(out.status, 201, out.text);
  assert.equal(out.body.device_registered, false);
  assert.equal(out.body.work_date, r.body.work_date);
  assertError(await post(p.auth, body({ kind: 'out', lat: p.unit.lat, lon: p.unit.lon, device_id: `dev-${p.nip}` })),
    409, 'already_checked_out');
  assertError(await post(p.auth, body({ kind: 'in', lat: p.unit.lat, lon: p.unit.lon, device_id: `dev-${p.nip}` })),
    409, 'already_checked_out');
  // The records are listed for the employee, with the raw reading and flags.
  const list = await ok(s.url, p.auth, '/checkins');
  assert.equal(list.nip, p.nip);
  assert.deepEqual(list.items.map((i) => i.id), [r.body.id, out.body.id]);
  assert.ok(Math.abs(list.items[0].lat - (p.unit.lat + 20 * M_LAT)) < 1e-8, 'the raw reading is kept');
  assert.equal(list.items[0].location_reduced, false);
  assert.deepEqual(list.items[0].flags, r.body.flags);
});

test('outside the office: stored and flagged with distance, allowed distance and accuracy', async () => {
  const [p] = located(1);
  const r = await post(p.auth, body({ lat: p.unit.lat + 1000 * M_LAT, lon: p.unit.lon, accuracy_m: 30,
    device_id: `dev-${p.nip}` }));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.verdict, 'flagged');
  const f = r.body.flags.find((x) => x.flag === 'outside_place');
  assert.ok(f, r.text);
  assert.equal(f.distance_m, 1000);
  assert.equal(f.allowed_m, p.unit.radius_m + 30);
  assert.equal(f.accuracy_m, 30);
  assert.match(f.message_id, /1000 m/);
  assert.match(f.message_en, /1000 m from the expected place/);
});

test('the accuracy rule: a reading whose accuracy circle touches the office is in, one wholly outside is out', async () => {
  const [a, b] = located(2, (p) => p.unit.radius_m >= 50);
  const edge = (p, extra) => p.unit.lat + (p.unit.radius_m + 40 + extra) * M_LAT;
  const inside = await post(a.auth, body({ lat: edge(a, -1), lon: a.unit.lon, accuracy_m: 40, device_id: `dev-${a.nip}` }));
  assert.equal(inside.status, 201, inside.text);
  assert.deepEqual(placeFlags(inside), []);
  const outside = await post(b.auth, body({ lat: edge(b, 1), lon: b.unit.lon, accuracy_m: 40, device_id: `dev-${b.nip}` }));
  assert.deepEqual(placeFlags(outside), ['outside_place']);
});

test('poor accuracy and clock skew carry their numbers', async () => {
  const [p] = located(1);
  const r = await post(p.auth, body({ lat: p.unit.lat, lon: p.unit.lon, accuracy_m: 250, device_id: `dev-${p.nip}`,
    client_time: new Date(Date.now() - 3600e3).toISOString() }));
  assert.equal(r.status, 201, r.text);
  const acc = r.body.flags.find((x) => x.flag === 'poor_accuracy');
  assert.deepEqual([acc.accuracy_m, acc.limit_m], [250, 100]);
  const skew = r.body.flags.find((x) => x.flag === 'clock_skew');
  assert.ok(skew.skew_s <= -3599 && skew.skew_s >= -3601, r.text);
  assert.equal(skew.limit_s, 300);
  assert.deepEqual(placeFlags(r).sort(), ['clock_skew', 'poor_accuracy']);
});

test('at home without an approved remote plan: outside_place and remote_without_plan', async () => {
  const [p] = located(1, (x) => emp[x.nip].has_domicile);
  const home = emp[p.nip].domicile;
  const r = await post(p.auth, body({ lat: home.lat + 30 * M_LAT, lon: home.lon, device_id: `dev-${p.nip}` }));
  assert.equal(r.status, 201, r.text);
  const f = r.body.flags.find((x) => x.flag === 'remote_without_plan');
  assert.ok(f, r.text);
  assert.equal(f.home_distance_m, 30);
  assert.ok(f.distance_m > 200);
  assert.ok(flagNames(r).includes('outside_place'));
});

test('impossible travel between consecutive records, with the speed', async () => {
  const [p] = located(1);
  const a = await post(p.auth, body({ lat: p.unit.lat, lon: p.unit.lon, device_id: `dev-${p.nip}` }));
  assert.equal(a.status, 201, a.text);
  const b = await post(p.auth, body({ kind: 'out', lat: p.unit.lat + 50000 * M_LAT, lon: p.unit.lon, device_id: `dev-${p.nip}` }));
  assert.equal(b.status, 201, b.text);
  const f = b.body.flags.find((x) => x.flag === 'impossible_travel');
  assert.ok(f, b.text);
  assert.ok(f.speed_kmh > 200 && f.limit_kmh === 200 && f.distance_m === 50000, b.text);
  assert.ok(!a.body.flags.some((x) => x.flag === 'impossible_travel'));
});

test('devices: another device is flagged; a change is approved only by the direct supervisor', async () => {
  const me = pegawai.nip;
  const supNip = emp[me].supervisor.nip;
  const first = await post(pegawai, body({ lat: -6.18, lon: 106.83, device_id: 'phone-pegawai-1' }));
  assert.equal(first.status, 201, first.text);
  assert.equal(first.body.device_registered, true);
  const other = await post(pegawai, body({ kind: 'out', lat: -6.18, lon: 106.83, device_id: 'phone-pegawai-2' }));
  assert.ok(flagNames(other).includes('unregistered_device'), other.text);
  // Ask for the change: pending, listed; the same device again is a conflict.
  const req = await call(s.url, pegawai, 'POST', '/devices', { device_id: 'phone-pegawai-2' });
  assert.equal(req.status, 201, req.text);
  assert.equal(req.body.status, 'pending');
  assertError(await call(s.url, pegawai, 'POST', '/devices', { device_id: 'phone-pegawai-1' }), 409, 'already_active');
  const mine = await ok(s.url, pegawai, '/devices');
  assert.deepEqual(mine.items.map((d) => [d.device_id, d.status]),
    [['phone-pegawai-2', 'pending'], ['phone-pegawai-1', 'active']]);
  // Neither the employee, nor kepala_opd, nor admin approves: only the direct supervisor.
  for (const who of [pegawai, kepala, admin]) {
    const r = await call(s.url, who, 'POST', `/devices/${req.body.id}/approve`);
    assert.ok([403].includes(r.status), `${who.user.username}: ${r.text}`);
  }
  const supervisor = supNip === atasan.nip ? atasan : null;
  assert.ok(supervisor, 'the demo atasan is the pegawai\'s direct supervisor');
  const ap = await call(s.url, supervisor, 'POST', `/devices/${req.body.id}/approve`, { note: 'HP baru' });
  assert.equal(ap.status, 200, ap.text);
  assert.equal(ap.body.status, 'active');
  assertError(await call(s.url, supervisor, 'POST', `/devices/${req.body.id}/refuse`), 409, 'not_pending');
  const after = await ok(s.url, atasan, `/devices?nip=${me}`);
  assert.deepEqual(after.items.map((d) => d.status), ['active', 'retired']);
  assertError(await call(s.url, pegawai, 'POST', '/devices/99999/approve'), 404);
  assertError(await call(s.url, pegawai, 'POST', '/devices', { device_id: 'x' }), 422, 'invalid', 'device_id');
});

test('a device used by two employees on one day is flagged shared_device', async () => {
  const [a, b] = located(2);
  const ra = await post(a.auth, body({ lat: a.unit.lat, lon: a.unit.lon, device_id: 'shared-phone-01' }));
  assert.equal(ra.status, 201, ra.text);
  assert.ok(!flagNames(ra).includes('shared_device'));
  const rb = await post(b.auth, body({ lat: b.unit.lat, lon: b.unit.lon, device_id: 'shared-phone-01' }));
  const f = rb.body.flags.find((x) => x.flag === 'shared_device');
  assert.ok(f, rb.text);
  assert.equal(f.other_employees, 1);
});

// Both ways another employee's use of a device is found (migration 016): a
// device registered to them, or a record of theirs flagged unregistered_device.
test('shared_device is found through the owner\'s registration and through an unregistered use', async () => {
  const [owner, intruder, borrower, later] = located(4);
  const at = (p, over) => body({ lat: p.unit.lat, lon: p.unit.lon, ...over });
  assert.equal((await post(owner.auth, at(owner, { device_id: 'owner-phone-16' }))).status, 201);
  assert.equal((await post(intruder.auth, at(intruder, { device_id: 'intruder-phone-16' }))).status, 201);
  // the intruder leaves on the owner's phone: not theirs, and used by the owner that day
  const out = await post(intruder.auth, at(intruder, { kind: 'out', device_id: 'owner-phone-16' }));
  assert.equal(out.status, 201, out.text);
  assert.ok(flagNames(out).includes('unregistered_device'), out.text);
  assert.equal(out.body.flags.find((x) => x.flag === 'shared_device')?.other_employees, 1, out.text);
  // a phone nobody owns yet, used by someone whose own phone is another
  assert.equal((await post(borrower.auth, at(borrower, { device_id: 'borrower-phone-16' }))).status, 201);
  const lent = await post(borrower.auth, at(borrower, { kind: 'out', device_id: 'loose-phone-16' }));
  assert.deepEqual(flagNames(lent).filter((f) => f.endsWith('_device')), ['unregistered_device'], lent.text);
  // then its first owner registers it: the borrower's use that day is found
  const first = await post(later.auth, at(later, { device_id: 'loose-phone-16' }));
  assert.equal(first.status, 201, first.text);
  assert.equal(first.body.device_registered, true);
  assert.equal(first.body.flags.find((x) => x.flag === 'shared_device')?.other_employees, 1, first.text);
});

test('reading records: self, the supervisor chain, kepala_opd, admin and inspektorat; not a peer', async () => {
  const nip = pegawai.nip;
  for (const who of [pegawai, atasan, kepala, admin, inspektur]) {
    const r = await ok(s.url, who, `/checkins?nip=${nip}`);
    assert.equal(r.nip, nip);
    assert.ok(r.items.length >= 2, `${who.user.username} sees the records`);
  }
  const [peer] = located(1);
  assertError(await call(s.url, peer.auth, 'GET', `/checkins?nip=${nip}`), 403);
  assertError(await call(s.url, null, 'GET', `/checkins?nip=${nip}`), 401);
  assertError(await call(s.url, admin, 'GET', '/checkins'), 422, 'missing_field', 'nip'); // admin has no record
  assertError(await call(s.url, admin, 'GET', '/checkins?nip=123'), 422, 'invalid', 'nip');
  assertError(await call(s.url, admin, 'GET', '/checkins?nip=199001012020121001'), 404);
  assertError(await call(s.url, admin, 'GET', `/checkins?nip=${nip}&from=2026-02-30`), 422, 'invalid', 'from');
  assertError(await call(s.url, admin, 'GET', `/checkins?nip=${nip}&from=2026-05-01&to=2026-04-01`), 422);
  assertError(await call(s.url, admin, 'GET', `/checkins?nip=${nip}&from=2024-01-01&to=2026-01-01`), 422);
  const empty = await ok(s.url, admin, `/checkins?nip=${nip}&from=2020-01-01&to=2020-01-31`);
  assert.deepEqual(empty.items, []);
});

test('bad input is a 4xx JSON error naming the field; nobody without an employee record checks in', async () => {
  const [p] = located(1);
  const good = { lat: p.unit.lat, lon: p.unit.lon, device_id: `dev-${p.nip}` };
  assertError(await post(p.auth, body({ ...good, kind: 'pulang' })), 422, 'invalid', 'kind');
  assertError(await post(p.auth, body({ ...good, lat: 48.85, lon: 2.35 })), 422, 'invalid', 'lat');
  assertError(await post(p.auth, body({ ...good, lon: 150 })), 422, 'invalid', 'lon');
  assertError(await post(p.auth, body({ ...good, accuracy_m: -1 })), 422, 'invalid', 'accuracy_m');
  assertError(await post(p.auth, body({ ...good, device_id: 'a b c d e f' })), 422, 'invalid', 'device_id');
  assertError(await post(p.auth, body({ ...good, client_time: '28/11/2026 08:00' })), 422, 'invalid', 'client_time');
  assertError(await post(p.auth, body({ ...good, client_time: '2026-11-28T08:00:00' })), 422, 'invalid', 'client_time');
  assertError(await post(p.auth, body({ ...good, lat: '-6.2' })), 422, 'wrong_type', 'lat');
  assertError(await post(p.auth, { kind: 'in', lat: -6.2, lon: 106.8, accuracy_m: 5 }), 422, 'missing_field', 'device_id');
  assertError(await post(p.auth, body({ ...good, altitude: 12 })), 422, 'unknown_field', 'altitude');
  assertError(await post(p.auth, '{"kind":'), 400, 'invalid_json');
  assertError(await post(p.auth, body({ ...good, device_id: 'x'.repeat(70000) })), 413);
  assertError(await post(null, body(good)), 401);
  assertError(await post(admin, body(good)), 403);   // no employee record behind admin.bkd
  // None of the refused requests left a record.
  assert.deepEqual((await ok(s.url, p.auth, '/checkins')).items, []);
  // A client time with an offset is accepted; without one it is optional.
  const r = await post(p.auth, body({ ...good, client_time: undefined }));
  assert.equal(r.status, 201, r.text);
  assert.ok(!flagNames(r).includes('clock_skew'));
  const list = await ok(s.url, p.auth, '/checkins');
  assert.equal(list.items[0].client_time, null);
});

test('concurrent check-ins of one employee: exactly one "in" wins, the rest are 409', async () => {
  const [p] = located(1);
  const rs = await Promise.all(Array.from({ length: 12 }, () =>
    post(p.auth, body({ lat: p.unit.lat, lon: p.unit.lon, device_id: `dev-${p.nip}` }))));
  assert.equal(rs.filter((r) => r.status === 201).length, 1, rs.map((r) => r.status).join(','));
  for (const r of rs.filter((x) => x.status !== 201)) assertError(r, 409, 'already_checked_in');
  // Many employees at once all commit (group commit) and every 201 is stored.
  const many = located(8);
  const rr = await Promise.all(many.map((q) => post(q.auth, body({ lat: q.unit.lat, lon: q.unit.lon, device_id: `dev-${q.nip}` }))));
  for (const r of rr) assert.equal(r.status, 201, r.text);
  for (const [i, q] of many.entries()) {
    const l = await ok(s.url, q.auth, '/checkins');
    assert.deepEqual(l.items.map((x) => x.id), [rr[i].body.id]);
  }
});

test('every batch of check-ins is in the audit log', async () => {
  const e = await ok(s.url, admin, '/audit/entries?from=1&limit=1000');
  const items = e.items || e.entries || e;
  assert.ok(Array.isArray(items), JSON.stringify(e).slice(0, 200));
  assert.ok(items.some((x) => x.action === 'checkin.batch'), 'checkin.batch entries');
  assert.ok(items.some((x) => x.action === 'device.approve'), 'device.approve entry');
});

test('a logged-out token cannot check in, even right after a cached check-in', async () => {
  const fresh = await login(s.url, 'atasan.bappeda');
  const r = await post(fresh, body({ lat: -6.18, lon: 106.83, device_id: 'phone-atasan-01' }));
  assert.equal(r.status, 201, r.text);
  const out = await call(s.url, fresh, 'DELETE', '/session');
  assert.equal(out.status, 204, out.text);
  assertError(await post(fresh, body({ kind: 'out', lat: -6.18, lon: 106.83, device_id: 'phone-atasan-01' })), 401);
  assertError(await post({ token: 'not-a-token' }, body({ device_id: 'phone-atasan-01' })), 401);
});
