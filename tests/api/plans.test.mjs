// Plans of location-flexible days (issue 4 item 3): asking, the rules that
// refuse (every violated rule listed, 422 for invalid input and 409 for the
// day's situation), approval by the direct supervisor, a stand-in or the
// head of the body with the rules checked again, refusal, cancellation, the
// listing with each pending plan's coverage effect, the unit's roster,
// staffing minimums, office-only days, stand-ins, preferences, access and
// audit entries.
//
// In the 600-employee demo the pegawai's unit (BAPPEDA-B1) holds two people:
// the pegawai and the atasan, who supervises them. With the default share of
// 50% one of the two may be away on a day.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, call, ok, assertError } from './_helpers.mjs';

let s, admin, kepala, atasan, pegawai, inspektur, UNIT;
const weeks = [];        // working days of whole weeks nobody has plans in yet, one list per week
let nextWeek = 0;
const takeWeek = () => weeks[nextWeek++];

const DAY = 86400e3;
const wib = (offsetDays = 0) => new Date(Date.now() + 7 * 3600e3 + offsetDays * DAY).toISOString().slice(0, 10);
const addDays = (date, n) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const mondayOf = (date) => addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));

before(async () => {
  s = await startServer();
  [admin, kepala, atasan, pegawai, inspektur] = await Promise.all(
    ['admin.bkd', 'kepala.bappeda', 'atasan.bappeda', 'pegawai.bappeda', 'inspektur'].map((u) => login(s.url, u)));
  UNIT = (await ok(s.url, pegawai, '/me')).unit.code;
  // The demo seeds plans in the next two weeks; the tests use the weeks after.
  for (const start of [21, 77, 133]) {
    const from = addDays(mondayOf(wib()), start);
    const r = await ok(s.url, admin, `/units/${UNIT}/roster?from=${from}&to=${addDays(from, 55)}`);
    for (let w = 0; w < 8; w++) {
      const days = r.days.slice(w * 7, w * 7 + 5).filter((d) => d.working).map((d) => d.date);
      if (days.length >= 4) weeks.push(days);
    }
  }
  assert.ok(weeks.length >= 14, 'enough working weeks ahead');
});
after(async () => { await s?.stop(); });

const ask = (auth, date, mode = 'wfh', extra = {}) =>
  call(s.url, auth, 'POST', '/plans', { nip: (extra.who || auth).user.nip, date, mode, ...extra, who: undefined });
const act = (auth, id, what, body) => call(s.url, auth, 'POST', `/plans/${id}/${what}`, body);
const rules = (r) => r.body.violations.map((v) => v.rule);
const BOGOR = { address: 'Jl. Pajajaran No. 10, Bogor', lat: -6.5971, lon: 106.806 };

async function asked(auth, date, mode = 'wfh', extra = {}) {
  const r = await ask(auth, date, mode, extra);
  assert.equal(r.status, 201, r.text);
  return r.body;
}

test('asking: 201 with the plan; wfa with its place; kantor_lain with an office', async () => {
  const [mon, tue, wed] = takeWeek();
  const p = await asked(pegawai, mon);
  assert.equal(p.status, 'requested');
  assert.equal(p.mode, 'wfh');
  assert.equal(p.date, mon);
  assert.equal(p.nip, pegawai.user.nip);
  assert.equal(p.unit.code, UNIT);
  assert.equal(p.requested_by, 'pegawai.bappeda');
  assert.equal(p.location, null);
  assert.equal(p.coverage.unit_staff, 2);
  const a = await asked(atasan, tue, 'wfa', { location: BOGOR });
  assert.deepEqual(a.location, { ...BOGOR, unit: null });
  const k = await asked(pegawai, wed, 'kantor_lain', { location: { unit: 'BKD' } });
  assert.equal(k.location.unit, 'BKD');
  const got = await ok(s.url, pegawai, `/plans/${k.id}`);
  assert.equal(got.id, k.id);
});

