// Who may work flexibly (issue 3): decisions with reasons for the seed's
// examples, person conditions, dated policy versions, summaries and the CSV
// export, exceptions, profile corrections, what-if, and bad input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, call, ok, assertError, allEmployees, flattenTree } from './_helpers.mjs';

let s, admin, kepala, pegawai, inspektur;
let everyone, units;
before(async () => {
  s = await startServer({ demo: 2000 });
  admin = await login(s.url, 'admin.bkd');
  kepala = await login(s.url, 'kepala.bappeda');
  pegawai = await login(s.url, 'pegawai.bappeda');
  inspektur = await login(s.url, 'inspektur');
  everyone = await allEmployees(s.url, admin);
  units = new Map(flattenTree((await ok(s.url, admin, '/units')).items).map((f) => [f.u.code, f]));
});
after(async () => { await s?.stop(); });

const LOCATION = ['wfh', 'wfa', 'kantor_lain'];
const today = () => new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
const shift = (days) => new Date(Date.now() + 7 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);
const unitOf = (e) => units.get(e.unit.code).u;
const underCode = (e, code) => units.get(e.unit.code).ancestors.includes(code) || e.unit.code === code;
// A PNS (not CPNS) whose CPNS start (NIP digits 9-14) is more than two years ago.
const settled = (e) => e.employment === 'pns' && Number(e.nip.slice(8, 12)) < Number(today().slice(0, 4)) - 2;

function find(pred, what) {
  const e = everyone.find(pred);
  assert.ok(e, `the demo has ${what}`);
  return e;
}
const eligibility = (auth, nip, q = '') => ok(s.url, auth, `/employees/${nip}/eligibility${q}`);

function assertReasonsShape(mode) {
  assert.ok(Array.isArray(mode.reasons) && mode.reasons.length > 0);
  for (const r of mode.reasons) {
    for (const k of ['rule', 'basis', 'message_id', 'message_en']) assert.equal(typeof r[k], 'string', k);
    assert.match(r.basis, /Permen PANRB 4\/2025/);
    assert.ok(r.message_id.length > 10 && r.message_en.length > 10);
  }
}

function assertNotEligible(d, rule) {
  for (const m of LOCATION) {
    assert.equal(d.modes[m].eligible, false, `${d.name} ${m}`);
    assertReasonsShape(d.modes[m]);
    // A "no" lists the failed rules (and an exception, which is always shown).
    assert.ok(d.modes[m].reasons.every((r) => r.passed === false || r.rule === 'exception'), 'a "no" lists the failed rules');
    if (rule) assert.ok(d.modes[m].reasons.some((r) => r.rule === rule), `${m} names ${rule}`);
  }
}

function assertEligible(d) {
  for (const m of LOCATION) {
    assert.equal(d.modes[m].eligible, true, `${d.name} (${d.profile.position}) ${m}: ${JSON.stringify(d.modes[m].reasons.filter((r) => !r.passed))}`);
    assertReasonsShape(d.modes[m]);
    assert.ok(d.modes[m].reasons.every((r) => r.passed), 'a "yes" lists the rules passed');
    for (const rule of ['outside_office', 'no_special_equipment', 'ict_possible', 'minimal_face_to_face',
      'no_continuous_supervision', 'no_discipline_case', 'not_new_employee']) {
      assert.ok(d.modes[m].reasons.some((r) => r.rule === rule), `${m} names ${rule}`);
    }
  }
}

test('the response has the shape of the issue', async () => {
  const e = find((x) => x.position.name.startsWith('Perencana') && underCode(x, 'BAPPEDA') && settled(x), 'a planner in Bappeda');
  const d = await eligibility(admin, e.nip, `?date=${today()}`);
  assert.equal(d.nip, e.nip);
  assert.equal(d.date, today());
  assert.equal(typeof d.policy_version, 'number');
  assert.deepEqual(Object.keys(d.modes).sort(), ['kantor_lain', 'wfa', 'wfh']);
  assert.deepEqual(Object.keys(d.time).sort(), ['dinamis', 'shift']);
  assert.equal(d.profile.family, 'perencanaan');
  assert.ok(d.modes.wfa.reasons.some((r) => r.rule === 'minimal_face_to_face' && r.basis === 'Permen PANRB 4/2025 Pasal 11'));
  assert.equal(d.time.dinamis.eligible, true);
});

