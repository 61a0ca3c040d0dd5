// Special circumstances (Permen PANRB 4/2025 Pasal 30, issue 3 item 7): the
// employee files a request with a reason, a period, a work plan and evidence
// files; the head of the body (or admin BKD) approves, refuses or asks for
// changes; nobody decides their own request; an approved request shows in the
// eligibility decision and lifts the weekly cap for its period.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startServer, login, call, ok, assertError } from './_helpers.mjs';

let s, admin, kepala, atasan, pegawai, inspektur, me;
before(async () => {
  s = await startServer();
  [admin, kepala, atasan, pegawai, inspektur] = await Promise.all(
    ['admin.bkd', 'kepala.bappeda', 'atasan.bappeda', 'pegawai.bappeda', 'inspektur'].map((u) => login(s.url, u)));
  me = await ok(s.url, pegawai, '/me');
});
after(async () => { await s?.stop(); });

const shift = (days) => new Date(Date.now() + 7 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(64, 7)]);
const request = (over = {}) => ({
  reason: 'Pendampingan orang tua yang dirawat di rumah setelah operasi.',
  period_from: shift(1), period_to: shift(14),
  work_plan: [{ output: 'Draf RKPD bab 3', due: shift(7) }, { output: 'Telaah renstra OPD' }],
  ...over,
});
const upload = (auth, id, data, type, q = '') => call(s.url, auth, 'POST', `/special-requests/${id}/evidence${q}`, data,
  { 'content-type': type });
const act = (auth, id, what, body) => call(s.url, auth, 'POST', `/special-requests/${id}/${what}`, body);

async function file(over) {
  const r = await call(s.url, pegawai, 'POST', '/special-requests', request(over));
  assert.equal(r.status, 201, r.text);
  return r.body;
}

test('filing: a draft with its plan; bad input is refused with the field named', async () => {
  const d = await file();
  assert.equal(d.status, 'draft');
  assert.equal(d.nip, me.nip);
  assert.equal(d.basis, 'Permen PANRB 4/2025 Pasal 30');
  assert.deepEqual(d.work_plan, [{ output: 'Draf RKPD bab 3', due: shift(7) }, { output: 'Telaah renstra OPD', due: null }]);
  assert.deepEqual(d.actions, ['revise', 'add_evidence'], 'no submit without evidence');
  assert.deepEqual(d.evidence, []);
  const post = (body, auth = pegawai) => call(s.url, auth, 'POST', '/special-requests', body);
  assertError(await post(request({ reason: undefined })), 422, 'missing_field', 'reason');
  assertError(await post(request({ reason: 'pendek' })), 422, 'invalid', 'reason');
  assertError(await post(request({ period_to: shift(0), period_from: shift(3) })), 422, 'invalid', 'period_to');
  assertError(await post(request({ period_from: shift(-20), period_to: shift(-10) })), 422, 'invalid', 'period_to');
  assertError(await post(request({ period_to: shift(500) })), 422, 'invalid', 'period_to');
  assertError(await post(request({ period_from: '2026-02-30' })), 422, 'invalid', 'period_from');
  assertError(await post(request({ work_plan: [{ output: 'Laporan', due: shift(30) }] })), 422, 'invalid', 'work_plan.due');
  assertError(await post(request({ work_plan: [{ outcome: 'Laporan' }] })), 422, 'unknown_field', 'work_plan.outcome');
  assertError(await post(request({ work_plan: ['Laporan'] })), 422, 'wrong_type', 'work_plan');
  assertError(await post(request({ colour: 'red' })), 422, 'unknown_field');
  assertError(await post('not json'), 400);
  assertError(await post(request(), admin), 403);    // no employee record: nothing to file for
  assertError(await post(request(), null), 401);
});

