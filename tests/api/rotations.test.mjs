// Rotations (issue 4 item 4): the head of a body proposes who of a unit
// works away on which day over a period; coverage first, then the weekly cap
// and the share, then fairness; an infeasible unit reports its gaps; the head
// edits the draft (each edit checked against the hard rules, a refusal
// naming its rule) and publishes it once: its days become approved plans.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, call, ok, assertError, cli } from './_helpers.mjs';

let s, admin, kepala, atasan, pegawai, inspektur;
before(async () => {
  s = await startServer();
  [admin, kepala, atasan, pegawai, inspektur] = await Promise.all(
    ['admin.bkd', 'kepala.bappeda', 'atasan.bappeda', 'pegawai.bappeda', 'inspektur'].map((u) => login(s.url, u)));
});
after(async () => { await s?.stop(); });

// A month well ahead of the demo's sample plans, on every machine's clock.
const FROM = '2027-03-01';
const TO = '2027-03-31';
const propose = (auth, body) => call(s.url, auth, 'POST', '/rotations', body);
const patch = (auth, id, set) => call(s.url, auth, 'PATCH', `/rotations/${id}`, { set });
const publish = (auth, id) => call(s.url, auth, 'POST', `/rotations/${id}/publish`);
const isoMonday = (date) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
};
// The newest audit entries (the last 1000): the checkpoint gives the size.
async function auditEntries() {
  const size = (await ok(s.url, admin, '/audit/checkpoint')).size;
  return (await ok(s.url, admin, `/audit/entries?from=${Math.max(1, size - 999)}&limit=1000`)).items;
}
const weekday = (date) => new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 Sunday .. 6 Saturday

// The hard rules, recounted from the reply: nobody away on a weekend, at most
// 2 days per ISO week per person, on-site never below a day's minimum because
// of a proposal, and the counts add up.
function checkProposal(r) {
  assert.equal(r.days.length, 31);
  assert.equal(r.days[0].date, FROM);
  assert.equal(r.days.at(-1).date, TO);
  const perWeek = new Map();
  for (const d of r.days) {
    const proposed = d.away.filter((a) => !a.fixed);
    if ([0, 6].includes(weekday(d.date))) assert.equal(proposed.length, 0, `weekend ${d.date}`);
    if (proposed.length) assert.ok(d.on_site >= d.minimum, `${d.date}: on site ${d.on_site} < ${d.minimum}`);
    for (const a of d.away) {
      assert.match(a.nip, /^\d{18}$/);
      assert.ok(['wfh', 'wfa', 'kantor_lain'].includes(a.mode));
      const k = `${a.nip} ${isoMonday(d.date)}`;
      perWeek.set(k, (perWeek.get(k) || 0) + 1);
    }
  }
  for (const [k, n] of perWeek) assert.ok(n <= 2, `${k}: ${n} days in one week`);
  const total = r.days.reduce((n, d) => n + d.away.length, 0);
  assert.equal(r.people.reduce((n, p) => n + p.days, 0), total);
  for (const p of r.people) {
    assert.equal(p.cells.length, 31);
    assert.equal(p.cells.filter(Boolean).length, p.days);
    assert.equal(typeof p.asked_fewer, 'boolean');
  }
}

let draft;
test('propose: the head gets a fair draft for a unit of their body', async () => {
  const r = await propose(kepala, { unit: 'BAPPEDA', from: FROM, to: TO });
  assert.equal(r.status, 201, r.text);
  draft = r.body;
  assert.equal(draft.unit, 'BAPPEDA');
  assert.equal(draft.status, 'draft');
  assert.equal(draft.from, FROM);
  assert.equal(draft.to, TO);
  assert.equal(draft.created_by, 'kepala.bappeda');
  assert.ok(Number.isInteger(draft.id) && draft.id > 0);
  checkProposal(draft);
  assert.ok(draft.proposed_days > 0, 'someone may work away');
  assert.equal(draft.coverage_met, true);
  assert.deepEqual(draft.gaps, []);
  assert.ok(draft.fairness_spread <= 1, `spread ${draft.fairness_spread}`);
  const counts = draft.people.filter((p) => p.days > 0).map((p) => p.days);
  assert.ok(Math.max(...counts) - Math.min(...counts) <= 1, `days per person ${counts}`);
  // the same proposal read back, and listed
  const g = await ok(s.url, kepala, `/rotations/${draft.id}`);
  assert.deepEqual(g.days, draft.days);
  assert.deepEqual(g.people, draft.people);
  const list = await ok(s.url, kepala, '/rotations?unit=BAPPEDA');
  const item = list.items.find((x) => x.id === draft.id);
  assert.equal(item.status, 'draft');
  assert.equal(item.fairness_spread, draft.fairness_spread);
  assert.equal(item.coverage_met, true);
  // proposing is deterministic for the same data
  const again = await propose(kepala, { unit: 'BAPPEDA', from: FROM, to: TO });
  assert.equal(again.status, 201);
  assert.deepEqual(again.body.days, draft.days);
  // the audit log records the proposal
  const audit = await auditEntries();
  assert.ok(audit.some((e) => e.action === 'rotation.propose' && e.object === `rotation:${draft.id}`));
});

