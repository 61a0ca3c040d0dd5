// Discipline and disciplinary cases (issue 6 items 2-5) on a real server:
// real dates closed by `fleksi close` (which processes each date's cases
// after closing it), read and acted on through the API.
//
// The demo employees have no check-ins, so everyone without a fixture is
// alpa on every working day. Fixtures (documented SQL, as in
// attendance.test.mjs: the check-in API records the server's own time):
//   P  pegawai.bappeda: alpa 2 and 5 Jan, 450 minutes late on 6 Jan, present after
//   W  alpa 2 and 5 Jan, 449 minutes late on 6 Jan       (the 450-minute boundary)
//   X  no records at all: alpa from 30 Dec 2025 on       (streak across the year, weekend, holiday)
//   V  present 30-31 Dec, alpa from 2 Jan                (deadline let pass -> escalation)
//   Y  present 30-31 Dec, leave on 8 Jan, alpa otherwise (the leave breaks the streak)
//   Z  present 30-31 Dec and from 7 Jan; a leave for 5 Jan added late (recomputation)
// 2026-01-01 and 2026-01-16 are holidays; the working days used are
// 2, 5, 6, 7, 8, 9, 12, 13, 14, 15, 19 and 20 January.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { startServer, login, call, ok, assertError, cli, isPg, allEmployees } from './_helpers.mjs';

let s, admin, kepala, atasan, pegawai, inspektur;
let P, A, K;
let X, V, Y, Z, W;     // employee objects
const byNip = new Map();
const WORK = ['2026-01-02', '2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08', '2026-01-09', '2026-01-12',
  '2026-01-13', '2026-01-14', '2026-01-15', '2026-01-19', '2026-01-20'];
const LADDER = ['teguran_lisan', 'teguran_tertulis', 'pernyataan_tidak_puas', 'potongan_tpp_25_6',
  'potongan_tpp_25_9', 'potongan_tpp_25_12', 'penurunan_jabatan', 'pembebasan_jabatan', 'pemberhentian'];

function sql(text) {
  if (isPg()) execFileSync('psql', [s.dbPath, '-qc', text], { stdio: 'pipe' });
  else execFileSync('sqlite3', [s.dbPath, text], { stdio: 'pipe' });
}

const checkinSql = (nip, date, kind, minute) => `INSERT INTO checkin (employee_id, unit_id, work_date, kind,
  server_ms, local_minute, time_zone, mode, verdict, flag_mask, flags, device_id)
  SELECT id, unit_id, '${date}', '${kind}', 0, ${minute}, 'WIB', 'wfo', 'ok', 0, '[]', 'fixture-${nip}'
  FROM employee WHERE nip = '${nip}';`;
const present = (nip, date) => checkinSql(nip, date, 'in', 7 * 60 + 20) + checkinSql(nip, date, 'out', 16 * 60 + 10);

// Close from..to in pieces of 3 dates with a request between: the CLI
// blocks this process, and a kept-alive connection idle past the server's
// 30 s timeout (slow sanitizer builds) would fail the next request.
async function close(from, to = from) {
  let out = '';
  for (let t = Date.parse(from); t <= Date.parse(to); t += 3 * 86400e3) {
    const a = new Date(t).toISOString().slice(0, 10);
    const b = new Date(Math.min(t + 2 * 86400e3, Date.parse(to))).toISOString().slice(0, 10);
    const r = cli(['close', '--db', s.dbPath, '--from', a, '--to', b], { env: s.env });
    assert.equal(r.status, 0, r.stderr);
    out += r.stdout;
    await call(s.url, null, 'GET', '/healthz');
  }
  return out;
}

const discipline = (auth, nip, year = 2026) => ok(s.url, auth, `/employees/${nip}/discipline?year=${year}`);
const caseOf = async (nip, kind = 'absence') => {
  const b = await ok(s.url, admin, `/cases?nip=${nip}&kind=${kind}&per_page=200`);
  return b.items;
};
const getCase = (auth, id) => ok(s.url, auth, `/cases/${id}`);
const step = (auth, id, body) => call(s.url, auth, 'POST', `/cases/${id}/steps`, body);