test('invalid requests: 422 listing every rule broken, with the numbers in the messages', async () => {
  const yesterday = wib(-1);
  const saturday = addDays(mondayOf(wib()), 7 * 30 + 5);   /* a week no test uses */
  let r = await ask(pegawai, saturday, 'wfa');
  assertError(r, 422, 'plan_invalid', 'date');
  assert.deepEqual(rules(r), ['working_day', 'wfa_place']);
  assert.match(r.body.violations[0].message_id, /bukan hari kerja \(Sabtu\)/);
  assert.match(r.body.violations[0].message_en, /not a working day \(Saturday\)/);
  r = await ask(pegawai, yesterday, 'kantor_lain', { location: { unit: 'NO-SUCH-OFFICE' } });
  assertError(r, 422, 'plan_invalid');
  assert.ok(rules(r).includes('not_past'), r.text);
  assert.ok(rules(r).includes('kantor_lain_place'), r.text);
  assert.match(r.body.violations.find((v) => v.rule === 'not_past').message_en, /in the past \(today is \d{4}-\d\d-\d\d, WIB\)/);
  // A place outside Indonesia is no place for wfa.
  const [day] = takeWeek();
  r = await ask(pegawai, day, 'wfa', { location: { address: 'Orchard Road, Singapore', lat: 1.30, lon: 103.83 } });
  assert.equal(r.status, 201, 'Singapore lies inside the generous bounding box of Indonesia (geo.h)');
  r = await ask(pegawai, addDays(day, 1), 'wfa', { location: { address: 'Sydney', lat: -33.87, lon: 151.21 } });
  assertError(r, 422, 'plan_invalid', 'location');
  assert.deepEqual(rules(r), ['wfa_place']);
  // Malformed bodies never reach the rules.
  assertError(await ask(pegawai, '2026-02-30'), 422, 'invalid', 'date');
  assertError(await ask(pegawai, wib(400)), 422, 'too_far', 'date');
  assertError(await ask(pegawai, day, 'beach'), 422, 'invalid', 'mode');
  assertError(await ask(pegawai, day, 'wfa', { location: { lat: -6.2 } }), 422, 'invalid', 'location');
  assertError(await ask(pegawai, day, 'wfa', { location: { address: 5 } }), 422, 'wrong_type', 'location');
  assertError(await ask(pegawai, day, 'wfa', { location: { city: 'Bogor' } }), 422, 'unknown_field', 'location');
  assertError(await call(s.url, pegawai, 'POST', '/plans', { nip: pegawai.user.nip, date: day }), 422, 'missing_field', 'mode');
  assertError(await call(s.url, pegawai, 'POST', '/plans', 'nope'), 400);
  assertError(await call(s.url, admin, 'POST', '/plans', { nip: '199901012020011999', date: day, mode: 'wfh' }), 404, 'not_found', 'nip');
});