test('propose: bad input is refused with the field named', async () => {
  assertError(await propose(kepala, { unit: 'BAPPEDA', from: '2027-02-30', to: TO }), 422, 'invalid', 'from');
  assertError(await propose(kepala, { unit: 'BAPPEDA', from: FROM, to: 'soon' }), 422, 'invalid', 'to');
  assertError(await propose(kepala, { unit: 'BAPPEDA', from: TO, to: FROM }), 422, 'invalid_period', 'to');
  assertError(await propose(kepala, { unit: 'BAPPEDA', from: '2027-03-01', to: '2027-05-02' }), 422, 'invalid_period', 'to');
  assertError(await propose(kepala, { unit: 'NOPE', from: FROM, to: TO }), 422, 'unknown_unit', 'unit');
  assertError(await propose(kepala, { unit: 'BAPPEDA', from: FROM }), 422, 'missing_field', 'to');
  assertError(await propose(kepala, { unit: 'BAPPEDA', from: FROM, to: TO, colour: 1 }), 422, 'unknown_field');
  assertError(await propose(kepala, { unit: 7, from: FROM, to: TO }), 422, 'wrong_type', 'unit');
  assertError(await propose(kepala, 'not json'), 400);
  assertError(await call(s.url, kepala, 'GET', '/rotations/abc'), 404);
  assertError(await call(s.url, kepala, 'GET', '/rotations/999999'), 404);
});

test('access: only the head of the body or admin BKD proposes and edits; readers read', async () => {
  for (const who of [pegawai, atasan, inspektur]) assertError(await propose(who, { unit: 'BAPPEDA', from: FROM, to: TO }), 403);
  assertError(await propose(null, { unit: 'BAPPEDA', from: FROM, to: TO }), 401);
  assertError(await propose(kepala, { unit: 'BKD', from: FROM, to: TO }), 403);   // not their body
  const bkd = await propose(admin, { unit: 'BKD', from: FROM, to: TO });
  assert.equal(bkd.status, 201, bkd.text);
  assertError(await call(s.url, kepala, 'GET', `/rotations/${bkd.body.id}`), 403);
  assertError(await patch(kepala, bkd.body.id, [{ nip: bkd.body.people[0].nip, date: FROM, mode: null }]), 403);
  assertError(await publish(kepala, bkd.body.id), 403);
  assertError(await call(s.url, kepala, 'GET', '/rotations?unit=BKD'), 403);
  for (const who of [pegawai, atasan]) {
    assertError(await call(s.url, who, 'GET', `/rotations/${draft.id}`), 403);
    assertError(await patch(who, draft.id, [{ nip: draft.people[0].nip, date: FROM, mode: null }]), 403);
    assertError(await publish(who, draft.id), 403);
  }
  assertError(await patch(inspektur, draft.id, [{ nip: draft.people[0].nip, date: FROM, mode: null }]), 403);
  assert.equal((await ok(s.url, inspektur, `/rotations/${draft.id}`)).id, draft.id);
  assert.ok((await ok(s.url, admin, '/rotations')).items.length >= 2);
});