before(async () => {
  s = await startServer();
  [admin, kepala, atasan, pegawai, inspektur] = await Promise.all(
    ['admin.bkd', 'kepala.bappeda', 'atasan.bappeda', 'pegawai.bappeda', 'inspektur'].map((u) => login(s.url, u)));
  [P, A, K] = [pegawai, atasan, kepala].map((x) => x.user.nip);
  const all = await allEmployees(s.url, admin);
  for (const e of all) byNip.set(e.nip, e);
  // Five employees without an account whose supervisor also has one, none
  // supervising another of the five.
  const taken = new Set([P, A, K, inspektur.user.nip]);
  const picked = [];
  for (const e of all) {
    const sup = e.supervisor?.nip && byNip.get(e.supervisor.nip);
    if (!sup || !sup.supervisor?.nip || taken.has(e.nip) || taken.has(sup.nip)) continue;
    if (picked.some((p) => p.supervisor.nip === e.nip || e.supervisor.nip === p.nip)) continue;
    // office hours only: a Saturday is a day off for them (shift staff work it)
    const sat = await ok(s.url, admin, `/attendance?nip=${e.nip}&from=2026-01-03&to=2026-01-03`);
    if (sat.items[0]?.status !== 'libur') continue;
    picked.push(e);
    taken.add(e.nip);
    if (picked.length === 5) break;
  }
  assert.equal(picked.length, 5);
  [X, V, Y, Z, W] = picked;
  let fx = present(P, '2025-12-30') + present(P, '2025-12-31');
  fx += checkinSql(P, '2026-01-06', 'in', 15 * 60) + checkinSql(P, '2026-01-06', 'out', 16 * 60 + 5);
  for (const d of WORK.slice(3)) fx += present(P, d);
  fx += present(W.nip, '2025-12-30') + present(W.nip, '2025-12-31');
  fx += checkinSql(W.nip, '2026-01-06', 'in', 14 * 60 + 59) + checkinSql(W.nip, '2026-01-06', 'out', 16 * 60 + 5);
  for (const e of [V, Y, Z]) fx += present(e.nip, '2025-12-30') + present(e.nip, '2025-12-31');
  for (const d of WORK.slice(3)) fx += present(Z.nip, d);
  sql(fx);
  const r = await call(s.url, admin, 'POST', '/leaves', { nip: Y.nip, kind: 'cuti_tahunan', from: '2026-01-08', to: '2026-01-08' });
  assert.equal(r.status, 201, r.text);
});
after(async () => {
  // FLEKSI_TEST_SERVER_LOG=path keeps the server's log for a failed run.
  if (process.env.FLEKSI_TEST_SERVER_LOG && s) writeFileSync(process.env.FLEKSI_TEST_SERVER_LOG, s.log());
  await s?.stop();
});

test('the ladder over closed days: 2 days nothing, 3 days oral reprimand, 450 minutes make a day', async () => {
  const out = await close('2025-12-30', '2026-01-05');
  assert.match(out, /2026-01-01  day-off/);
  assert.match(out, /2026-01-02  working/);
  assert.match(out, /\n  2026-01-05 cases: recomputed \d+/);
  const x = await discipline(admin, X.nip);
  assert.equal(x.nip, X.nip);
  assert.equal(x.year, 2026);
  assert.equal(x.unexcused_days, 2, 'the year starts again on 1 January');
  assert.equal(x.counted_days, 2);
  assert.equal(x.proposed, null);
  assert.equal(x.salary_stop, false);
  assert.equal(x.longest_streak, 4, 'the streak runs on across the year, the weekend and the holiday');
  assert.deepEqual(x.cases, []);
  const x25 = await discipline(admin, X.nip, 2025);
  assert.equal(x25.unexcused_days, 2);
  assert.equal(x25.year, 2025);

  await close('2026-01-06');
  const x3 = await discipline(admin, X.nip);
  assert.equal(x3.unexcused_days, 3);
  assert.deepEqual([x3.proposed.code, x3.proposed.level], ['teguran_lisan', 'ringan']);
  assert.equal(x3.cases.length, 1);
  const c = x3.cases[0];
  assert.equal(c.kind, 'absence');
  assert.equal(c.status, 'open');
  assert.equal(c.opened_on, '2026-01-06');
  assert.equal(c.proposed.code, 'teguran_lisan');
  assert.equal(c.assignee.nip, X.supervisor.nip, 'assigned to the direct supervisor');
  assert.deepEqual(c.next, { action: 'summon', deadline: '2026-01-13', overdue: true });

  const p = await discipline(pegawai, P);
  assert.deepEqual([p.unexcused_days, p.late_early_minutes, p.counted_days], [2, 450, 3]);
  assert.equal(p.proposed.code, 'teguran_lisan');
  assert.equal(p.cases.length, 1);
  const w = await discipline(admin, W.nip);
  assert.deepEqual([w.unexcused_days, w.late_early_minutes, w.counted_days], [2, 449, 2]);
  assert.equal(w.proposed, null);
  assert.deepEqual(w.cases, []);

  assertError(await call(s.url, pegawai, 'GET', `/employees/${X.nip}/discipline`), 403, 'forbidden');
  assertError(await call(s.url, admin, 'GET', `/employees/${X.nip}/discipline?year=20x6`), 422, 'invalid', 'year');
});