test('conflicts: weekly cap, duplicate, share away, minimum on site, office-only day, all listed (409)', async () => {
  const [mon, tue, wed, thu] = takeWeek();
  await asked(pegawai, mon);
  await asked(pegawai, tue);
  // The third day of the ISO week: requested plans count for the person's own cap.
  let r = await ask(pegawai, wed);
  assertError(r, 409, 'plan_conflict', 'date');
  assert.deepEqual(rules(r), ['weekly_cap']);
  assert.match(r.body.violations[0].message_id, /Batas 2 hari .* sudah berisi 2 hari/);
  r = await ask(pegawai, mon);
  assert.deepEqual(rules(r), ['one_per_day'], 'the plan of that very day is not counted twice');
  // The atasan is away on Thursday (approved by the head); the pegawai's wish
  // for Thursday would leave nobody on site: share, minimum and office-only.
  const boss = await asked(atasan, thu);
  assert.equal((await act(kepala, boss.id, 'approve')).status, 200);
  const put = await call(s.url, kepala, 'PUT', `/units/${UNIT}/staffing`, { min_on_site: 1, min_on_site_per_hour: 0 });
  assert.equal(put.status, 200, put.text);
  assert.equal((await call(s.url, kepala, 'PUT', `/units/${UNIT}/office-days/${thu}`, { reason: 'Rapat kerja tahunan' })).status, 200);
  r = await ask(atasan, wed);   // the atasan's own week: Thursday plus Wednesday is fine for the cap
  assert.equal(r.status, 201, r.text);
  r = await ask(pegawai, thu);
  assertError(r, 409, 'plan_conflict');
  assert.deepEqual(rules(r), ['weekly_cap', 'share_away', 'min_on_site', 'office_only']);
  const share = r.body.violations.find((v) => v.rule === 'share_away');
  assert.match(share.message_en, /would be 2 of 2 \(100%\), above the limit of 50% \(at most 1 people\)/);
  assert.match(r.body.violations.find((v) => v.rule === 'min_on_site').message_en, /drop to 0, below the minimum of 1/);
  assert.deepEqual(r.body.coverage, { on_site_if_approved: 0, minimum: 1, unit_staff: 2, share_away_if_approved_pct: 100,
    max_share_away_pct: 50, ok: false });
  // A 422 and a 409 rule together answer 422 with both listed.
  r = await ask(pegawai, thu, 'wfa');
  assertError(r, 422, 'plan_invalid', 'location');
  assert.ok(rules(r).includes('wfa_place') && rules(r).includes('office_only'), r.text);
  await call(s.url, kepala, 'DELETE', `/units/${UNIT}/office-days/${thu}`);
  await call(s.url, kepala, 'PUT', `/units/${UNIT}/staffing`, { min_on_site: 0, min_on_site_per_hour: 0 });
});

test('the ISO week is Monday to Sunday: plans of the week before do not count', async () => {
  const a = takeWeek(), b = takeWeek();
  // Two days at the end of one week and two at the start of the next (if adjacent).
  await asked(pegawai, a.at(-1));
  await asked(pegawai, a.at(-2));
  await asked(pegawai, b[0]);
  await asked(pegawai, b[1]);
  const r = await ask(pegawai, b[2]);
  assert.deepEqual(rules(r), ['weekly_cap']);
  assert.match(r.body.violations[0].message_en, /ISO week \d+\/\d{4} already holds 2/);
});

test('approval: the direct supervisor approves; the rules are checked again and may now refuse (409)', async () => {
  const [mon, tue] = takeWeek();
  const mine = await asked(pegawai, mon);
  const boss = await asked(atasan, mon);   // asking counts approved plans only for coverage: both may ask
  const q = await ok(s.url, atasan, `/plans?approver=me&status=requested&from=${mon}&to=${mon}`);
  const item = q.items.find((x) => x.id === mine.id);
  assert.ok(item, JSON.stringify(q));
  assert.deepEqual(item.coverage, { on_site_if_approved: 1, minimum: 0, unit_staff: 2, share_away_if_approved_pct: 50,
    max_share_away_pct: 50, ok: true });
  assert.deepEqual(item.actions, ['approve', 'refuse']);
  assert.ok(!q.items.some((x) => x.id === boss.id), 'nobody approves their own plan');
  const own = (await ok(s.url, pegawai, `/plans?from=${mon}&to=${mon}`)).items.find((x) => x.id === mine.id);
  assert.deepEqual(own.actions, ['cancel']);
  assert.deepEqual((await ok(s.url, kepala, `/plans/${boss.id}`)).actions, ['approve', 'refuse'], 'the head of the body decides');
  let r = await act(atasan, mine.id, 'approve');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'approved');
  assert.equal(r.body.decided_by, 'atasan.bappeda');
  assertError(await act(atasan, mine.id, 'approve'), 409, 'invalid_state');
  // Circumstances changed: the pegawai is away now, so the atasan's plan breaks the share.
  const cov = (await ok(s.url, kepala, `/plans?unit=${UNIT}&status=requested&from=${mon}&to=${mon}`)).items.find((x) => x.id === boss.id);
  assert.equal(cov.coverage.ok, false);
  assert.equal(cov.coverage.share_away_if_approved_pct, 100);
  r = await act(kepala, boss.id, 'approve');
  assertError(r, 409, 'plan_conflict');
  assert.deepEqual(rules(r), ['share_away']);
  assert.equal((await ok(s.url, kepala, `/plans/${boss.id}`)).status, 'requested', 'a refused approval changes nothing');
  // Never one's own; a colleague without authority neither.
  assertError(await act(atasan, boss.id, 'approve'), 403);
  const other = await asked(pegawai, tue);
  assertError(await act(pegawai, other.id, 'approve'), 403);
  assertError(await act(inspektur, other.id, 'approve'), 403);
  assertError(await act(admin, other.id, 'approve'), 403);
  assertError(await act(atasan, 999999, 'approve'), 404);
});