test('edit: a valid edit is kept; an edit that breaks a rule is refused naming it', async () => {
  // someone with a proposed day: bring them back to the office, then away again
  const day = draft.days.find((d) => d.away.some((a) => !a.fixed));
  const who = day.away.find((a) => !a.fixed);
  let r = await patch(kepala, draft.id, [{ nip: who.nip, date: day.date, mode: null }]);
  assert.equal(r.status, 200, r.text);
  let d = r.body.days.find((x) => x.date === day.date);
  assert.ok(!d.away.some((a) => a.nip === who.nip));
  assert.equal(d.on_site, day.on_site + 1);
  r = await patch(kepala, draft.id, [{ nip: who.nip, date: day.date, mode: 'wfh' }]);
  assert.equal(r.status, 200, r.text);
  d = (await ok(s.url, kepala, `/rotations/${draft.id}`)).days.find((x) => x.date === day.date);
  assert.ok(d.away.some((a) => a.nip === who.nip && a.mode === 'wfh'));
  // a weekend day: not a working day
  const saturday = draft.days.find((x) => weekday(x.date) === 6).date;
  r = await patch(kepala, draft.id, [{ nip: who.nip, date: saturday, mode: 'wfh' }]);
  assertError(r, 409, 'rule_violation', 'set');
  assert.equal(r.body.error.index, 0);
  assert.ok(r.body.violations.some((v) => v.rule === 'working_day'));
  for (const v of r.body.violations) {
    assert.equal(typeof v.message_id, 'string');
    assert.equal(typeof v.message_en, 'string');
  }
  // a third day in a week where the person already has two
  const person = draft.people.find((p) => {
    const weeks = new Map();
    p.cells.forEach((c, i) => { if (c) weeks.set(isoMonday(draft.days[i].date), (weeks.get(isoMonday(draft.days[i].date)) || 0) + 1); });
    return [...weeks.values()].includes(2);
  });
  assert.ok(person, 'someone has two days in one week');
  {
    const i = person.cells.findIndex((c, k) => c && person.cells.filter((x, j) => x && isoMonday(draft.days[j].date) === isoMonday(draft.days[k].date)).length === 2);
    const week = isoMonday(draft.days[i].date);
    const free = draft.days.findIndex((x, k) => isoMonday(x.date) === week && !person.cells[k] && weekday(x.date) % 6 !== 0);
    r = await patch(kepala, draft.id, [{ nip: person.nip, date: draft.days[free].date, mode: 'wfh' }]);
    assertError(r, 409, 'rule_violation');
    assert.ok(r.body.violations.some((v) => v.rule === 'weekly_cap'), r.text);
  }
  // all or nothing: a valid edit before a refused one is not kept
  const before = await ok(s.url, kepala, `/rotations/${draft.id}`);
  r = await patch(kepala, draft.id, [{ nip: who.nip, date: day.date, mode: null }, { nip: who.nip, date: saturday, mode: 'wfa' }]);
  assertError(r, 409, 'rule_violation');
  assert.equal(r.body.error.index, 1);
  assert.deepEqual((await ok(s.url, kepala, `/rotations/${draft.id}`)).days, before.days);
  // malformed edits
  assertError(await patch(kepala, draft.id, [{ nip: '199999999999999999', date: day.date, mode: null }]), 422, 'invalid', 'nip');
  assertError(await patch(kepala, draft.id, [{ nip: who.nip, date: '2027-04-02', mode: null }]), 422, 'invalid', 'date');
  assertError(await patch(kepala, draft.id, [{ nip: who.nip, date: day.date, mode: 'beach' }]), 422, 'invalid', 'set');
  assertError(await patch(kepala, draft.id, []), 422, 'invalid', 'set');
  assertError(await call(s.url, kepala, 'PATCH', `/rotations/${draft.id}`, { set: [], x: 1 }), 422);
  assertError(await call(s.url, kepala, 'PATCH', `/rotations/${draft.id}`, '[1]'), 400);
});

test('publish: the days become approved plans; publishing twice, or a draft that no longer fits, is refused', async () => {
  // a rival draft over almost the same month, proposed before the publication
  const rival = await propose(kepala, { unit: 'BAPPEDA', from: '2027-03-02', to: TO });
  assert.equal(rival.status, 201, rival.text);
  const cur = await ok(s.url, kepala, `/rotations/${draft.id}`);
  const want = cur.days.flatMap((d) => d.away.filter((a) => !a.fixed).map((a) => `${a.nip} ${d.date} ${a.mode}`)).sort();
  const r = await publish(kepala, draft.id);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'published');
  assert.equal(r.body.published_by, 'kepala.bappeda');
  assert.equal(r.body.plans, want.length);
  const plans = await ok(s.url, kepala, `/plans?unit=BAPPEDA&from=${FROM}&to=${TO}&status=approved`);
  const mine = plans.items.filter((p) => p.rotation_id === draft.id);
  assert.deepEqual(mine.map((p) => `${p.nip} ${p.date} ${p.mode}`).sort(), want);
  for (const p of mine) assert.equal(p.status, 'approved');
  assertError(await publish(kepala, draft.id), 409, 'invalid_state');
  assertError(await patch(kepala, draft.id, [{ nip: cur.people[0].nip, date: FROM, mode: null }]), 409, 'invalid_state');
  const after = await ok(s.url, kepala, `/rotations/${draft.id}`);
  assert.equal(after.status, 'published');
  // the rival's days no longer fit next to the approved plans: refused with the rule, still a draft
  const late = await publish(kepala, rival.body.id);
  assertError(late, 409, 'rule_violation');
  assert.ok(late.body.violations.length > 0);
  for (const v of late.body.violations) assert.ok(['share_away', 'weekly_cap', 'min_on_site', 'min_on_site_per_hour'].includes(v.rule), v.rule);
  assert.equal((await ok(s.url, kepala, `/rotations/${rival.body.id}`)).status, 'draft');
  const audit = await auditEntries();
  const actions = audit.filter((e) => e.object === `rotation:${draft.id}`).map((e) => e.action);
  assert.ok(actions.includes('rotation.edit') && actions.includes('rotation.publish'), actions.join());
  // a new proposal over the published month sees those plans as fixed days
  const next = await propose(kepala, { unit: 'BAPPEDA', from: FROM, to: TO });
  assert.equal(next.status, 201);
  assert.equal(next.body.proposed_days, 0);
  assert.equal(next.body.days.flatMap((d) => d.away).filter((a) => a.fixed).length, want.length);
});