test('seed examples that may not work remotely: doctor in an RSUD, teacher, firefighter, kelurahan counter', async () => {
  const cases = [
    [(e) => e.position.name.startsWith('Dokter') && unitOf(e).kind === 'rsud', 'a doctor in an RSUD', 'medis'],
    [(e) => e.position.name.startsWith('Guru') && unitOf(e).kind === 'sekolah', 'a teacher in a school', 'pendidikan'],
    [(e) => /^(Pemadam Kebakaran|Analis Kebakaran)/.test(e.position.name), 'a firefighter', 'pemadam_kebakaran'],
    [(e) => /^(Penata Layanan Operasional|Pengadministrasi Perkantoran)/.test(e.position.name) && unitOf(e).kind === 'kelurahan',
      'counter staff in a kelurahan', 'layanan_tatap_muka'],
  ];
  for (const [pred, what, family] of cases) {
    const e = find(pred, what);
    const d = await eligibility(admin, e.nip);
    assert.equal(d.profile.family, family, what);
    assertNotEligible(d, 'minimal_face_to_face');
    const f2f = d.modes.wfa.reasons.find((r) => r.rule === 'minimal_face_to_face');
    assert.equal(f2f.basis, 'Permen PANRB 4/2025 Pasal 11');
  }
});

test('seed examples that may: planner in Bappeda, researcher, secretariat staff, IT staff in an office unit', async () => {
  const office = (e) => !unitOf(e).face_to_face && !['rsud', 'puskesmas', 'sekolah'].includes(unitOf(e).kind);
  const cases = [
    [(e) => e.position.name.startsWith('Perencana') && underCode(e, 'BAPPEDA'), 'a planner in Bappeda', 'perencanaan'],
    [(e) => /^(Peneliti|Perekayasa|Statistisi)/.test(e.position.name), 'a researcher', 'penelitian_pengembangan'],
    [(e) => /^(Pengadministrasi Perkantoran|Penelaah Teknis Kebijakan|Pengolah Data dan Informasi)$/.test(e.position.name)
      && /^(bagian|subbagian|sekretariat_daerah|sekretariat_dprd)$/.test(unitOf(e).kind), 'secretariat staff', null],
    [(e) => e.position.name.startsWith('Pranata Komputer'), 'IT staff', 'teknologi_informasi'],
  ];
  for (const [pred, what, family] of cases) {
    const e = find((x) => pred(x) && office(x) && settled(x), what);
    const d = await eligibility(admin, e.nip);
    if (family) assert.equal(d.profile.family, family, what);
    assertEligible(d);
  }
});

test('a new employee (CPNS) is not eligible, naming Pasal 25', async () => {
  const e = find((x) => x.employment === 'cpns', 'a CPNS');
  const d = await eligibility(admin, e.nip);
  for (const m of LOCATION) {
    assert.equal(d.modes[m].eligible, false);
    const r = d.modes[m].reasons.find((x) => x.rule === 'not_new_employee');
    assert.ok(r, `${m} names not_new_employee`);
    assert.equal(r.basis, 'Permen PANRB 4/2025 Pasal 25 ayat (1)');
    assert.match(r.message_id, /CPNS/);
  }
});

test('an open disciplinary case ends eligibility; closing it restores it; past dates are kept', async () => {
  const e = find((x) => x.position.name.startsWith('Analis Kebijakan') && settled(x) && !underCode(x, 'BAPPEDA')
    && !unitOf(x).face_to_face && !['rsud', 'puskesmas', 'sekolah'].includes(unitOf(x).kind), 'a policy analyst');
  assertEligible(await eligibility(admin, e.nip));
  const opened = await call(s.url, admin, 'POST', `/employees/${e.nip}/discipline-cases`, { note: 'absen 3 hari' });
  assert.equal(opened.status, 201, opened.text);
  const d = await eligibility(admin, e.nip);
  assertNotEligible(d, 'no_discipline_case');
  assert.equal(d.time.shift.eligible, false);
  assertEligible(await eligibility(admin, e.nip, `?date=${shift(-1)}`));
  const closed = await call(s.url, admin, 'PATCH', `/discipline-cases/${opened.body.id}`,
    { status: 'closed', closed_on: shift(1), sanction_code: 'teguran_lisan', sanction_until: shift(1) });
  assert.equal(closed.status, 200, closed.text);
  // Still open today (closes tomorrow) and a running sanction until tomorrow.
  const still = await eligibility(admin, e.nip);
  assertNotEligible(still, 'no_running_sanction');
  assertEligible(await eligibility(admin, e.nip, `?date=${shift(2)}`));
  // Audited.
  const audit = await ok(s.url, admin, '/audit/entries?from=1&limit=1000');
  const actions = (audit.items || audit.entries || []).map((x) => x.action);
  assert.ok(actions.includes('discipline.case.open') && actions.includes('discipline.case.update'), JSON.stringify(actions.slice(-5)));
});

