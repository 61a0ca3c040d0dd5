// Leave and duty travel (issue 5 item 5): recording by the supervisor chain,
// the head of the body or admin_bkd (never one's own), the kinds and their
// day status, overlaps refused, the scoped listing, cancelling (audited), and
// the CSV import: every row or none, problems per line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, call, ok, assertError } from './_helpers.mjs';

let s, admin, kepala, atasan, pegawai, inspektur;
let P, A, K;

before(async () => {
  s = await startServer();
  [admin, kepala, atasan, pegawai, inspektur] = await Promise.all(
    ['admin.bkd', 'kepala.bappeda', 'atasan.bappeda', 'pegawai.bappeda', 'inspektur'].map((u) => login(s.url, u)));
  [P, A, K] = [pegawai, atasan, kepala].map((x) => x.user.nip);
});
after(async () => { await s?.stop(); });

const record = (auth, body) => call(s.url, auth, 'POST', '/leaves', body);

test('recording: the supervisor, the head of the body and admin_bkd may; the kind gives the day status', async () => {
  const r = await record(atasan, { nip: P, kind: 'cuti_sakit', from: '2027-01-11', to: '2027-01-12', note: 'Surat dokter' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.nip, P);
  assert.equal(r.body.kind, 'cuti_sakit');
  assert.equal(r.body.day_status, 'sakit');
  assert.equal(r.body.status, 'active');
  assert.equal(r.body.created_by, 'atasan.bappeda');
  assert.equal(r.body.note, 'Surat dokter');
  assert.equal(r.body.cancelled_at, null);
  const k = await record(kepala, { nip: A, kind: 'dinas_luar', from: '2027-01-11', to: '2027-01-15' });
  assert.equal(k.status, 201, k.text);
  assert.equal(k.body.day_status, 'dinas_luar');
  const a = await record(admin, { nip: K, kind: 'cuti_tahunan', from: '2027-02-01', to: '2027-02-05' });
  assert.equal(a.status, 201, a.text);
  assert.equal(a.body.day_status, 'cuti');
  const t = await record(admin, { nip: P, kind: 'tugas_belajar', from: '2027-09-01', to: '2028-08-31' });
  assert.equal(t.status, 201, t.text);
  assert.equal(t.body.day_status, 'tugas_belajar');
});

test('who may not: oneself, a subordinate for the supervisor, the inspectorate, another body', async () => {
  assertError(await record(pegawai, { nip: P, kind: 'cuti_tahunan', from: '2027-03-01', to: '2027-03-01' }), 403, 'forbidden');
  assertError(await record(pegawai, { nip: A, kind: 'cuti_tahunan', from: '2027-03-01', to: '2027-03-01' }), 403, 'forbidden');
  assertError(await record(atasan, { nip: A, kind: 'cuti_tahunan', from: '2027-03-01', to: '2027-03-01' }), 403, 'forbidden');
  assertError(await record(inspektur, { nip: P, kind: 'cuti_tahunan', from: '2027-03-01', to: '2027-03-01' }), 403, 'forbidden');
  const other = (await ok(s.url, admin, '/employees?per_page=200')).items.find((e) => !e.unit.code.startsWith('BAPPEDA'));
  assert.ok(other, 'an employee outside Bappeda');
  assertError(await record(kepala, { nip: other.nip, kind: 'cuti_tahunan', from: '2027-03-01', to: '2027-03-01' }), 403, 'forbidden');
  assertError(await call(s.url, null, 'POST', '/leaves', { nip: P, kind: 'cuti_tahunan', from: '2027-03-01', to: '2027-03-01' }), 401);
});

test('bad input: kind, dates, span, note, unknown fields, unknown NIP', async () => {
  const base = { nip: P, kind: 'cuti_tahunan', from: '2027-04-01', to: '2027-04-02' };
  assertError(await record(admin, { ...base, kind: 'cuti_bersama' }), 422, 'invalid', 'kind');
  assertError(await record(admin, { ...base, from: '2027-02-30' }), 422, 'invalid', 'from');
  assertError(await record(admin, { ...base, to: '2027-03-31' }), 422, 'invalid', 'to');
  assertError(await record(admin, { ...base, to: '2031-01-01' }), 422, 'invalid', 'to');
  assertError(await record(admin, { ...base, note: 'x'.repeat(501) }), 422, 'invalid', 'note');
  assertError(await record(admin, { ...base, extra: 1 }), 422);
  assertError(await record(admin, { ...base, from: 20270401 }), 422);
  assertError(await record(admin, { ...base, nip: '199901012020011999' }), 404, 'not_found', 'nip');
  assertError(await call(s.url, admin, 'POST', '/leaves', '{"nip":'), 400);
});

test('overlapping leave is refused with 409, touching leave is fine', async () => {
  const first = await record(admin, { nip: P, kind: 'cuti_tahunan', from: '2027-05-10', to: '2027-05-14' });
  assert.equal(first.status, 201, first.text);
  const e = assertError(await record(admin, { nip: P, kind: 'dinas_luar', from: '2027-05-14', to: '2027-05-20' }), 409, 'overlap', 'from');
  assert.match(e.message, new RegExp(String(first.body.id)));
  const next = await record(admin, { nip: P, kind: 'dinas_luar', from: '2027-05-15', to: '2027-05-20' });
  assert.equal(next.status, 201, next.text);
});

test('listing: scoped, by nip, unit and range', async () => {
  const mine = await ok(s.url, pegawai, '/leaves');
  assert.ok(mine.items.length >= 3);
  assert.ok(mine.items.every((l) => l.nip === P));
  const team = await ok(s.url, atasan, '/leaves');
  assert.ok(team.items.some((l) => l.nip === P) && team.items.some((l) => l.nip === A));
  const byNip = await ok(s.url, admin, `/leaves?nip=${A}`);
  assert.ok(byNip.items.length >= 1 && byNip.items.every((l) => l.nip === A));
  const range = await ok(s.url, admin, `/leaves?nip=${P}&from=2027-05-01&to=2027-05-12`);
  assert.deepEqual(range.items.map((l) => l.from), ['2027-05-10']);
  const unit = pegawai.user.unit_code || (await ok(s.url, pegawai, '/me')).unit.code;
  const u = await ok(s.url, kepala, `/leaves?unit=${unit}`);
  assert.ok(u.items.length >= 1 && u.items.every((l) => l.unit === unit));
  const insp = await ok(s.url, inspektur, '/leaves');
  assert.ok(insp.items.length >= 5);
  assertError(await call(s.url, admin, 'GET', '/leaves?from=kemarin'), 422, 'invalid', 'from');
  assertError(await call(s.url, admin, 'GET', '/leaves?status=done'), 422, 'invalid', 'status');
  assertError(await call(s.url, admin, 'GET', '/leaves?unit=NOPE'), 404, 'not_found', 'unit');
});

test('cancelling: by the same authority, once, audited', async () => {
  const r = await record(atasan, { nip: P, kind: 'cuti_alasan_penting', from: '2027-06-01', to: '2027-06-02' });
  assert.equal(r.status, 201, r.text);
  assertError(await call(s.url, pegawai, 'DELETE', `/leaves/${r.body.id}`), 403, 'forbidden');
  const c = await call(s.url, atasan, 'DELETE', `/leaves/${r.body.id}`);
  assert.equal(c.status, 200, c.text);
  assert.equal(c.body.status, 'cancelled');
  assert.equal(c.body.cancelled_by, 'atasan.bappeda');
  assertError(await call(s.url, atasan, 'DELETE', `/leaves/${r.body.id}`), 409, 'invalid_state');
  assertError(await call(s.url, admin, 'DELETE', '/leaves/999999'), 404, 'not_found', 'id');
  assertError(await call(s.url, admin, 'DELETE', '/leaves/abc'), 404, 'not_found', 'id');
  // The same dates may be recorded again once cancelled.
  assert.equal((await record(atasan, { nip: P, kind: 'cuti_tahunan', from: '2027-06-01', to: '2027-06-02' })).status, 201);
  const cancelled = await ok(s.url, admin, `/leaves?nip=${P}&status=cancelled`);
  assert.deepEqual(cancelled.items.map((l) => l.id), [r.body.id]);
  const audit = await ok(s.url, admin, '/audit/entries?from=1&limit=1000');
  const mine = audit.items.filter((e) => e.object === `leave:${r.body.id}`).map((e) => e.action);
  assert.deepEqual(mine, ['leave.create', 'leave.cancel']);
});

const csv = (auth, body, type = 'text/csv') => call(s.url, auth, 'POST', '/leaves/import', body, { 'content-type': type });

test('CSV import: a bad line refuses the whole file, with the line and column', async () => {
  const before = (await ok(s.url, admin, `/leaves?nip=${K}`)).items.length;
  const bad = `nip,kind,from,to,note\n${K},cuti_tahunan,2027-07-01,2027-07-02,ok\n${K},libur,2027-07-05,2027-07-05,\n`
    + `199901012020011999,cuti_tahunan,2027-07-06,2027-07-06,\n${K},dinas_luar,2027-07-02,2027-07-03,overlap\n`;
  const r = await csv(admin, bad);
  assertError(r, 422, 'invalid_rows', null);
  assert.deepEqual(r.body.rows.map((x) => [x.line, x.column]), [[3, 'kind'], [4, 'nip'], [5, 'from']]);
  assert.equal(r.body.total_problems, 3);
  assert.ok(r.body.rows.every((x) => x.message_id && x.message_en));
  assert.equal((await ok(s.url, admin, `/leaves?nip=${K}`)).items.length, before, 'nothing imported');
  const good = `nip;kind;from;to\n${K};cuti_tahunan;2027-07-01;2027-07-02\n${A};cuti_melahirkan;2027-08-02;2027-10-30\n`;
  const g = await csv(admin, good);
  assert.equal(g.status, 200, g.text);
  assert.equal(g.body.imported, 2);
  assert.equal((await ok(s.url, admin, `/leaves?nip=${K}`)).items.length, before + 1);
});

test('CSV import: who may, media type, header', async () => {
  const other = (await ok(s.url, admin, '/employees?per_page=200')).items.find((e) => !e.unit.code.startsWith('BAPPEDA'));
  const r = await csv(kepala, `nip,kind,from,to\n${other.nip},cuti_tahunan,2027-11-01,2027-11-01\n`);
  assertError(r, 422, 'invalid_rows');
  assert.deepEqual(r.body.rows.map((x) => [x.line, x.column]), [[2, 'nip']]);
  assert.equal((await csv(kepala, `nip,kind,from,to\n${P},cuti_tahunan,2029-03-01,2029-03-01\n`)).status, 200);
  assertError(await csv(atasan, `nip,kind,from,to\n${P},cuti_tahunan,2027-11-02,2027-11-02\n`), 403, 'forbidden');
  assertError(await csv(admin, '{"nip":1}', 'application/json'), 415, 'unsupported_media_type');
  const h = await csv(admin, 'nip,jenis,from,to\n1,2,3,4\n');
  assertError(h, 422, 'invalid_rows');
  assert.deepEqual(h.body.rows.map((x) => x.column), ['kind']);
  assertError(await csv(admin, 'nip,kind,from,to\n'), 422, 'invalid_rows');
});