test('refusal needs a reason; cancellation by the employee before the date', async () => {
  const [mon, tue] = takeWeek();
  const p = await asked(pegawai, mon);
  assertError(await act(atasan, p.id, 'refuse', {}), 422, 'missing_field', 'reason');
  let r = await act(atasan, p.id, 'refuse', { reason: 'Ada rapat koordinasi tatap muka.' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'refused');
  assert.equal(r.body.refusal_reason, 'Ada rapat koordinasi tatap muka.');
  assertError(await act(atasan, p.id, 'refuse', { reason: 'lagi' }), 409, 'invalid_state');
  // A refused plan does not block asking again for that day.
  const again = await asked(pegawai, mon);
  assertError(await act(atasan, again.id, 'cancel'), 403);
  r = await act(pegawai, again.id, 'cancel');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'cancelled');
  assertError(await act(pegawai, again.id, 'cancel'), 409, 'invalid_state');
  const ok2 = await asked(pegawai, tue);
  assert.equal((await act(atasan, ok2.id, 'approve')).status, 200);
  assert.equal((await act(pegawai, ok2.id, 'cancel')).body.status, 'cancelled', 'an approved plan may be cancelled too');
});

test('a stand-in named by the supervisor approves while the period covers today', async () => {
  const [mon] = takeWeek();
  const p = await asked(pegawai, mon);
  assertError(await act(inspektur, p.id, 'approve'), 403);
  const body = { approver: atasan.user.nip, stand_in: inspektur.user.nip, from: wib(5), to: wib(9) };
  // Not yet valid: still refused.
  let r = await call(s.url, atasan, 'POST', '/stand-ins', body);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.approver.nip, atasan.user.nip);
  assertError(await act(inspektur, p.id, 'approve'), 403);
  // Only the approver, the head of the body or admin name a stand-in.
  assertError(await call(s.url, pegawai, 'POST', '/stand-ins', { ...body, from: wib(0) }), 403);
  assertError(await call(s.url, atasan, 'POST', '/stand-ins', { ...body, to: wib(1) }), 422, 'invalid', 'to');
  assertError(await call(s.url, atasan, 'POST', '/stand-ins', { ...body, stand_in: atasan.user.nip }), 422);
  r = await call(s.url, kepala, 'POST', '/stand-ins', { ...body, from: wib(-1), to: wib(3) });
  assert.equal(r.status, 201, r.text);
  const list = await ok(s.url, atasan, '/stand-ins');
  assert.ok(list.items.length >= 2);
  const queue = await ok(s.url, inspektur, '/plans?approver=me&status=requested');
  assert.deepEqual(queue.items.find((x) => x.id === p.id)?.actions, ['approve', 'refuse'], 'the stand-in sees the queue');
  r = await act(inspektur, p.id, 'approve');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.decided_by, 'inspektur');
});