test('access: self, kepala_opd within the body, not others', async () => {
  const me = (await ok(s.url, pegawai, '/me'));
  const nip = me.user?.nip || me.nip;
  assert.ok(nip);
  await eligibility(pegawai, nip);
  const other = find((x) => x.nip !== nip && underCode(x, 'BAPPEDA'), 'a colleague');
  assertError(await call(s.url, pegawai, 'GET', `/employees/${other.nip}/eligibility`), 403);
  await eligibility(kepala, other.nip);
  const outside = find((x) => !underCode(x, 'BAPPEDA'), 'someone outside Bappeda');
  assertError(await call(s.url, kepala, 'GET', `/employees/${outside.nip}/eligibility`), 403);
  assertError(await call(s.url, null, 'GET', `/employees/${nip}/eligibility`), 401);
  assertError(await call(s.url, admin, 'GET', '/employees/199001012022211999/eligibility'), 404);
});

test('summary by unit with counts per reason and sub-unit; CSV export', async () => {
  const all = await ok(s.url, admin, '/eligibility/summary');
  assert.equal(all.total, everyone.filter((e) => e.active).length);
  assert.ok(all.eligible.wfa > 0 && all.not_eligible.wfa > 0);
  assert.equal(all.eligible.wfa + all.not_eligible.wfa, all.total);
  assert.ok(all.by_reason.minimal_face_to_face > 0);
  assert.ok(all.sub_units.length > 5);
  assert.equal(all.sub_units.reduce((a, u) => a + u.total, 0), all.total);
  const b = await ok(s.url, kepala, '/eligibility/summary?unit=BAPPEDA');
  assert.equal(b.unit.code, 'BAPPEDA');
  assert.equal(b.total, everyone.filter((e) => underCode(e, 'BAPPEDA')).length);
  assert.ok(b.eligible.wfa > 0);
  await ok(s.url, inspektur, '/eligibility/summary?unit=BAPPEDA');
  assertError(await call(s.url, kepala, 'GET', '/eligibility/summary'), 403);
  assertError(await call(s.url, kepala, 'GET', '/eligibility/summary?unit=DINKES'), 403);
  assertError(await call(s.url, pegawai, 'GET', '/eligibility/summary?unit=BAPPEDA'), 403);
  assertError(await call(s.url, admin, 'GET', '/eligibility/summary?unit=NOPE-XYZ'), 404);
  assertError(await call(s.url, admin, 'GET', '/eligibility/summary?date=2026-02-30'), 422, 'invalid', 'date');
  for (const path of ['/eligibility/export.csv?unit=BAPPEDA', '/eligibility/summary?unit=BAPPEDA&format=csv']) {
    const r = await call(s.url, kepala, 'GET', path);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /^text\/csv/);
    const lines = r.text.trim().split('\r\n');
    assert.match(lines[0], /nip,nama,unit_kode,.*wfh,wfa,kantor_lain,shift,dinamis/);
    assert.equal(lines.length - 1, b.total);
  }
});

