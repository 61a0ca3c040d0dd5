// Concurrent writers: the checks that keep the organisation consistent
// (unique codes and NIPs, no supervisor cycles, no unit cycles) must hold when
// two requests race, on both engines.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, call, ok, freshNip, freshCode } from './_helpers.mjs';

let s, admin, atasan;
before(async () => {
  s = await startServer();
  admin = await login(s.url, 'admin.bkd');
  atasan = await login(s.url, 'atasan.bappeda');
});
after(async () => { await s?.stop(); });

async function newEmployee(supervisor) {
  const nip = await freshNip(s.url, admin);
  const r = await call(s.url, admin, 'POST', '/employees', { nip, name: `Balapan ${nip.slice(-5)}`, employment: 'pns',
    golongan: 'III/a', position_name: 'Pelaksana', position_kind: 'pelaksana', unit_code: atasan.user.unit.code,
    supervisor_nip: supervisor, appointed_on: '2024-01-01' });
  assert.equal(r.status, 201, r.text);
  return nip;
}

// Walk up from nip; true when the chain comes back to a node already seen.
async function chainLoops(nip) {
  const seen = new Set();
  let at = nip;
  for (let i = 0; i < 100 && at; i++) {
    if (seen.has(at)) return true;
    seen.add(at);
    at = (await ok(s.url, admin, `/employees/${at}`)).supervisor?.nip;
  }
  return false;
}

test('the same unit code created concurrently: one 201, the rest 409', async () => {
  const code = freshCode('SAME');
  const rs = await Promise.all(Array.from({ length: 6 }, (_, i) =>
    call(s.url, admin, 'POST', '/units', { code, name: `Sama ${i}`, kind: 'bidang' })));
  assert.deepEqual(rs.map((r) => r.status).sort(), [201, 409, 409, 409, 409, 409], rs.map((r) => r.text).join('\n'));
});

test('the same NIP created concurrently: one 201, the rest 409', async () => {
  const nip = await freshNip(s.url, admin);
  const rs = await Promise.all(Array.from({ length: 6 }, (_, i) => call(s.url, admin, 'POST', '/employees', { nip,
    name: `Kembar ${i}`, employment: 'pns', golongan: 'III/a', position_name: 'Pelaksana', position_kind: 'pelaksana',
    unit_code: atasan.user.unit.code, supervisor_nip: atasan.user.nip, appointed_on: '2024-01-01' })));
  assert.deepEqual(rs.map((r) => r.status).sort(), [201, 409, 409, 409, 409, 409], rs.map((r) => r.text).join('\n'));
});

test('two employees made each other\'s supervisor at the same time: never a cycle', async () => {
  for (let round = 0; round < 5; round++) {
    const x = await newEmployee(atasan.user.nip);
    const y = await newEmployee(atasan.user.nip);
    const [rx, ry] = await Promise.all([
      call(s.url, admin, 'PATCH', `/employees/${x}`, { supervisor_nip: y }),
      call(s.url, admin, 'PATCH', `/employees/${y}`, { supervisor_nip: x }),
    ]);
    const statuses = [rx.status, ry.status].sort();
    assert.ok(!(await chainLoops(x)) && !(await chainLoops(y)), `round ${round}: a supervisor cycle was stored (${statuses})`);
    assert.deepEqual(statuses, [200, 409], `round ${round}: ${rx.text} ${ry.text}`);
  }
});

test('two units moved under each other at the same time: never a cycle', async () => {
  for (let round = 0; round < 5; round++) {
    const a = freshCode('RA'), b = freshCode('RB');
    for (const c of [a, b]) assert.equal((await call(s.url, admin, 'POST', '/units', { code: c, name: c, kind: 'bidang' })).status, 201);
    const [ra, rb] = await Promise.all([
      call(s.url, admin, 'PATCH', `/units/${a}`, { parent_code: b }),
      call(s.url, admin, 'PATCH', `/units/${b}`, { parent_code: a }),
    ]);
    const ua = await ok(s.url, admin, `/units/${a}`);
    const ub = await ok(s.url, admin, `/units/${b}`);
    const cyclic = ua.parent_code === b && ub.parent_code === a;
    assert.ok(!cyclic, `round ${round}: ${a} and ${b} are each other's parent (${ra.status}, ${rb.status})`);
    assert.deepEqual([ra.status, rb.status].sort(), [200, 409], `round ${round}: ${ra.text} ${rb.text}`);
    // The tree still lists both exactly once.
    const codes = [];
    const walk = (u) => { codes.push(u.code); u.children.forEach(walk); };
    (await ok(s.url, admin, '/units')).items.forEach(walk);
    assert.equal(codes.filter((c) => c === a).length, 1);
    assert.equal(codes.filter((c) => c === b).length, 1);
  }
});