test('per service hour: a face-to-face unit keeps its minimum at every hour', async () => {
  const [mon] = takeWeek();
  const patch = await call(s.url, admin, 'PATCH', `/units/${UNIT}`, { face_to_face: true, service_open: '08:00', service_close: '15:00' });
  assert.equal(patch.status, 200, patch.text);
  try {
    assert.equal((await call(s.url, kepala, 'PUT', `/units/${UNIT}/staffing`, { min_on_site: 0, min_on_site_per_hour: 2 })).status, 200);
    // Face-to-face duties are not eligible for wfh: first the reason, then an exception by the head.
    let r = await ask(pegawai, mon);
    assertError(r, 422, 'plan_invalid', 'mode');
    assert.deepEqual(rules(r), ['eligible', 'min_on_site_per_hour']);
    assert.match(r.body.violations[0].message_en, /face-to-face/);
    const grant = await call(s.url, kepala, 'POST', `/employees/${pegawai.user.nip}/eligibility/exceptions`,
      { decision: 'grant', justification: 'Tugas perencanaan dapat dikerjakan dari rumah.', valid_until: addDays(mon, 1) });
    assert.equal(grant.status, 201, grant.text);
    r = await ask(pegawai, mon);
    assertError(r, 409, 'plan_conflict');
    assert.deepEqual(rules(r), ['min_on_site_per_hour']);
    assert.match(r.body.violations[0].message_en, /Service hour 08:00-09:00 on .* staffed by 1, below the minimum of 2 per hour \(7 hours short\)/);
    const roster = await ok(s.url, atasan, `/units/${UNIT}/roster?from=${mon}&to=${mon}`);
    assert.equal(roster.unit.service_open, '08:00');
    assert.equal(roster.days[0].hours.length, 7);
    assert.equal(roster.days[0].hour_minimum, 2);
    assert.equal(roster.days[0].gaps, 0, 'two on site: no gap');
    // With a minimum of 1 the same plan passes.
    await call(s.url, kepala, 'PUT', `/units/${UNIT}/staffing`, { min_on_site: 0, min_on_site_per_hour: 1 });
    await asked(pegawai, mon);
  } finally {
    await call(s.url, kepala, 'PUT', `/units/${UNIT}/staffing`, { min_on_site: 0, min_on_site_per_hour: 0 });
    await call(s.url, admin, 'PATCH', `/units/${UNIT}`, { face_to_face: false, service_open: null, service_close: null });
  }
});

test('the roster: people x days with states and per-day counts; who may read it', async () => {
  const [mon, tue] = takeWeek();
  const p = await asked(pegawai, mon);
  await act(atasan, p.id, 'approve');
  await asked(pegawai, tue, 'wfa', { location: BOGOR });
  const sat = addDays(mondayOf(mon), 5);
  const r = await ok(s.url, atasan, `/units/${UNIT}/roster?from=${mon}&to=${sat}`);
  assert.equal(r.unit.code, UNIT);
  assert.equal(r.from, mon);
  assert.equal(r.days.length, 6);
  const me = r.people.find((x) => x.nip === pegawai.user.nip);
  const boss = r.people.find((x) => x.nip === atasan.user.nip);
  assert.equal(me.cells[0], 'wfh');
  assert.equal(me.cells[1], 'requested:wfa');
  assert.equal(boss.cells[0], 'office');
  assert.equal(me.cells[5], 'off');
  assert.deepEqual([r.days[0].staff, r.days[0].on_site, r.days[0].away, r.days[0].max_away], [2, 1, 1, 1]);
  assert.equal(r.days[1].requested, 1);
  assert.equal(r.days[5].working, false);
  await ok(s.url, kepala, `/units/${UNIT}/roster`);
  await ok(s.url, inspektur, `/units/${UNIT}/roster`);
  assertError(await call(s.url, pegawai, 'GET', `/units/${UNIT}/roster`), 403);
  assertError(await call(s.url, atasan, 'GET', '/units/BKD/roster'), 403);
  assertError(await call(s.url, kepala, 'GET', `/units/${UNIT}/roster?from=${mon}&to=${addDays(mon, 90)}`), 422, 'invalid', 'to');
  assertError(await call(s.url, kepala, 'GET', '/units/NO-SUCH/roster'), 404);
});