test('policy versions: a past date uses the version then in force', async () => {
  const e = find((x) => x.position.name.startsWith('Perencana') && underCode(x, 'BAPPEDA') && settled(x), 'a planner');
  const before = await eligibility(admin, e.nip);
  assert.equal(before.modes.wfa.eligible, true);
  assertError(await call(s.url, admin, 'POST', '/eligibility/policies', { valid_from: shift(-3), modes: ['wfh'] }), 422, 'past_date');
  assertError(await call(s.url, admin, 'POST', '/eligibility/policies', { valid_from: today(), modes: ['home'] }), 422, 'invalid', 'modes');
  assertError(await call(s.url, admin, 'POST', '/eligibility/policies', { valid_from: today(), max_remote_days_per_week: 9 }), 422, 'invalid');
  assertError(await call(s.url, admin, 'POST', '/eligibility/policies', { valid_from: today(), colour: 'x' }), 422, 'unknown_field');
  assertError(await call(s.url, admin, 'POST', '/eligibility/policies',
    { valid_from: today(), unit_overrides: [{ unit: 'NOPE-XYZ', flexible_work_enabled: false }] }), 422);
  assertError(await call(s.url, kepala, 'POST', '/eligibility/policies', { valid_from: today() }), 403);
  const r = await call(s.url, admin, 'POST', '/eligibility/policies', {
    valid_from: today(), modes: ['wfh', 'kantor_lain', 'shift', 'dinamis'], legal_reference: 'Kepgub DKI (uji)',
    unit_overrides: [{ unit: 'DINKES', flexible_work_enabled: false }],
  });
  assert.equal(r.status, 201, r.text);
  const v = r.body.version;
  const now = await eligibility(admin, e.nip);
  assert.equal(now.policy_version, v);
  assert.equal(now.modes.wfa.eligible, false);
  assert.deepEqual(now.modes.wfa.reasons.map((x) => x.rule), ['mode_allowed']);
  assert.equal(now.modes.wfh.eligible, true);
  assert.equal(now.policy.max_remote_days_per_week, 2);
  const past = await eligibility(admin, e.nip, `?date=${shift(-1)}`);
  assert.equal(past.policy_version, before.policy_version);
  assert.equal(past.modes.wfa.eligible, true);
  // The unit override switches DINKES off.
  const dk = everyone.find((x) => underCode(x, 'DINKES') && settled(x));
  if (dk) assert.ok((await eligibility(admin, dk.nip)).modes.wfh.reasons.some((x) => x.rule === 'agency_enabled' && !x.passed));
  const list = await ok(s.url, pegawai, '/eligibility/policies');
  assert.equal(list.items[0].version, v);
  assert.equal(list.items[0].unit_overrides[0].unit, 'DINKES');
  // Back to every mode for the tests that follow.
  const back = await call(s.url, admin, 'POST', '/eligibility/policies',
    { valid_from: today(), modes: ['wfh', 'wfa', 'kantor_lain', 'shift', 'dinamis'], unit_overrides: [] });
  assert.equal(back.status, 201, back.text);
  assert.equal((await eligibility(admin, e.nip)).modes.wfa.eligible, true);
});

test('exceptions: kepala_opd grants or refuses within the body, with reasons shown', async () => {
  const me = await ok(s.url, kepala, '/me');
  const selfNip = me.user?.nip || me.nip;
  const e = find((x) => underCode(x, 'BAPPEDA') && x.nip !== selfNip && settled(x)
    && x.position.name.startsWith('Perencana'), 'a Bappeda planner');
  const body = { decision: 'refuse', justification: 'Penyusunan RKPD butuh kehadiran penuh.', valid_until: shift(30) };
  assertError(await call(s.url, admin, 'POST', `/employees/${e.nip}/eligibility/exceptions`, body), 403);
  assertError(await call(s.url, pegawai, 'POST', `/employees/${e.nip}/eligibility/exceptions`, body), 403);
  const outside = find((x) => !underCode(x, 'BAPPEDA'), 'someone outside');
  assertError(await call(s.url, kepala, 'POST', `/employees/${outside.nip}/eligibility/exceptions`, body), 403);
  if (selfNip) assertError(await call(s.url, kepala, 'POST', `/employees/${selfNip}/eligibility/exceptions`, body), 403);
  assertError(await call(s.url, kepala, 'POST', `/employees/${e.nip}/eligibility/exceptions`, { ...body, justification: 'x' }), 422);
  assertError(await call(s.url, kepala, 'POST', `/employees/${e.nip}/eligibility/exceptions`, { ...body, decision: 'maybe' }), 422);
  assertError(await call(s.url, kepala, 'POST', `/employees/${e.nip}/eligibility/exceptions`, { ...body, valid_until: shift(-2) }), 422);
  const r = await call(s.url, kepala, 'POST', `/employees/${e.nip}/eligibility/exceptions`, body);
  assert.equal(r.status, 201, r.text);
  const d = await eligibility(admin, e.nip);
  assert.equal(d.modes.wfa.eligible, false);
  const why = d.modes.wfa.reasons.find((x) => x.rule === 'exception');
  assert.match(why.message_id, /RKPD/);
  assert.equal(d.exception.decision, 'refuse');
  const list = await ok(s.url, kepala, '/eligibility/exceptions?unit=BAPPEDA');
  assert.ok(list.items.some((x) => x.id === r.body.id));
  const mine = await ok(s.url, admin, `/employees/${e.nip}/eligibility/exceptions`);
  assert.equal(mine.items[0].decision, 'refuse');
  const del = await call(s.url, kepala, 'DELETE', `/employees/${e.nip}/eligibility/exceptions/${r.body.id}`);
  assert.equal(del.status, 200, del.text);
  assertError(await call(s.url, kepala, 'DELETE', `/employees/${e.nip}/eligibility/exceptions/${r.body.id}`), 409);
  assert.equal((await eligibility(admin, e.nip)).modes.wfa.eligible, true);
  const g = await call(s.url, kepala, 'POST', `/employees/${e.nip}/eligibility/exceptions`,
    { decision: 'grant', justification: 'Tugas analisis tidak terikat tempat.', valid_until: shift(10) });
  assert.equal(g.status, 201);
  const dg = await eligibility(admin, e.nip);
  assert.ok(dg.modes.wfa.reasons.some((x) => x.rule === 'exception' && x.passed));
});