test('evidence: PDF, JPEG or PNG up to 2 MiB, checked against its content, read back by the right people only', async () => {
  const d = await file();
  assertError(await act(pegawai, d.id, 'submit'), 422, 'evidence_required', 'evidence');
  assertError(await upload(pegawai, d.id, PDF, 'text/plain'), 415, 'unsupported_media_type');
  assertError(await upload(pegawai, d.id, PNG, 'application/pdf'), 422, 'content_mismatch');
  assertError(await upload(pegawai, d.id, Buffer.alloc(0), 'application/pdf'), 422);
  const big = Buffer.concat([PDF, Buffer.alloc(2 * 1024 * 1024 + 1 - PDF.length, 32)]);
  assertError(await upload(pegawai, d.id, big, 'application/pdf'), 413, 'too_big');
  assertError(await upload(kepala, d.id, PDF, 'application/pdf'), 403);
  assertError(await upload(admin, d.id, PDF, 'application/pdf'), 403);
  const exact = Buffer.concat([PDF, Buffer.alloc(2 * 1024 * 1024 - PDF.length, 32)]);
  const up = await upload(pegawai, d.id, exact, 'application/pdf', '?filename=surat%20dokter.pdf');
  assert.equal(up.status, 201, up.text.slice(0, 300));
  const e = up.body.evidence[0];
  assert.equal(e.n, 1);
  assert.equal(e.media_type, 'application/pdf');
  assert.equal(e.size, exact.length);
  assert.equal(e.sha256, createHash('sha256').update(exact).digest('hex'));
  assert.equal(e.filename, 'surat dokter.pdf');
  const png = await upload(pegawai, d.id, PNG, 'image/png');
  assert.equal(png.status, 201, png.text);
  assert.equal(png.body.evidence.length, 2);
  assert.deepEqual(png.body.actions, ['revise', 'add_evidence', 'submit']);
  for (const [auth, status] of [[pegawai, 200], [kepala, 200], [admin, 200], [inspektur, 200], [atasan, 403], [null, 401]]) {
    const r = await fetch(`${s.url}/api/v1/special-requests/${d.id}/evidence/1`,
      { headers: auth ? { authorization: `Bearer ${auth.token}` } : {} });
    assert.equal(r.status, status, `${auth?.user?.username || 'anonymous'}`);
    if (status !== 200) { await r.arrayBuffer(); continue; }
    assert.equal(r.headers.get('content-type'), 'application/pdf');
    assert.match(r.headers.get('content-disposition'), /^attachment/);
    assert.ok(Buffer.from(await r.arrayBuffer()).equals(exact), 'the same bytes come back');
  }
  const r2 = await fetch(`${s.url}/api/v1/special-requests/${d.id}/evidence/2`, { headers: { authorization: `Bearer ${kepala.token}` } });
  assert.equal(r2.headers.get('content-type'), 'image/png');
  assert.ok(Buffer.from(await r2.arrayBuffer()).equals(PNG));
  assertError(await call(s.url, pegawai, 'GET', `/special-requests/${d.id}/evidence/3`), 404);
  assertError(await call(s.url, pegawai, 'GET', `/special-requests/${d.id}/evidence/x`), 404);
  assertError(await call(s.url, atasan, 'GET', `/special-requests/${d.id}`), 403);
  await ok(s.url, inspektur, `/special-requests/${d.id}`);
});