test('listing is scoped by role', async () => {
  const mine = await ok(s.url, pegawai, '/plans');
  assert.ok(mine.items.length > 0);
  assert.ok(mine.items.every((x) => x.nip === pegawai.user.nip));
  const boss = await ok(s.url, atasan, '/plans');
  assert.ok(boss.items.some((x) => x.nip === pegawai.user.nip) && boss.items.some((x) => x.nip === atasan.user.nip));
  const head = await ok(s.url, kepala, '/plans?unit=BAPPEDA&status=approved');
  assert.ok(head.items.length > 0 && head.items.every((x) => x.status === 'approved'));
  const outside = await ok(s.url, kepala, '/plans?unit=BKD');
  assert.equal(outside.items.length, 0);
  const all = await ok(s.url, inspektur, `/plans?nip=${pegawai.user.nip}&from=${wib(0)}`);
  assert.ok(all.items.every((x) => x.date >= wib(0)));
  assertError(await call(s.url, pegawai, 'GET', '/plans?status=maybe'), 422, 'invalid', 'status');
  assertError(await call(s.url, pegawai, 'GET', '/plans?from=2026-13-01'), 422, 'invalid', 'from');
  assertError(await call(s.url, pegawai, 'GET', '/plans?unit=NO-SUCH'), 404, 'unknown_unit');
  assertError(await call(s.url, null, 'GET', '/plans'), 401);
});

test('who may ask: the employee for themself or admin_bkd', async () => {
  const [mon] = takeWeek();
  assertError(await ask(atasan, mon, 'wfh', { who: pegawai }), 403);
  assertError(await ask(kepala, mon, 'wfh', { who: pegawai }), 403);
  assertError(await call(s.url, null, 'POST', '/plans', { nip: pegawai.user.nip, date: mon, mode: 'wfh' }), 401);
  const r = await call(s.url, admin, 'POST', '/plans', { nip: pegawai.user.nip, date: mon, mode: 'wfh' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.requested_by, 'admin.bkd');
});

test('staffing, office-only days and preferences: who may set them', async () => {
  assertError(await call(s.url, atasan, 'PUT', `/units/${UNIT}/staffing`, { min_on_site: 1, min_on_site_per_hour: 0 }), 403);
  assertError(await call(s.url, kepala, 'PUT', '/units/BKD/staffing', { min_on_site: 1, min_on_site_per_hour: 0 }), 403);
  assertError(await call(s.url, kepala, 'PUT', `/units/${UNIT}/staffing`, { min_on_site: -1, min_on_site_per_hour: 0 }), 422);
  assertError(await call(s.url, kepala, 'PUT', `/units/${UNIT}/staffing`, { min_on_site: 1 }), 422, 'missing_field');
  let r = await call(s.url, admin, 'PUT', '/units/BKD/staffing', { min_on_site: 3, min_on_site_per_hour: 1 });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body, { unit: 'BKD', face_to_face: r.body.face_to_face, set: true, min_on_site: 3, min_on_site_per_hour: 1 });
  assert.equal((await ok(s.url, pegawai, '/units/BKD/staffing')).min_on_site, 3);
  // Office-only days set on the body apply to every unit below it.
  const day = wib(40);
  assertError(await call(s.url, atasan, 'PUT', `/units/BAPPEDA/office-days/${day}`, { reason: 'HUT Bappeda' }), 403);
  assertError(await call(s.url, kepala, 'PUT', '/units/BAPPEDA/office-days/2026-02-30', { reason: 'HUT Bappeda' }), 422, 'invalid', 'date');
  assertError(await call(s.url, kepala, 'PUT', `/units/BAPPEDA/office-days/${day}`, {}), 422, 'missing_field', 'reason');
  r = await call(s.url, kepala, 'PUT', `/units/BAPPEDA/office-days/${day}`, { reason: 'HUT Bappeda' });
  assert.equal(r.status, 200, r.text);
  const list = await ok(s.url, pegawai, `/units/${UNIT}/office-days?from=${wib(0)}&to=${wib(60)}`);
  assert.deepEqual(list.items.map((x) => [x.date, x.reason, x.set_by_unit]), [[day, 'HUT Bappeda', 'BAPPEDA']]);
  assert.equal((await call(s.url, kepala, 'DELETE', `/units/BAPPEDA/office-days/${day}`)).status, 200);
  assertError(await call(s.url, kepala, 'DELETE', `/units/BAPPEDA/office-days/${day}`), 404);
  // Preferences: the employee's own.
  assertError(await call(s.url, atasan, 'PUT', `/employees/${pegawai.user.nip}/plan-preferences`, { weekdays: [1] }), 403);
  assertError(await call(s.url, pegawai, 'PUT', `/employees/${pegawai.user.nip}/plan-preferences`, { weekdays: [8] }), 422, 'invalid', 'weekdays');
  r = await call(s.url, pegawai, 'PUT', `/employees/${pegawai.user.nip}/plan-preferences`, { weekdays: [5, 1], max_days_month: 4 });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body, { nip: pegawai.user.nip, weekdays: [1, 5], max_days_month: 4 });
  r = await call(s.url, pegawai, 'PUT', `/employees/${pegawai.user.nip}/plan-preferences`, { weekdays: [2], max_days_month: null });
  assert.deepEqual(r.body.max_days_month, null);
  assert.deepEqual((await ok(s.url, atasan, `/employees/${pegawai.user.nip}/plan-preferences`)).weekdays, [2]);
});