test('what-if previews changes per unit without saving; corrections are audited and applied', async () => {
  const positions = await ok(s.url, admin, '/eligibility/positions');
  assert.equal(positions.classified, positions.positions);
  const arsip = positions.items.find((p) => p.name.startsWith('Arsiparis'));
  assert.ok(arsip);
  const holder = find((x) => x.position.name === arsip.name && settled(x) && !unitOf(x).face_to_face, 'an arsiparis');
  const pre = await eligibility(admin, holder.nip);
  const w = await call(s.url, admin, 'POST', '/eligibility/what-if',
    { profile: { position_id: arsip.id, criteria: { ict_possible: false } } });
  assert.equal(w.status, 200, w.text);
  assert.equal(w.body.saved, false);
  assert.ok(w.body.to_not_eligible.wfa > 0);
  assert.equal(w.body.to_eligible.wfa, 0);
  assert.ok(w.body.sub_units.some((u) => u.to_not_eligible.wfa > 0));
  assert.deepEqual((await eligibility(admin, holder.nip)).modes, pre.modes, 'nothing saved');
  const off = await call(s.url, admin, 'POST', '/eligibility/what-if?unit=BAPPEDA', { policy: { flexible_work_enabled: false } });
  assert.equal(off.status, 200, off.text);
  const sum = await ok(s.url, admin, '/eligibility/summary?unit=BAPPEDA');
  assert.equal(off.body.to_not_eligible.wfh, sum.eligible.wfh);
  assertError(await call(s.url, admin, 'POST', '/eligibility/what-if', { profile: { position_id: 99999999 } }), 422);
  assertError(await call(s.url, admin, 'POST', '/eligibility/what-if', { policy: { modes: 'wfh' } }), 422, 'wrong_type');
  assertError(await call(s.url, admin, 'POST', '/eligibility/what-if', 'not json'), 400);
  assertError(await call(s.url, kepala, 'POST', '/eligibility/what-if', {}), 403);
  // The correction itself.
  const path = `/eligibility/positions/${arsip.id}/profile`;
  assertError(await call(s.url, admin, 'PUT', path, { criteria: { ict_possible: false } }), 422, 'missing_field', 'reason');
  assertError(await call(s.url, admin, 'PUT', path, { reason: 'Arsip fisik', family: 'astronaut' }), 422, 'invalid', 'family');
  assertError(await call(s.url, admin, 'PUT', path, { reason: 'Arsip fisik', criteria: { flying: true } }), 422);
  assertError(await call(s.url, admin, 'PUT', '/eligibility/positions/99999999/profile', { reason: 'Arsip fisik' }), 404);
  assertError(await call(s.url, kepala, 'PUT', path, { reason: 'Arsip fisik' }), 403);
  const put = await call(s.url, admin, 'PUT', path, { reason: 'Arsip masih fisik, belum digital', criteria: { ict_possible: false } });
  assert.equal(put.status, 200, put.text);
  const after = await eligibility(admin, holder.nip);
  assert.equal(after.profile.source, 'correction');
  assert.equal(after.profile.correction.reason, 'Arsip masih fisik, belum digital');
  assert.equal(after.modes.wfa.eligible, false);
  assert.ok(after.modes.wfa.reasons.some((r) => r.rule === 'ict_possible'));
  assert.equal((await eligibility(admin, holder.nip, `?date=${shift(-1)}`)).modes.wfa.eligible, true, 'the past is unchanged');
  const audit = await ok(s.url, admin, '/audit/entries?from=1&limit=1000');
  const actions = (audit.items || audit.entries || []).map((x) => x.action);
  for (const a of ['eligibility.profile.correct', 'eligibility.policy.create', 'eligibility.exception.create',
    'eligibility.exception.revoke']) assert.ok(actions.includes(a), a);
  const rev = await call(s.url, admin, 'PATCH', path, { reason: 'Kembali ke tabel', revert: true });
  assert.equal(rev.status, 200, rev.text);
  assert.equal((await eligibility(admin, holder.nip)).profile.source, 'table');
});