test('an infeasible unit: the minimum above its staff is reported per day and hour', async () => {
  const tree = await ok(s.url, admin, '/units');
  const all = [];
  const walk = (u) => { all.push(u); (u.children || []).forEach(walk); };
  tree.items.forEach(walk);
  const unit = all.find((u) => u.face_to_face && u.employees_direct >= 2 && u.service_open);
  assert.ok(unit, 'a face-to-face unit with staff');
  const put = await call(s.url, admin, 'PUT', `/units/${unit.code}/staffing`, { min_on_site: 500, min_on_site_per_hour: 400 });
  assert.equal(put.status, 200, put.text);
  const r = await propose(admin, { unit: unit.code, from: FROM, to: TO });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.coverage_met, false);
  assert.equal(r.body.proposed_days, 0);
  assert.ok(r.body.gap_days > 0);
  const staffed = r.body.days.filter((d) => d.on_site > 0);
  assert.ok(staffed.length > 0);
  for (const d of staffed) {
    const whole = d.gaps.find((g) => g.hour === -1);
    assert.ok(whole, `${d.date}: the day's gap`);
    assert.equal(whole.minimum, 500);
    assert.equal(whole.on_site, d.on_site);
    assert.equal(whole.short_by, 500 - d.on_site);
    const hours = d.gaps.filter((g) => g.hour >= 0);
    assert.ok(hours.length > 0, `${d.date}: service-hour gaps`);
    for (const g of hours) {
      assert.equal(g.minimum, 400);
      assert.equal(g.short_by, 400 - g.on_site);
      assert.match(g.from, /^\d\d:\d\d$/);
      assert.match(g.to, /^\d\d:\d\d$/);
    }
  }
  assert.equal(r.body.gaps.length, r.body.days.reduce((n, d) => n + d.gaps.length, 0));
  const list = await ok(s.url, admin, `/rotations?unit=${unit.code}`);
  assert.equal(list.items[0].coverage_met, false);
  assert.equal(list.items[0].gap_days, r.body.gap_days);
});

test('fleksi rotation propose: every unit over a month, figures printed; --save keeps drafts', async () => {
  const run = (args) => cli(['rotation', 'propose', '--db', s.dbPath, ...args], { env: s.env });
  const r = run(['--from', '2027-06-01', '--to', '2027-06-30']);
  assert.equal(r.status, 0, r.stderr);
  const units = Number(/units: (\d+); with staff: (\d+)/.exec(r.stdout)[2]);
  assert.ok(units > 50, r.stdout);
  const [, met, of] = /coverage fully met: (\d+) of (\d+) units/.exec(r.stdout).map(Number);
  assert.equal(of, units);
  assert.ok(met <= units);
  assert.match(r.stdout, /fairness spread: largest \d+/);
  assert.match(r.stdout, /days proposed away: \d+/);
  assert.match(r.stdout, /time: load \d+ ms, propose \d+ ms/);
  const before = (await ok(s.url, admin, '/rotations?unit=BAPPEDA')).items.length;
  const one = run(['--from', '2027-06-01', '--to', '2027-06-30', '--unit', 'BAPPEDA', '--save']);
  assert.equal(one.status, 0, one.stderr);
  assert.match(one.stdout, /with staff: 1;/);
  const list = (await ok(s.url, admin, '/rotations?unit=BAPPEDA')).items;
  assert.equal(list.length, before + 1);
  assert.equal(list[0].created_by, 'cli:rotation');
  assert.equal(list[0].from, '2027-06-01');
  assert.equal(run(['--from', '2027-06-01', '--to', '2027-09-01']).status, 2);
  assert.equal(run(['--from', 'June']).status, 2);
  assert.equal(run(['--from', '2027-06-01', '--to', '2027-06-30', '--unit', 'NOPE']).status, 1);
});