test('every change is in the audit log', async () => {
  const audit = await ok(s.url, admin, '/audit/entries?from=1&limit=1000');
  const actions = new Set(audit.items.map((x) => x.action));
  for (const a of ['plan.request', 'plan.approve', 'plan.refuse', 'plan.cancel', 'unit.staffing', 'unit.office_day.set',
    'unit.office_day.delete', 'plan.stand_in', 'employee.plan_preferences', 'demo.plans']) assert.ok(actions.has(a), a);
  assert.ok(audit.items.some((x) => x.action === 'plan.approve' && x.actor === 'inspektur' && x.object.startsWith('plan:')));
});

test('approved special circumstances lift the weekly cap for their period only', async () => {
  const week = takeWeek();
  const later = takeWeek();
  await asked(pegawai, week[0]);
  await asked(pegawai, week[1]);
  assert.deepEqual(rules(await ask(pegawai, week[2])), ['weekly_cap']);
  const req = await call(s.url, pegawai, 'POST', '/special-requests', {
    reason: 'Pendampingan orang tua yang dirawat di rumah setelah operasi.', period_from: week[0], period_to: week.at(-1),
    work_plan: [{ output: 'Draf RKPD bab 3' }] });
  assert.equal(req.status, 201, req.text);
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
  const up = await call(s.url, pegawai, 'POST', `/special-requests/${req.body.id}/evidence`, pdf, { 'content-type': 'application/pdf' });
  assert.equal(up.status, 201, up.text);
  assert.equal((await call(s.url, pegawai, 'POST', `/special-requests/${req.body.id}/submit`)).status, 200);
  const yes = await call(s.url, kepala, 'POST', `/special-requests/${req.body.id}/approve`, { note: 'Disetujui untuk periode ini.' });
  assert.equal(yes.status, 200, yes.text);
  await asked(pegawai, week[2]);
  // The week after is outside the period: the cap holds again.
  await asked(pegawai, later[0]);
  await asked(pegawai, later[1]);
  assert.deepEqual(rules(await ask(pegawai, later[2])), ['weekly_cap']);
});

test('eligibility on the date: an open disciplinary case refuses with its reason (422)', async () => {
  const [mon] = takeWeek();
  const opened = await call(s.url, admin, 'POST', `/employees/${pegawai.user.nip}/discipline-cases`, { note: 'absen 3 hari' });
  assert.equal(opened.status, 201, opened.text);
  const r = await ask(pegawai, mon);
  assertError(r, 422, 'plan_invalid', 'mode');
  assert.deepEqual(rules(r), ['eligible']);
  assert.match(r.body.violations[0].message_en, /^Not eligible for wfh on \d{4}-\d\d-\d\d: .+/);
  assert.match(r.body.violations[0].message_en, /disciplin/i);
  await call(s.url, admin, 'PATCH', `/discipline-cases/${opened.body.id}`, { status: 'closed', closed_on: wib(0) });
});