test('exclusions (Pasal 38) and bad input never answer 500', async () => {
  const e = find((x) => x.position.name.startsWith('Perencana') && settled(x), 'a planner');
  assertError(await call(s.url, admin, 'PUT', `/employees/${e.nip}/exclusion`, { group: 'navy', reason: 'uji coba' }), 422);
  const r = await call(s.url, admin, 'PUT', `/employees/${e.nip}/exclusion`, { group: 'polri', reason: 'Diperbantukan ke Polda' });
  assert.equal(r.status, 200, r.text);
  const d = await eligibility(admin, e.nip);
  assertNotEligible(d, 'not_excluded_group');
  assert.equal(d.modes.wfa.reasons[0].basis, 'Permen PANRB 4/2025 Pasal 38');
  assert.equal((await call(s.url, admin, 'DELETE', `/employees/${e.nip}/exclusion`)).status, 200);
  assert.equal((await eligibility(admin, e.nip)).modes.wfa.eligible, true);
  for (const q of ['?date=2026-13-01', '?date=yesterday', '?date=2026-1-1']) {
    assertError(await call(s.url, admin, 'GET', `/employees/${e.nip}/eligibility${q}`), 422, 'invalid', 'date');
  }
  assertError(await call(s.url, admin, 'GET', '/eligibility/summary?format=xml'), 422);
  assertError(await call(s.url, admin, 'POST', `/employees/${e.nip}/discipline-cases`, { status: 'maybe' }), 422);
  assertError(await call(s.url, admin, 'POST', `/employees/${e.nip}/discipline-cases`, { opened_on: '2026-02-31' }), 422);
  assertError(await call(s.url, admin, 'PATCH', '/discipline-cases/999999', { status: 'closed' }), 404);
  assertError(await call(s.url, admin, 'PATCH', '/discipline-cases/abc', { status: 'closed' }), 404);
  assertError(await call(s.url, admin, 'POST', '/eligibility/policies', '{"valid_from": "2030-01-01", "valid_from": "2031-01-01"}'), 400);
  assertError(await call(s.url, admin, 'POST', '/eligibility/policies', { valid_from: today(), note: 'x'.repeat(5000) }), 422);
  const big = { valid_from: today(), unit_overrides: Array.from({ length: 600 }, () => ({ unit: 'BAPPEDA' })) };
  const rb = await call(s.url, admin, 'POST', '/eligibility/policies', big);
  assert.ok(rb.status === 422 || rb.status === 413, rb.text.slice(0, 200));
});

