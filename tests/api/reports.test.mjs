// Citizens' reports in the JSON API (issue 7 items 2, 3, 5, 6): the handlers'
// queue and actions with the status machine, forwarding, moderation of
// reports that name people, deadlines and escalation to the body's head,
// settings, app keys, public tracking, the public figures (JSON, CSV, field
// dictionary, suppression) and `fleksi audit verify-remote`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, login, call, ok, assertError, cli } from './_helpers.mjs';

let s, admin, kepala, pegawai, inspektur, key;
before(async () => {
  s = await startServer();
  [admin, kepala, pegawai, inspektur] = await Promise.all(
    ['admin.bkd', 'kepala.bappeda', 'pegawai.bappeda', 'inspektur'].map((u) => login(s.url, u)));
  const k = await call(s.url, admin, 'POST', '/open311/keys', { name: 'Tests' });
  assert.equal(k.status, 201, k.text);
  key = k.body.api_key;
  await call(s.url, admin, 'PUT', '/reports/settings', { rate_per_hour: 10000 });
});
after(async () => { await s?.stop(); });

// Run SQL on the test database (SQLite file or PostgreSQL) to age a report.
function sql(text) {
  if (s.dbPath.startsWith('postgres')) return execFileSync('psql', [s.dbPath, '-qAtc', text], { encoding: 'utf8' });
  return execFileSync('sqlite3', [s.dbPath, text], { encoding: 'utf8' });
}

async function file(fields) {
  const r = await fetch(`${s.url}/open311/v2/requests.json`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ api_key: key, service_code: 'counter_closed', lat: '-6.18', long: '106.83',
      'attribute[seen_at]': '2026-11-27T09:00:00+07:00', ...fields }).toString(),
  });
  const text = await r.text();
  assert.equal(r.status, 201, text);
  const [{ token }] = JSON.parse(text);
  const t = await (await fetch(`${s.url}/open311/v2/tokens/${token}.json`)).json();
  return Number(t[0].service_request_id);
}
const act = (auth, id, what, body) => call(s.url, auth, 'POST', `/reports/${id}/${what}`, body);