test('the steps of a case: state, dates and authority checked; each step recorded', async () => {
  await close('2026-01-07', '2026-01-08');
  const [pc] = await caseOf(P);
  assert.equal(pc.assignee.nip, A);
  // An open case suspends flexible work on the date.
  const el = await ok(s.url, admin, `/employees/${P}/eligibility?date=2026-01-07`);
  for (const m of Object.values(el.modes)) {
    assert.equal(m.eligible, false);
    const r = m.reasons.find((x) => x.rule === 'no_discipline_case' && x.passed === false);
    assert.ok(r, JSON.stringify(m.reasons));
    assert.ok(r.message_en.includes(`case #${pc.id} `) && r.message_id.includes(`kasus #${pc.id} `), 'the decision names the case');
  }
  const id = pc.id;
  assertError(await step(pegawai, id, { action: 'summon', date: '2026-01-07', exam_on: '2026-01-08' }), 403, 'not_assignee');
  assertError(await step(inspektur, id, { action: 'summon', date: '2026-01-07', exam_on: '2026-01-08' }), 403, 'not_assignee');
  assertError(await step(kepala, id, { action: 'summon', date: '2026-01-07', exam_on: '2026-01-08' }), 403, 'not_assignee');
  assertError(await step(atasan, id, { action: 'examine', date: '2026-01-07' }), 409, 'wrong_state');
  assertError(await step(atasan, id, { action: 'summon', date: '2026-01-07', exam_on: '2026-01-20' }), 409, 'exam_too_late', 'exam_on');
  assertError(await step(atasan, id, { action: 'summon', date: '2026-01-07', exam_on: '2026-01-10' }), 409, 'exam_not_working_day', 'exam_on');
  assertError(await step(atasan, id, { action: 'summon', date: '2026-01-07' }), 422, 'invalid', 'exam_on');
  assertError(await step(atasan, id, { action: 'punish', date: '2026-01-07' }), 422, 'invalid', 'action');
  assertError(await step(atasan, id, { action: 'summon', date: '7 Jan', exam_on: '2026-01-08' }), 422, 'invalid', 'date');
  assertError(await step(atasan, id, { action: 'summon', date: '2026-01-05', exam_on: '2026-01-08' }), 409, 'date_order');
  let r = await step(atasan, id, { action: 'summon', date: '2026-01-07', exam_on: '2026-01-19' });
  assert.equal(r.status, 200, r.text);   // the 7th working day after 7 Jan (16 Jan is a holiday)
  assert.equal(r.body.status, 'summoned');
  assert.equal(r.body.exam_on, '2026-01-19');
  // Start over on a fresh summons is not possible; examine too early is refused.
  assertError(await step(atasan, id, { action: 'examine', date: '2026-01-08' }), 409, 'too_early');
  r = await step(atasan, id, { action: 'missed', date: '2026-01-19' });
  assert.equal(r.body.status, 'missed');
  r = await step(atasan, id, { action: 'summon', date: '2026-01-19', exam_on: '2026-01-20' });
  assert.equal(r.body.status, 'summoned_again');
  assert.equal(r.body.summons, 2);
  r = await step(atasan, id, { action: 'examine', date: '2026-01-20', virtual: true, note: 'BAP: pemeriksaan daring' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'examined');
  assert.equal(r.body.decider.nip, A, 'an administrator may impose ringan one level below');
  assert.equal(r.body.next.action, 'decide');
  assertError(await step(kepala, id, { action: 'decide', date: '2026-01-21', sanction_code: 'teguran_lisan' }), 403, 'not_competent');
  assertError(await step(admin, id, { action: 'decide', date: '2026-01-21', sanction_code: 'teguran_lisan' }), 403, 'not_competent');
  assertError(await step(atasan, id, { action: 'decide', date: '2026-01-21', sanction_code: 'hukuman_mati' }), 422, 'invalid', 'sanction_code');
  assertError(await step(atasan, id, { action: 'decide', date: '2026-01-21', sanction_code: 'potongan_tpp_25_6' }), 403, 'not_competent');
  r = await step(atasan, id, { action: 'decide', date: '2026-01-21', sanction_code: 'teguran_lisan' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'decided');
  assert.deepEqual(r.body.sanction, { code: 'teguran_lisan', level: 'ringan', from: '2026-01-21', until: '2026-01-21' });
  assert.deepEqual(r.body.next, { action: 'deliver', deadline: '2026-02-04', overdue: true });
  r = await step(atasan, id, { action: 'deliver', date: '2026-01-22' });
  assert.equal(r.body.status, 'delivered');
  assertError(await step(atasan, id, { action: 'deliver', date: '2026-01-22' }), 409, 'wrong_state');
  r = await step(pegawai, id, { action: 'respond', date: '2026-01-23', note: 'Saya menerima.' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.responded_on, '2026-01-23');
  r = await step(atasan, id, { action: 'close', date: '2026-01-26' });
  assert.equal(r.body.status, 'closed');
  assertError(await step(atasan, id, { action: 'close', date: '2026-01-27' }), 409, 'closed');
  const full = await getCase(pegawai, id);
  assert.deepEqual(full.steps.map((x) => x.action),
    ['open', 'summon', 'missed', 'summon', 'examine', 'decide', 'deliver', 'respond', 'close']);
  assert.equal(full.steps[4].virtual, true);
  assert.equal(full.steps[1].actor, 'atasan.bappeda');
  const cp = await ok(s.url, inspektur, '/audit/checkpoint');
  const items = (await ok(s.url, inspektur, `/audit/entries?from=${Math.max(1, cp.size - 900)}&limit=1000`)).items;
  assert.ok(items.some((e) => e.action === 'case.decide' && e.object === `discipline_case:${id}`), 'steps are audited');
  assert.ok(items.some((e) => e.action === 'cases.process'), 'processing is audited');
  // Letter drafts (domain/letter.h) from the case: both summonses and the decision.
  for (const kind of ['summons', 'summons_again', 'decision']) {
    const l = await call(s.url, atasan, 'GET', `/cases/${id}/letters/${kind}.pdf`);
    assert.equal(l.status, 200, `${kind}: ${l.text.slice(0, 200)}`);
    assert.match(l.headers.get('content-type'), /^application\/pdf/);
    assert.ok(l.text.startsWith('%PDF'), kind);
  }
  assertError(await call(s.url, atasan, 'GET', `/cases/${id}/letters/warning.pdf`), 404, 'not_found');
  assertError(await call(s.url, atasan, 'GET', `/cases/${id}/letters/decision.doc`), 404, 'not_found');
});

test('a leave added late recomputes the year; the case not acted on is withdrawn on the next close', async () => {
  const [zc] = await caseOf(Z.nip);
  assert.equal(zc.status, 'open');
  assert.equal(zc.proposed.code, 'teguran_lisan');
  const r = await call(s.url, admin, 'POST', '/leaves', { nip: Z.nip, kind: 'cuti_sakit', from: '2026-01-05', to: '2026-01-05' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.recomputed_days, 1);
  const z = await discipline(admin, Z.nip);
  assert.deepEqual([z.unexcused_days, z.counted_days, z.proposed], [2, 2, null]);
  await close('2026-01-09');
  const after = await getCase(admin, zc.id);
  assert.equal(after.status, 'withdrawn');
  assert.equal(after.steps.at(-1).action, 'withdraw');
  const el = await ok(s.url, admin, `/employees/${Z.nip}/eligibility?date=2026-01-12`);
  for (const m of Object.values(el.modes))
    assert.ok(!m.reasons.some((x) => x.rule === 'no_discipline_case' && x.passed === false), JSON.stringify(m.reasons));
});

test('a deadline let pass: the case moves up and the supervisor gets an inaction case one step heavier', async () => {
  const out = await close('2026-01-12', '2026-01-14');
  assert.match(out, /  2026-01-14 cases: .*escalated [1-9]/);
  const [vc] = await caseOf(V.nip);
  const S = byNip.get(V.supervisor.nip), T = byNip.get(S.supervisor.nip);
  const c = await getCase(admin, vc.id);
  assert.equal(c.escalations, 1);
  assert.equal(c.assignee.nip, T.nip, 'the next level takes it over');
  assert.deepEqual(c.next, { action: 'summon', deadline: '2026-01-22', overdue: true });  // 5 working days, 16 Jan a holiday
  assert.equal(c.escalation_log.length, 1);
  const e = c.escalation_log[0];
  assert.deepEqual([e.date, e.missed_action, e.deadline, e.from.nip, e.to.nip], ['2026-01-14', 'summon', '2026-01-13', S.nip, T.nip]);
  const inaction = await getCase(admin, e.inaction_case_id);
  assert.equal(inaction.kind, 'supervisor_inaction');
  assert.equal(inaction.nip, S.nip);
  assert.equal(inaction.assignee.nip, T.nip);
  // S let several subordinates' deadlines pass that day: one case answers
  // for all of them (one sanction for several violations), each failure
  // recorded, the first one opening it, each later one joining it.
  const failed = inaction.failures.map((f) => f.case_id);
  assert.ok(failed.includes(vc.id), JSON.stringify(failed));
  assert.equal(failed[0], inaction.against_case_id);
  assert.ok(inaction.failures.every((f) => f.inaction_case_id === inaction.id && f.from.nip === S.nip));
  assert.equal(inaction.steps.filter((x) => x.action === 'open').length, 1);
  assert.equal(inaction.steps.filter((x) => ['join', 'raise'].includes(x.action)).length, failed.length - 1);
  assert.ok(inaction.steps.some((x) => x.note.endsWith(`on case ${vc.id}`)), 'the step names V\'s case');
  const others = await ok(s.url, admin, `/cases?nip=${S.nip}&kind=supervisor_inaction&status=active`);
  assert.equal(others.items.length, 1, 'never a second undecided inaction case against S');
  // The case shows the days counted so far, also when the proposal stays the same.
  const dv = await ok(s.url, admin, `/employees/${V.nip}/discipline?year=2026`);
  assert.equal(c.counted_days, dv.counted_days);
  // V had 8 days by 13 January (written statement of dissatisfaction): at
  // least one step heavier (heavier still when another joined case was).
  assert.ok(LADDER.indexOf(inaction.proposed.code) >= LADDER.indexOf('pernyataan_tidak_puas') + 1, inaction.proposed.code);
  const heaviest = Math.max(...await Promise.all(failed.map(async (id) => LADDER.indexOf((await getCase(admin, id)).proposed.code))));
  assert.equal(LADDER.indexOf(inaction.proposed.code), Math.min(heaviest + 1, LADDER.length - 1), 'one step above the heaviest');
  assert.ok(c.steps.some((x) => x.action === 'escalate'));
  // The supervisor's own list shows the case against him; T's inbox has both.
  const inbox = await ok(s.url, admin, `/cases?assignee=${T.nip}&status=active&per_page=200`);
  assert.ok(inbox.items.some((x) => x.id === vc.id) && inbox.items.some((x) => x.id === inaction.id));
  const against = await ok(s.url, admin, `/cases?nip=${S.nip}&kind=supervisor_inaction`);
  assert.ok(against.items.some((x) => x.id === inaction.id));
});

test('10 consecutive unexcused working days: dismissal proposed, salary stops from the next month', async () => {
  const x = await discipline(admin, X.nip);
  assert.equal(x.unexcused_days, 9);
  assert.equal(x.salary_stop, true, 'Dec 30, 31 and 8 working days of January, across a weekend and a holiday');
  assert.ok(x.longest_streak >= 10);
  assert.equal(x.salary_stop_from, '2026-02-01');
  assert.deepEqual([x.proposed.code, x.proposed.level], ['pemberhentian', 'berat']);
  const [xc] = await caseOf(X.nip);
  assert.equal(xc.salary_stop, true);
  assert.equal(xc.proposed.code, 'pemberhentian');
  const detail = await getCase(admin, xc.id);
  assert.deepEqual(detail.decider, { role: 'admin_bkd' }, 'a dismissal is the Governor\'s: admin_bkd records it');

  await close('2026-01-15', '2026-01-20');
  const y = await discipline(admin, Y.nip);
  assert.equal(y.unexcused_days, 11);
  assert.equal(y.longest_streak, 7, 'the leave on 8 January broke the streak');
  assert.equal(y.salary_stop, false);
  assert.deepEqual([y.proposed.code, y.proposed.level], ['potongan_tpp_25_6', 'sedang']);
  const v = await discipline(admin, V.nip);
  assert.equal(v.longest_streak, 12);
  assert.equal(v.salary_stop, true);
  assert.equal(v.salary_stop_from, '2026-02-01');
  const vd = await getCase(admin, (await caseOf(V.nip))[0].id);
  assert.ok(vd.escalations >= 1);
  assert.deepEqual(vd.decider, { role: 'admin_bkd' }, 'an escalation does not make a head competent for a dismissal');
  // One case per year and kind carries the heaviest proposal (several violations, one sanction).
  const vcs = await caseOf(V.nip);
  assert.equal(vcs.length, 1);
  assert.equal(vcs[0].proposed.code, 'pemberhentian');
});

test('lists are scoped; the inspectorate lists overdue cases; heads see compliance under them', async () => {
  const mine = await ok(s.url, pegawai, '/cases?per_page=200');
  assert.ok(mine.items.length >= 1);
  assert.ok(mine.items.every((c) => c.nip === P || c.assignee?.nip === P), 'an employee sees only their own');
  const [vc] = await caseOf(V.nip);
  assertError(await call(s.url, pegawai, 'GET', `/cases/${vc.id}`), 404, 'not_found');
  assertError(await call(s.url, pegawai, 'GET', `/cases/${vc.id}/letters/summons.pdf`), 404, 'not_found');
  assertError(await call(s.url, admin, 'GET', `/cases/${vc.id}/letters/summons.pdf`), 409, 'not_yet');
  assertError(await call(s.url, admin, 'GET', `/cases/${vc.id}/letters/decision.pdf`), 409, 'not_yet');
  assertError(await step(pegawai, vc.id, { action: 'summon', date: '2026-01-21', exam_on: '2026-01-22' }), 404, 'not_found');
  assertError(await call(s.url, admin, 'GET', '/cases/999999'), 404, 'not_found');
  assertError(await call(s.url, admin, 'GET', '/cases?status=pending'), 422, 'invalid', 'status');
  assertError(await call(s.url, admin, 'GET', '/cases?kind=x'), 422, 'invalid', 'kind');
  assertError(await call(s.url, null, 'GET', '/cases'), 401, 'unauthorized');

  const overdue = await ok(s.url, inspektur, '/cases?overdue=true&per_page=200');
  assert.ok(overdue.total > 0);
  assert.ok(overdue.items.every((c) => c.next && c.next.overdue === true));
  const closed = await ok(s.url, inspektur, '/cases?status=closed');
  assert.ok(closed.items.every((c) => c.status === 'closed'));

  const unit = byNip.get(K).unit?.code || kepala.user.unit_code;
  const comp = await ok(s.url, kepala, '/compliance');
  assert.ok(comp.unit && typeof comp.unit.code === 'string');
  for (const k of ['open_cases', 'overdue_steps', 'escalations', 'inaction_cases']) assert.equal(typeof comp[k], 'number', k);
  assert.ok(comp.open_cases > 0);
  assert.ok(Array.isArray(comp.by_unit) && Array.isArray(comp.overdue) && Array.isArray(comp.recent_escalations));
  assert.equal(typeof comp.by_status.closed, 'number');
  const whole = await ok(s.url, inspektur, '/compliance');
  assert.equal(whole.unit, null);
  assert.ok(whole.escalations > 0 && whole.inaction_cases > 0 && whole.overdue_steps > 0);
  assert.ok(whole.recent_escalations.length > 0);
  assert.ok(whole.open_cases >= comp.open_cases);
  assert.equal(whole.by_unit.reduce((n, u) => n + u.open_cases, 0), whole.open_cases);
  assertError(await call(s.url, pegawai, 'GET', '/compliance'), 403, 'forbidden');
  if (unit) assert.equal((await call(s.url, kepala, 'GET', `/compliance?unit=${unit}`)).status, 200);
  assertError(await call(s.url, admin, 'GET', '/compliance?unit=NOPE'), 404, 'not_found', 'unit');
});

test('closing a date again processes it again without opening anything twice', async () => {
  const before = (await ok(s.url, admin, '/cases?per_page=1')).total;
  const out = await close('2026-01-20');
  assert.match(out, /  2026-01-20 cases: .* opened 0 /);
  assert.equal((await ok(s.url, admin, '/cases?per_page=1')).total, before);
  // An earlier date again: the yearly tallies hold later dates, so the year
  // is summed from the day accounts as of that date; nothing opens, and no
  // case loses the days counted since.
  const counted = async () => (await ok(s.url, admin, '/cases?kind=absence&per_page=200')).items
    .map((c) => `${c.id}:${c.counted_days}:${c.proposed?.code}`).sort();
  const was = await counted();
  const again = await close('2026-01-12');
  assert.match(again, /  2026-01-12 cases: .* opened 0 /);
  assert.deepEqual(await counted(), was);
  // the tallies still agree with the day accounts, day by day
  for (const e of [X, V, Y, Z, W]) {
    const d = await discipline(admin, e.nip);
    const [c] = (await caseOf(e.nip)).filter((x) => ['open', 'summoned', 'missed', 'summoned_again', 'examined'].includes(x.status));
    if (c) assert.equal(c.counted_days, d.counted_days, `${e.nip}: case ${c.id} counts ${c.counted_days}, the year ${d.counted_days}`);
  }
  assert.equal((await ok(s.url, admin, '/cases?per_page=1')).total, before);
});

test('a repeat opens a heavier case; an official who lets the decision pass is answerable too', async () => {
  // P is present from 22 January on; absent on 21 January: the year's 4th day.
  let fx = '';
  for (let t = Date.parse('2026-01-22'); t <= Date.parse('2026-02-13'); t += 86400e3) {
    const d = new Date(t);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) fx += present(P, d.toISOString().slice(0, 10));
  }
  sql(fx);
  await close('2026-01-21');
  const cs = await caseOf(P);
  assert.equal(cs.length, 2, 'never twice for the same days: a new case for the new crossing');
  const [nc] = cs;   // newest first
  assert.equal(nc.opened_on, '2026-01-21');
  assert.equal(nc.proposed.code, 'teguran_tertulis', 'heavier than the reprimand already imposed');
  let r = await step(atasan, nc.id, { action: 'summon', date: '2026-01-22', exam_on: '2026-01-23' });
  assert.equal(r.status, 200, r.text);
  r = await step(atasan, nc.id, { action: 'examine', date: '2026-01-23', note: 'BAP' });
  assert.equal(r.body.next.action, 'decide');
  const dl = r.body.next.deadline;
  const dayAfter = new Date(Date.parse(dl) + 86400e3).toISOString().slice(0, 10);
  const out = await close('2026-01-22', dayAfter);
  assert.match(out, new RegExp(`  ${dayAfter} cases: .*escalated [1-9]`));
  const c = await getCase(admin, nc.id);
  assert.equal(c.escalations, 1);
  const e = c.escalation_log[0];
  assert.deepEqual([e.missed_action, e.deadline, e.from.nip, e.to.nip], ['decide', dl, A, K]);
  assert.equal(c.assignee.nip, K);
  assert.equal(c.decider.nip, K, 'the superior who took the case over decides');
  const inaction = await getCase(admin, e.inaction_case_id);
  assert.equal(inaction.kind, 'official_inaction');
  assert.equal(inaction.nip, A);
  assert.equal(inaction.proposed.code, 'pernyataan_tidak_puas', 'one step heavier than the reprimand he withheld');
  assert.equal(inaction.assignee.nip, K);
  const mine = await ok(s.url, atasan, '/cases?kind=official_inaction');
  assert.ok(mine.items.some((x) => x.id === inaction.id), 'the official sees the case against him');
  assertError(await step(atasan, nc.id, { action: 'decide', date: dayAfter, sanction_code: 'teguran_tertulis' }), 403, 'not_competent');
  r = await step(kepala, nc.id, { action: 'decide', date: dayAfter, sanction_code: 'teguran_tertulis' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'decided');
  assert.equal(r.body.sanction.code, 'teguran_tertulis');
});