test('positions list the profile in force with its correction (who, when, why), and per-unit corrections', async () => {
  const list = async () => (await ok(s.url, admin, '/eligibility/positions?q=Pranata%20Komputer')).items;
  const pos = (await list())[0];
  assert.ok(pos, 'a Pranata Komputer position');
  assert.equal(pos.source, 'table');
  assert.equal(pos.criteria.ict_possible, true);
  const path = `/eligibility/positions/${pos.id}/profile`;
  const put = await call(s.url, admin, 'PUT', path, { reason: 'Server fisik di ruang data', criteria: { outside_office: false } });
  assert.equal(put.status, 200, put.text);
  const unitPut = await call(s.url, admin, 'PUT', path, { reason: 'Bappeda: semua daring', unit: 'BAPPEDA', family: 'perencanaan' });
  assert.equal(unitPut.status, 200, unitPut.text);
  const now = (await list()).find((p) => p.id === pos.id);
  assert.equal(now.source, 'correction');
  assert.equal(now.criteria.outside_office, false);
  assert.equal(now.correction.reason, 'Server fisik di ruang data');
  assert.equal(now.correction.by, 'admin.bkd');
  assert.match(now.correction.at, /^\d{4}-\d{2}-\d{2}T/);
  assert.equal(now.correction.valid_from, today());
  assert.equal(now.correction.unit, null);
  assert.equal(now.unit_corrections.length, 1);
  assert.equal(now.unit_corrections[0].unit, 'BAPPEDA');
  assert.equal(now.unit_corrections[0].family, 'perencanaan');
  assert.equal(now.unit_corrections[0].correction.reason, 'Bappeda: semua daring');
  // The same profile as a decision for a holder outside Bappeda.
  const holder = everyone.find((x) => x.position.name === pos.name && !underCode(x, 'BAPPEDA'));
  if (holder) assert.deepEqual((await eligibility(admin, holder.nip)).profile.criteria, now.criteria);
  // A later correction of the same scope replaces it; a revert goes back to the table.
  assert.equal((await call(s.url, admin, 'PUT', path, { reason: 'Kembali ke tabel', revert: true })).status, 200);
  assert.equal((await call(s.url, admin, 'PUT', path, { reason: 'Kembali ke tabel', unit: 'BAPPEDA', revert: true })).status, 200);
  const back = (await list()).find((p) => p.id === pos.id);
  assert.equal(back.source, 'table');
  assert.equal(back.correction, undefined);
  assert.equal(back.criteria.outside_office, true);
  assertError(await call(s.url, kepala, 'GET', '/eligibility/positions'), 403);
});

test('a new policy version without unit_overrides keeps the overrides in force; [] clears them; what-if alike', async () => {
  const dinkesOff = (d) => d.modes.wfh.reasons.some((x) => x.rule === 'agency_enabled' && !x.passed);
  const dk = everyone.find((x) => underCode(x, 'DINKES') && settled(x));
  assert.ok(dk, 'someone in DINKES');
  const v1 = await call(s.url, admin, 'POST', '/eligibility/policies',
    { valid_from: today(), unit_overrides: [{ unit: 'DINKES', flexible_work_enabled: false, max_remote_days_per_week: 1 }] });
  assert.equal(v1.status, 201, v1.text);
  assert.ok(dinkesOff(await eligibility(admin, dk.nip)));
  const v2 = await call(s.url, admin, 'POST', '/eligibility/policies', { valid_from: today(), max_share_away_pct: 30 });
  assert.equal(v2.status, 201, v2.text);
  const list = await ok(s.url, admin, '/eligibility/policies');
  assert.equal(list.items[0].version, v2.body.version);
  assert.equal(list.items[0].max_share_away_pct, 30);
  assert.deepEqual(list.items[0].unit_overrides, [{ unit: 'DINKES', flexible_work_enabled: false, modes: null,
    max_remote_days_per_week: 1, max_share_away_pct: null }]);
  const d = await eligibility(admin, dk.nip);
  assert.equal(d.policy_version, v2.body.version);
  assert.ok(dinkesOff(d), 'the DINKES override still applies');
  assert.equal(d.policy.max_remote_days_per_week, 1);
  // What-if: a proposal without unit_overrides keeps them (nothing changes in DINKES) ...
  const keep = await call(s.url, admin, 'POST', '/eligibility/what-if?unit=DINKES', { policy: { max_share_away_pct: 40 } });
  assert.equal(keep.status, 200, keep.text);
  assert.equal(keep.body.changed, 0);
  // ... and an empty list drops them.
  const drop = await call(s.url, admin, 'POST', '/eligibility/what-if?unit=DINKES', { policy: { unit_overrides: [] } });
  assert.equal(drop.status, 200, drop.text);
  assert.ok(drop.body.to_eligible.wfh > 0, JSON.stringify(drop.body.to_eligible));
  const v3 = await call(s.url, admin, 'POST', '/eligibility/policies', { valid_from: today(), unit_overrides: [] });
  assert.equal(v3.status, 201, v3.text);
  assert.deepEqual((await ok(s.url, admin, '/eligibility/policies')).items[0].unit_overrides, []);
  assert.equal(dinkesOff(await eligibility(admin, dk.nip)), false);
});