test('the full path: filed, routed, cross-checked, verified, in progress, answered, closed; Open311 follows', async () => {
  const id = await file({ 'attribute[unit]': 'BAPPEDA', description: 'Loket informasi kosong pukul 09.00.',
    email: 'warga@example.org', phone: '081299990000' });
  const q = await ok(s.url, kepala, '/reports?status=received');
  assert.ok(q.items.some((x) => x.id === id), 'in the head\'s queue');
  const d = await ok(s.url, kepala, `/reports/${id}`);
  assert.equal(d.status, 'received');
  assert.equal(d.handler, 'kepala.bappeda');
  assert.equal(d.contact.email, 'warga@example.org', 'handlers see the private contact');
  assert.deepEqual(d.next_statuses, ['verified', 'forwarded', 'not_our_authority']);
  assert.equal(d.cross_check.date, '2026-11-27');
  assert.ok(d.cross_check.staff.length >= 5, 'the unit\'s staff on that date');
  assert.ok(d.cross_check.staff.every((p) => p.nip && p.name && 'plan_mode' in p));
  assert.equal(d.can_act, true);
  assertError(await act(kepala, id, 'status', { status: 'answered', note: 'Sudah.' }), 409, 'invalid_state');
  let r = await act(kepala, id, 'status', { status: 'verified', note: 'Benar, petugas terlambat.' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'verified');
  r = await act(kepala, id, 'status', { status: 'in_progress', note: 'Sedang ditindaklanjuti.', public: true });
  assert.equal(r.body.status_notes, 'Sedang ditindaklanjuti.');
  assertError(await act(kepala, id, 'status', { status: 'answered', note: '' }), 422, 'missing_field', 'note');
  r = await act(kepala, id, 'status', { status: 'answered', note: 'Petugas pengganti sudah dijadwalkan di loket.' });
  assert.equal(r.status, 200, r.text);
  const pub = (await (await fetch(`${s.url}/open311/v2/requests/${id}.json`)).json())[0];
  assert.equal(pub.status, 'closed');
  assert.equal(pub.status_notes, 'Petugas pengganti sudah dijadwalkan di loket.');
  assert.equal(pub.agency_responsible, 'Badan Perencanaan Pembangunan Daerah');
  const track = await ok(s.url, null, `/public/reports/${id}`);
  assert.equal(track.status, 'answered');
  assert.equal(track.open311_status, 'closed');
  assert.deepEqual(track.history.map((h) => h.status), ['in_progress', 'answered'], 'only public notes');
  assert.ok(!JSON.stringify(track).includes('warga@example.org'));
  assert.ok(!JSON.stringify(track).includes('kepala.bappeda'), 'no official named publicly');
  r = await act(kepala, id, 'status', { status: 'closed' });
  assert.equal(r.body.status, 'closed');
  assertError(await act(kepala, id, 'status', { status: 'in_progress' }), 409, 'invalid_state');
  assertError(await act(kepala, id, 'status', { status: 'archived' }), 422, 'invalid', 'status');
  const full = await ok(s.url, admin, `/reports/${id}`);
  assert.deepEqual(full.events.map((e) => e.to), ['received', 'verified', 'in_progress', 'answered', 'closed']);
  const audit = await ok(s.url, admin, '/audit/entries?from=1&limit=1000');
  const mine = audit.items.filter((e) => e.object === `report:${id}`).map((e) => e.action);
  assert.deepEqual(mine, ['report.file', 'report.status', 'report.status', 'report.status', 'report.status']);
});

test('cross-check: the handler sees who checked in on the day the report is about', async () => {
  const me = await ok(s.url, pegawai, '/me');
  const unit = await ok(s.url, admin, `/units/${me.unit.code}`);
  const c = await call(s.url, pegawai, 'POST', '/checkins', { kind: 'in', lat: unit.lat, lon: unit.lon, accuracy_m: 10,
    device_id: 'test-device-open311' });
  assert.equal(c.status, 201, c.text);
  const id = await file({ 'attribute[unit]': me.unit.code, 'attribute[seen_at]': new Date().toISOString() });
  const d = await ok(s.url, kepala, `/reports/${id}`);
  const row = d.cross_check.staff.find((p) => p.nip === me.nip);
  assert.ok(row, 'the employee is listed for the unit');
  assert.match(row.checked_in, /^\d\d:\d\d$/);
  assert.equal(row.checked_out, null);
  assert.ok(['ok', 'flagged'].includes(row.checkin_verdict));
  assert.ok(d.cross_check.staff.some((p) => p.checked_in === null), 'and who did not');
  assertError(await call(s.url, pegawai, 'GET', `/reports/${id}`), 403, 'forbidden');
});

test('who may act: the body head and admin_bkd act, inspektorat reads, others are refused', async () => {
  const id = await file({ 'attribute[unit]': 'DINKES' });
  assertError(await act(kepala, id, 'status', { status: 'verified' }), 403, 'forbidden');
  assertError(await call(s.url, kepala, 'GET', `/reports/${id}`), 403, 'forbidden');
  assertError(await call(s.url, pegawai, 'GET', `/reports/${id}`), 403, 'forbidden');
  assert.deepEqual((await ok(s.url, pegawai, '/reports')).items, []);
  assert.ok((await ok(s.url, kepala, '/reports')).items.every((x) => x.unit !== 'DINKES'));
  const ins = await ok(s.url, inspektur, `/reports/${id}`);
  assert.equal(ins.can_act, false);
  assertError(await act(inspektur, id, 'status', { status: 'verified' }), 403, 'forbidden');
  assert.equal((await act(admin, id, 'status', { status: 'verified' })).status, 200);
  assertError(await call(s.url, null, 'GET', '/reports'), 401, 'unauthorized');
  assertError(await call(s.url, admin, 'GET', '/reports/abc'), 404, 'not_found');
  assertError(await call(s.url, admin, 'GET', '/reports/999999'), 404, 'not_found');
  assertError(await call(s.url, admin, 'GET', '/reports?status=nope'), 422, 'invalid', 'status');
  assertError(await call(s.url, admin, 'GET', '/reports?unit=NOPE'), 404, 'not_found', 'unit');
});

test('forwarding to another unit starts over there with a new handler and deadline', async () => {
  const id = await file({ 'attribute[unit]': 'DINKES' });
  assertError(await act(admin, id, 'forward', { unit: 'NOPE' }), 422, 'invalid', 'unit');
  assertError(await act(admin, id, 'forward', {}), 422);
  const r = await act(admin, id, 'forward', { unit: 'BAPPEDA', note: 'Kewenangan Bappeda.' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'forwarded');
  assert.equal(r.body.unit, 'BAPPEDA');
  assert.equal(r.body.handler, 'kepala.bappeda');
  assert.equal(r.body.routed_by, 'forwarded');
  assert.equal((await act(kepala, id, 'status', { status: 'not_our_authority', note: 'Bukan kewenangan kami.' })).status, 200);
  const pub = (await (await fetch(`${s.url}/open311/v2/requests/${id}.json`)).json())[0];
  assert.equal(pub.status, 'closed');
});

test('moderation: names wait; a redaction that still names is refused; approve or reject once', async () => {
  const id = await file({ 'attribute[unit]': 'BAPPEDA', description: 'Bu Sari di loket 2 main ponsel terus.' });
  const q = await ok(s.url, kepala, '/reports?moderation=pending');
  assert.ok(q.items.some((x) => x.id === id && x.moderation === 'pending'));
  assertError(await act(kepala, id, 'moderate', { decision: 'approve', public_description: 'Bu Sari main ponsel.' }),
    422, 'names_people', 'public_description');
  assertError(await act(kepala, id, 'moderate', { decision: 'maybe' }), 422, 'invalid', 'decision');
  const r = await act(kepala, id, 'moderate', { decision: 'approve', public_description: 'Petugas loket 2 main ponsel terus.' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.public_description, 'Petugas loket 2 main ponsel terus.');
  const pub = (await (await fetch(`${s.url}/open311/v2/requests/${id}.json`)).json())[0];
  assert.equal(pub.description, 'Petugas loket 2 main ponsel terus.');
  assertError(await act(kepala, id, 'moderate', { decision: 'reject' }), 409, 'invalid_state');
  const id2 = await file({ 'attribute[unit]': 'BAPPEDA', description: 'Pak Joko 0812 3456 7890 tidak ramah.' });
  assert.equal((await act(kepala, id2, 'moderate', { decision: 'reject' })).status, 200);
  const pub2 = (await (await fetch(`${s.url}/open311/v2/requests/${id2}.json`)).json())[0];
  assert.equal(pub2.description, '');
  assert.equal((await ok(s.url, null, `/public/reports/${id2}`)).description, '');
});

test('deadlines: an overdue report escalates once to the body head, audited; CLI escalate agrees', async () => {
  const id = await file({ 'attribute[unit]': 'BAPPEDA' });
  sql(`UPDATE report SET requested_at = requested_at - 864000, verify_due = verify_due - 864000,`
    + ` answer_due = answer_due - 864000 WHERE id = ${id}`);
  const q = await ok(s.url, kepala, '/reports?overdue=1');
  const item = q.items.find((x) => x.id === id);
  assert.ok(item, 'in the overdue queue');
  assert.equal(item.overdue, true);
  assert.equal(item.overdue_kind, 'verify');
  assert.equal(item.escalated, true);
  await ok(s.url, kepala, '/reports?overdue=1');
  const rows = sql(`SELECT kind, a.username FROM report_escalation x JOIN account a ON a.id = x.head_account_id WHERE report_id = ${id}`);
  assert.equal(rows.trim(), 'verify|kepala.bappeda', 'one row for the body head');
  const audit = await ok(s.url, admin, '/audit/entries?from=1&limit=1000');
  assert.equal(audit.items.filter((e) => e.object === `report:${id}` && e.action === 'report.escalate').length, 1);
  const c = cli(['open311', 'escalate', '--db', s.dbPath], { env: s.env });
  assert.equal(c.status, 0, c.stderr);
  assert.match(c.stdout, /^0 report deadline\(s\) escalated/);
  const track = await ok(s.url, null, `/public/reports/${id}`);
  assert.equal(track.overdue, true);
});

test('settings: admin only, bounded, audited', async () => {
  const cur = await ok(s.url, kepala, '/reports/settings');
  assert.deepEqual(Object.keys(cur).sort(), ['answer_days', 'kelurahan_hours', 'min_group', 'rate_per_hour', 'verify_days']);
  assert.equal(cur.verify_days, 3);
  assert.equal(cur.answer_days, 5);
  assert.equal(cur.kelurahan_hours, 24);
  assert.equal(cur.min_group, 5);
  assertError(await call(s.url, kepala, 'PUT', '/reports/settings', { verify_days: 4 }), 403, 'forbidden');
  assertError(await call(s.url, admin, 'PUT', '/reports/settings', { verify_days: 0 }), 422, 'invalid', 'verify_days');
  assertError(await call(s.url, admin, 'PUT', '/reports/settings', { colour: 'red' }), 422);
  const r = await call(s.url, admin, 'PUT', '/reports/settings', { answer_days: 6 });
  assert.equal(r.body.answer_days, 6);
  assert.equal(r.body.verify_days, 3);
  await call(s.url, admin, 'PUT', '/reports/settings', { answer_days: 5 });
});

test('app keys: issued by admin_bkd, listed without the key, revoked keys are refused', async () => {
  assertError(await call(s.url, kepala, 'POST', '/open311/keys', { name: 'X' }), 403, 'forbidden');
  assertError(await call(s.url, admin, 'POST', '/open311/keys', { name: '' }), 422, 'invalid', 'name');
  const k = await call(s.url, admin, 'POST', '/open311/keys', { name: 'JAKI bridge' });
  assert.equal(k.status, 201);
  const list = await ok(s.url, admin, '/open311/keys');
  const row = list.items.find((x) => x.id === k.body.id);
  assert.equal(row.name, 'JAKI bridge');
  assert.ok(!JSON.stringify(list).includes(k.body.api_key), 'the key itself is never listed');
  assert.equal((await call(s.url, admin, 'DELETE', `/open311/keys/${k.body.id}`)).status, 200);
  assertError(await call(s.url, admin, 'DELETE', `/open311/keys/${k.body.id}`), 404, 'not_found');
  const r = await fetch(`${s.url}/open311/v2/requests.json`, { method: 'POST', body: `api_key=${k.body.api_key}&service_code=other&address_string=x` });
  assert.equal(r.status, 403);
  const form = await ok(s.url, null, '/public/form');
  assert.match(form.api_key, /^[0-9a-f]{40}$/);
  assert.equal((await ok(s.url, null, '/public/form')).api_key, form.api_key, 'stable');
  assert.equal(form.services.length, 5);
});

test('public figures: per body and month, JSON and CSV with a field dictionary, suppression, checkpoint', async () => {
  const month = new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 7);
  const st = await ok(s.url, null, `/public/stats?month=${month}`);
  assert.equal(st.month, month);
  assert.equal(st.min_group, 5);
  const b = st.bodies.find((x) => x.body_code === 'BAPPEDA');
  assert.ok(b.reports_received >= 5, JSON.stringify(b));
  assert.ok(b.reports_answered >= 2);
  assert.ok(b.reports_overdue >= 1);
  assert.equal(typeof b.median_hours_to_answer, 'number');
  // Bappeda's demo has a handful (< 5) of people with plans: withheld.
  if (b.withheld.includes('staff')) assert.deepEqual([b.staff, b.staff_with_plans, b.share_staff_with_plans], [null, null, null]);
  else assert.ok(b.staff >= 5 && (b.staff_with_plans === 0 || b.staff_with_plans >= 5));
  assert.equal(b.suppressed, b.withheld.length > 0);
  const shown = st.bodies.filter((x) => !x.withheld.includes('staff'));
  assert.ok(shown.length > 0 && shown.every((x) => x.staff >= 5 && typeof x.share_staff_with_plans === 'number'));
  assert.equal(st.totals.reports_received, st.bodies.reduce((n, x) => n + x.reports_received, 0));
  assert.ok(st.audit_checkpoint.size > 0);
  assert.match(st.audit_checkpoint.signature, /^[0-9a-f]{128}$/);
  const one = await ok(s.url, null, `/public/stats?month=${month}&body=BAPPEDA`);
  assert.equal(one.bodies.length, 1);
  assertError(await call(s.url, null, 'GET', '/public/stats?month=2026-13'), 422, 'invalid', 'month');
  assertError(await call(s.url, null, 'GET', '/public/stats?body=NOPE'), 404, 'not_found', 'body');
  const csv = await fetch(`${s.url}/api/v1/public/stats.csv?month=${month}`);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  const lines = (await csv.text()).trim().split('\r\n');
  assert.ok(lines[0].startsWith('month,body_code,body_name,reports_received,reports_answered,reports_overdue,'
    + 'median_hours_to_answer,staff,staff_with_plans,share_staff_with_plans,coverage_units,'), lines[0]);
  assert.ok(lines[0].endsWith(',sanctions_ringan,sanctions_sedang,sanctions_berat,suppressed,withheld'), lines[0]);
  assert.equal(lines.length, st.bodies.length + 1);
  assert.ok(lines.some((l) => l.startsWith(`${month},BAPPEDA,`)));
  const alt = await fetch(`${s.url}/api/v1/public/stats?format=csv&month=${month}`);
  assert.match(alt.headers.get('content-type'), /^text\/csv/);
  const dict = await ok(s.url, null, '/public/stats/fields');
  assert.deepEqual(dict.fields.map((f) => f.field), lines[0].split(','));
  assert.ok(dict.fields.every((f) => f.description_en && f.description_id && f.type));
  // Suppression: with a group of 100, small bodies' people figures vanish.
  await call(s.url, admin, 'PUT', '/reports/settings', { min_group: 100 });
  const sup = await ok(s.url, null, `/public/stats?month=${month}`);
  const small = sup.bodies.find((x) => x.withheld.includes('staff'));
  assert.ok(small, 'some body is below 100 people');
  assert.equal(small.staff, null);
  assert.equal(small.staff_with_plans, null);
  assert.equal(small.share_staff_with_plans, null);
  assert.equal(typeof small.reports_received, 'number', 'report counts are not about people');
  await call(s.url, admin, 'PUT', '/reports/settings', { min_group: 5 });
  const units = await ok(s.url, null, '/public/units?q=gambir');
  assert.ok(units.items.some((u) => u.code === 'KEL-GAMBIR'));
  assert.ok(units.items.every((u) => Object.keys(u).sort().join() === 'code,kind,lat,lon,name'));
  assertError(await call(s.url, null, 'GET', '/public/reports/0'), 404, 'not_found');
});

test('report -> violation: a substantiated report becomes a citizen_report violation, once, by its handler', async () => {
  const me = await ok(s.url, pegawai, '/me');
  const id = await file({ 'attribute[unit]': 'BAPPEDA', 'attribute[seen_at]': new Date().toISOString(),
    description: 'Loket kosong, petugas tidak ada di tempat.' });
  const d0 = await ok(s.url, kepala, `/reports/${id}`);
  const date = d0.cross_check.date;
  assert.equal(d0.can_record_violation, false, 'not yet verified');
  assert.deepEqual(d0.violations, []);
  const body = { nip: me.nip, date, kind: 'absent', note: 'Rekaman: tidak check-in, tidak ada rencana kerja.' };
  assertError(await act(kepala, id, 'violation', body), 409, 'invalid_state', 'status');
  assert.equal((await act(kepala, id, 'status', { status: 'verified', note: 'Benar.' })).status, 200);
  // Who: not the employee, not inspektorat (reads only).
  assertError(await act(pegawai, id, 'violation', body), 403, 'forbidden');
  assertError(await act(inspektur, id, 'violation', body), 403, 'forbidden');
  // Bad input: the nip must be an active employee of the unit or below; a real date not after the report.
  assertError(await act(kepala, id, 'violation', { ...body, nip: '123' }), 422, 'invalid', 'nip');
  const other = sql("SELECT e.nip FROM employee e JOIN unit u ON u.id = e.unit_id WHERE u.code = 'DINKES' AND e.active LIMIT 1").trim();
  assertError(await act(kepala, id, 'violation', { ...body, nip: other }), 422, 'invalid', 'nip');
  assertError(await act(kepala, id, 'violation', { ...body, date: '2026-02-30' }), 422, 'invalid', 'date');
  assertError(await act(kepala, id, 'violation', { ...body, date: 'kemarin' }), 422, 'invalid', 'date');
  const tomorrow = new Date(Date.parse(`${date}T00:00:00Z`) + 86400e3).toISOString().slice(0, 10);
  assertError(await act(kepala, id, 'violation', { ...body, date: tomorrow }), 422, 'invalid', 'date');
  assertError(await act(kepala, id, 'violation', { ...body, kind: 'rude' }), 422, 'invalid', 'kind');
  assertError(await act(kepala, id, 'violation', { ...body, note: 'x' }), 422, 'invalid', 'note');
  assertError(await act(kepala, id, 'violation', { nip: me.nip, note: 'tanpa tanggal' }), 422);
  const r = await act(kepala, id, 'violation', body);
  assert.equal(r.status, 201, r.text);
  assert.deepEqual({ ...r.body, id: 0 }, { id: 0, report_id: id, nip: me.nip, date, kind: 'absent',
    violation_kind: 'citizen_report', note: body.note });
  assertError(await act(kepala, id, 'violation', { ...body, kind: 'other' }), 409, 'conflict', 'nip');
  // Stored twice: its own record and the day's violations, with the report as evidence.
  const row = sql(`SELECT v.kind, v.count, v.evidence FROM day_violation v JOIN employee e ON e.id = v.employee_id`
    + ` WHERE e.nip = '${me.nip}' AND v.date = '${date}' AND v.kind = 'citizen_report'`).trim().split('|');
  assert.equal(row[0], 'citizen_report');
  assert.equal(row[1], '1');
  const ev = JSON.parse(row.slice(2).join('|'));
  assert.deepEqual(ev.reports.map((x) => [x.report_id, x.finding, x.by]), [[id, 'absent', 'kepala.bappeda']]);
  assert.equal(sql(`SELECT COUNT(*) FROM report_violation WHERE report_id = ${id}`).trim(), '1');
  // A second report about the same person and day adds to the same day's row (admin may act too).
  const id2 = await file({ 'attribute[unit]': 'BAPPEDA', 'attribute[seen_at]': new Date().toISOString() });
  assert.equal((await act(admin, id2, 'status', { status: 'verified' })).status, 200);
  assert.equal((await act(admin, id2, 'violation', { ...body, kind: 'conduct' })).status, 201);
  assert.equal(sql(`SELECT v.count FROM day_violation v JOIN employee e ON e.id = v.employee_id WHERE e.nip = '${me.nip}'`
    + ` AND v.date = '${date}' AND v.kind = 'citizen_report'`).trim(), '2');
  // The handler's page shows it; the event is private; the audit log has it.
  const d = await ok(s.url, kepala, `/reports/${id}`);
  assert.equal(d.can_record_violation, true);
  assert.deepEqual(d.violations.map((v) => [v.nip, v.date, v.kind, v.created_by]), [[me.nip, date, 'absent', 'kepala.bappeda']]);
  assert.ok(d.events.some((e) => e.action === 'violation' && !e.public));
  assert.ok(!(await ok(s.url, null, `/public/reports/${id}`)).history.some((h) => h.note.includes(me.nip)), 'never public');
  const seq = Number(sql(`SELECT MAX(seq) FROM audit_entry WHERE object = 'report:${id}' AND action = 'report.violation'`));
  const audit = await ok(s.url, admin, `/audit/entries?from=${seq}&limit=1`);
  assert.equal(audit.items[0].action, 'report.violation', 'audited');
  assert.equal(audit.items[0].actor, 'kepala.bappeda');
  // Public figures: one person, so the citizen_report count of Bappeda is withheld.
  const b = (await ok(s.url, null, `/public/stats?month=${date.slice(0, 7)}&body=BAPPEDA`)).bodies[0];
  assert.equal(b.violations_citizen_report, null);
  assert.ok(b.withheld.includes('violations_citizen_report'));
  // Closed is final: no violation from a closed report.
  assert.equal((await act(kepala, id, 'status', { status: 'answered', note: 'Sudah ditindak.' })).status, 200);
  assert.equal((await act(kepala, id, 'status', { status: 'closed' })).status, 200);
  const third = sql("SELECT e.nip FROM employee e JOIN unit u ON u.id = e.unit_id WHERE u.code = 'BAPPEDA' AND e.active"
    + ` AND e.nip <> '${me.nip}' LIMIT 1`).trim();
  assertError(await act(kepala, id, 'violation', { ...body, nip: third }), 409, 'invalid_state', 'status');
});

test('report -> violation survives closing its date again (report_violation is the lasting record)', async () => {
  // A recent past working day D, closed; a report about the unit on D; then
  // the employee's day changes (a late check-in) and D is closed again.
  let t = Date.now() + 7 * 3600e3 - 2 * 86400e3;
  while ([0, 6].includes(new Date(t).getUTCDay())) t -= 86400e3;
  const D = new Date(t).toISOString().slice(0, 10);
  const close = () => { const r = cli(['close', '--db', s.dbPath, '--from', D, '--to', D], { env: s.env }); assert.equal(r.status, 0, r.stderr); };
  close();
  const nip = sql("SELECT e.nip FROM employee e JOIN unit u ON u.id = e.unit_id WHERE u.code = 'BAPPEDA' AND e.active ORDER BY e.id DESC LIMIT 1").trim();
  const id = await file({ 'attribute[unit]': 'BAPPEDA', 'attribute[seen_at]': `${D}T10:00:00+07:00` });
  assert.equal((await act(kepala, id, 'status', { status: 'verified' })).status, 200);
  const r = await act(kepala, id, 'violation', { nip, date: D, kind: 'absent', note: 'Tidak di loket pukul 10.00.' });
  assert.equal(r.status, 201, r.text);
  sql(`INSERT INTO checkin (employee_id, unit_id, work_date, kind, server_ms, local_minute, time_zone, mode, verdict,
         flag_mask, flags, device_id) SELECT id, unit_id, '${D}', 'in', 0, 560, 'WIB', 'wfo', 'ok', 0, '[]', 'fixture'
       FROM employee WHERE nip = '${nip}'`);
  close();
  assert.equal(sql(`SELECT COUNT(*) FROM report_violation WHERE report_id = ${id}`).trim(), '1');
  assert.equal(sql(`SELECT COUNT(*) FROM day_violation WHERE kind = 'citizen_report' AND date = '${D}'`).trim(), '1',
    'closing the date again keeps the violation a handler recorded');
  const d = await ok(s.url, kepala, `/reports/${id}`);
  assert.deepEqual(d.violations.map((v) => [v.nip, v.date]), [[nip, D]]);
  await call(s.url, admin, 'PUT', '/reports/settings', { min_group: 1 });
  try {
    const b = (await ok(s.url, null, `/public/stats?month=${D.slice(0, 7)}&body=BAPPEDA`)).bodies[0];
    assert.ok(b.violations_citizen_report >= 1, 'still counted in the public figures');
  } finally {
    await call(s.url, admin, 'PUT', '/reports/settings', { min_group: 5 });
  }
});

test('fleksi audit verify-remote: first use pins the key, later runs prove consistency; tampering is caught', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fleksi-remote-'));
  const state = join(dir, 'state');
  try {
    let r = cli(['audit', 'verify-remote', s.url, '--state', state]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /checkpoint verified \(first use\): \d+ entries/);
    await file({ 'attribute[unit]': 'BAPPEDA' });
    r = cli(['audit', 'verify-remote', s.url, '--state', state]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /audit log consistent: (\d+) -> (\d+) entries/);
    const [, from, to] = r.stdout.match(/(\d+) -> (\d+)/);
    assert.ok(Number(to) > Number(from));
    r = cli(['audit', 'verify-remote', s.url, '--state', state]);
    assert.equal(r.status, 0, r.stderr);
    // A forged earlier root (as if history had been rewritten) fails the proof.
    r = cli(['audit', 'verify-remote', s.url, '--state', join(dir, 'other'), '--from-size', '3', '--from-root', 'ab'.repeat(32)]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /consistency proof FAILED/);
    r = cli(['audit', 'verify-remote', s.url, '--state', join(dir, 'x'), '--public-key', '00'.repeat(32)]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /not the expected/);
    r = cli(['audit', 'verify-remote', 'https://example.org']);
    assert.equal(r.status, 2);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