test('the head asks for changes, the employee revises, the head approves; the state machine holds', async () => {
  const d = await file();
  assert.equal((await upload(pegawai, d.id, PDF, 'application/pdf')).status, 201);
  const sub = await act(pegawai, d.id, 'submit');
  assert.equal(sub.status, 200, sub.text);
  assert.equal(sub.body.status, 'submitted');
  assert.deepEqual(sub.body.actions, []);
  assertError(await act(pegawai, d.id, 'submit'), 409, 'invalid_state');
  assertError(await upload(pegawai, d.id, PDF, 'application/pdf'), 409, 'invalid_state');
  assertError(await call(s.url, pegawai, 'PATCH', `/special-requests/${d.id}`, { reason: 'Alasan yang lain sama sekali.' }), 409);
  // Nobody decides their own; the atasan and inspektorat do not decide.
  for (const a of ['approve', 'refuse', 'request-changes']) {
    assertError(await act(pegawai, d.id, a, { note: 'Saya setujui sendiri' }), 403);
    assertError(await act(atasan, d.id, a, { note: 'Atasan langsung' }), 403);
    assertError(await act(inspektur, d.id, a, { note: 'Inspektorat' }), 403);
  }
  const seen = await ok(s.url, kepala, `/special-requests/${d.id}`);
  assert.deepEqual(seen.actions, ['approve', 'refuse', 'request_changes']);
  assertError(await act(kepala, d.id, 'request-changes'), 422, 'missing_field', 'note');
  assertError(await act(kepala, d.id, 'request-changes', { note: 'ok' }), 422, 'missing_field', 'note');
  assertError(await act(kepala, d.id, 'request-changes', { note: 'Tambahkan target.', extra: 1 }), 422, 'unknown_field');
  const ch = await act(kepala, d.id, 'request-changes', { note: 'Tambahkan target keluaran mingguan.' });
  assert.equal(ch.status, 200, ch.text);
  assert.equal(ch.body.status, 'changes_requested');
  assert.equal(ch.body.decision.note, 'Tambahkan target keluaran mingguan.');
  assertError(await act(kepala, d.id, 'approve'), 409, 'invalid_state');
  assertError(await call(s.url, kepala, 'PATCH', `/special-requests/${d.id}`, { reason: 'Kepala mengubah alasan.' }), 403);
  const rev = await call(s.url, pegawai, 'PATCH', `/special-requests/${d.id}`,
    { work_plan: [{ output: 'Draf RKPD bab 3 (minggu 1)', due: shift(7) }, { output: 'Draf RKPD bab 4 (minggu 2)', due: shift(14) }] });
  assert.equal(rev.status, 200, rev.text);
  assert.equal(rev.body.revision, 2);
  assert.equal(rev.body.reason, request().reason, 'fields not sent are kept');
  assert.equal(rev.body.work_plan.length, 2);
  assertError(await call(s.url, pegawai, 'PATCH', `/special-requests/${d.id}`, { period_to: shift(-5) }), 422);
  assert.equal((await act(pegawai, d.id, 'submit')).status, 200);
  const ap = await act(kepala, d.id, 'approve', { note: 'Disetujui untuk dua minggu.' });
  assert.equal(ap.status, 200, ap.text);
  assert.equal(ap.body.status, 'approved');
  assert.equal(ap.body.decision.by, 'kepala.bappeda');
  assert.deepEqual(ap.body.history.map((h) => h.action),
    ['create', 'add_evidence', 'submit', 'request_changes', 'revise', 'submit', 'approve']);
  for (const a of ['approve', 'refuse', 'request-changes']) assertError(await act(kepala, d.id, a, { note: 'Sekali lagi' }), 409);
  assertError(await act(admin, d.id, 'refuse', { note: 'Dibatalkan admin' }), 409);
  assertError(await call(s.url, pegawai, 'PATCH', `/special-requests/${d.id}`, { reason: 'Alasan diubah setelah disetujui.' }), 409);
  // The eligibility decision names it for a date in the period, not outside it.
  const inside = await ok(s.url, pegawai, `/employees/${me.nip}/eligibility?date=${shift(3)}`);
  assert.equal(inside.special_circumstances.request_id, d.id);
  assert.equal(inside.special_circumstances.weekly_cap_lifted, true);
  for (const m of ['wfh', 'wfa', 'kantor_lain']) {
    const r = inside.modes[m].reasons.find((x) => x.rule === 'special_circumstances');
    assert.ok(r, `${m} names special_circumstances`);
    assert.equal(r.passed, true);
    assert.equal(r.basis, 'Permen PANRB 4/2025 Pasal 30');
    assert.match(r.message_id, /Keadaan khusus/);
  }
  assert.equal((await ok(s.url, pegawai, `/employees/${me.nip}/eligibility?date=${shift(20)}`)).special_circumstances, null);
  // The question schedules will ask: approved special circumstances on date D?
  const on = await ok(s.url, kepala, `/employees/${me.nip}/special-circumstances?date=${shift(14)}`);
  assert.deepEqual([on.approved, on.request_id, on.weekly_cap_lifted, on.basis], [true, d.id, true, 'Permen PANRB 4/2025 Pasal 30']);
  const off = await ok(s.url, pegawai, `/employees/${me.nip}/special-circumstances?date=${shift(15)}`);
  assert.deepEqual([off.approved, off.request_id], [false, null]);
  assertError(await call(s.url, pegawai, 'GET', `/employees/${me.nip}/special-circumstances?date=2026-02-30`), 422, 'invalid', 'date');
  // Every change is audited.
  const audit = await ok(s.url, admin, '/audit/entries?from=1&limit=1000');
  const mine = (audit.items || audit.entries).filter((x) => x.object === `special_request:${d.id}`).map((x) => x.action);
  assert.deepEqual(mine, ['special.create', 'special.evidence.add', 'special.submit', 'special.request_changes',
    'special.revise', 'special.submit', 'special.approve']);
});

test('admin BKD may refuse; a refused request cannot be approved', async () => {
  const d = await file({ period_from: shift(0), period_to: shift(5), work_plan: [{ output: 'Laporan harian' }] });
  assert.equal((await upload(pegawai, d.id, PNG, 'image/png')).status, 201);
  assert.equal((await act(pegawai, d.id, 'submit', {})).status, 200);
  assertError(await act(admin, d.id, 'refuse', {}), 422, 'missing_field', 'note');
  const rf = await act(admin, d.id, 'refuse', { note: 'Bukti tidak menunjukkan keadaan khusus.' });
  assert.equal(rf.status, 200, rf.text);
  assert.equal(rf.body.status, 'refused');
  assertError(await act(kepala, d.id, 'approve'), 409, 'invalid_state');
  assertError(await act(pegawai, d.id, 'submit'), 409, 'invalid_state');
  const e = await ok(s.url, pegawai, `/employees/${me.nip}/eligibility?date=${shift(1)}`);
  assert.ok(e.special_circumstances === null || e.special_circumstances.request_id !== d.id);
});

test('a submit without any planned output is refused', async () => {
  const d = await file({ work_plan: [] });
  assert.equal((await upload(pegawai, d.id, PDF, 'application/pdf')).status, 201);
  assertError(await act(pegawai, d.id, 'submit'), 422, 'work_plan_required', 'work_plan');
});

test('listing: the head sees the body\'s requests, the employee their own, filters checked', async () => {
  const pending = await ok(s.url, kepala, '/special-requests?status=submitted');
  assert.ok(pending.items.length >= 0);
  const d = await file();
  assert.equal((await upload(pegawai, d.id, PDF, 'application/pdf')).status, 201);
  assert.equal((await act(pegawai, d.id, 'submit')).status, 200);
  const now = await ok(s.url, kepala, '/special-requests?status=submitted&unit=BAPPEDA');
  const row = now.items.find((x) => x.id === d.id);
  assert.ok(row, 'the head sees the submitted request');
  assert.equal(row.nip, me.nip);
  assert.equal(row.evidence_files, 1);
  assert.ok(now.items.every((x) => x.status === 'submitted'));
  const own = await ok(s.url, pegawai, '/special-requests');
  assert.ok(own.items.length >= 4 && own.items.every((x) => x.nip === me.nip));
  assert.equal((await ok(s.url, atasan, '/special-requests')).items.filter((x) => x.nip === me.nip).length, 0);
  assert.ok((await ok(s.url, admin, `/special-requests?nip=${me.nip}`)).items.length >= 4);
  assert.ok((await ok(s.url, inspektur, '/special-requests?status=approved')).items.length >= 1);
  assert.equal((await ok(s.url, kepala, '/special-requests?unit=DINKES')).items.length, 0);
  assertError(await call(s.url, kepala, 'GET', '/special-requests?status=pending'), 422, 'invalid', 'status');
  assertError(await call(s.url, kepala, 'GET', '/special-requests?nip=123'), 422, 'invalid', 'nip');
  assertError(await call(s.url, kepala, 'GET', '/special-requests?unit=NOPE-XYZ'), 404, 'unknown_unit');
  assertError(await call(s.url, null, 'GET', '/special-requests'), 401);
  assertError(await call(s.url, admin, 'GET', '/special-requests/abc'), 404);
  assertError(await call(s.url, admin, 'GET', '/special-requests/99999999'), 404);
  assertError(await call(s.url, admin, 'POST', '/special-requests/99999999/approve', {}), 404);
  assertError(await call(s.url, admin, 'DELETE', `/special-requests/${d.id}`), 405);
});

test('the head of the body cannot decide a request of their own', async () => {
  const r = await call(s.url, kepala, 'POST', '/special-requests', request());
  assert.equal(r.status, 201, r.text);
  assert.equal((await upload(kepala, r.body.id, PDF, 'application/pdf')).status, 201);
  assert.equal((await act(kepala, r.body.id, 'submit')).status, 200);
  assertError(await act(kepala, r.body.id, 'approve'), 403);
  const seen = await ok(s.url, kepala, `/special-requests/${r.body.id}`);
  assert.deepEqual(seen.actions, []);
  assert.equal((await act(admin, r.body.id, 'approve')).status, 200);
});
