// Scheduled work shared by several app nodes on one database (issue 8 item 2):
// two real `fleksi serve` processes on the same database, upkeep every second.
// One node holds the "upkeep" lease and runs each period once; when it is
// killed with SIGKILL the other takes the lease over after it expires.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, login, get } from './_helpers.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let a, b, admin;

before(async () => {
  a = await startServer({ demo: 300, serveArgs: ['--upkeep-interval', '1', '--threads', '2'] });
  b = await startServer({ demo: 0, db: a.dbPath, env: { FLEKSI_AUDIT_KEY: join(a.dir, 'audit.key') },
    serveArgs: ['--upkeep-interval', '1', '--threads', '2'] });
  admin = await login(a.url, 'admin.bkd');
});

after(async () => {
  await b?.stop();
  await a?.stop();
});

async function jobs(url) {
  const r = await get(url, admin, '/jobs?limit=200');
  assert.equal(r.status, 200, r.text);
  return r.body;
}

const pidOf = (holder) => Number(holder.split(':')[1]);

test('one node holds the upkeep lease and each period runs once', async () => {
  await sleep(3500);
  const j = await jobs(b.url); // the same answer from either node: it is in the database
  const leases = j.leases.filter((l) => l.name === 'upkeep');
  assert.equal(leases.length, 1);
  assert.ok([a.child.pid, b.child.pid].includes(pidOf(leases[0].holder)), leases[0].holder);
  assert.equal(leases[0].active, true);
  const runs = j.runs.filter((r) => r.job === 'upkeep');
  assert.ok(runs.length >= 2, `runs: ${JSON.stringify(runs)}`);
  const periods = runs.map((r) => r.period);
  assert.equal(new Set(periods).size, periods.length, 'a period ran twice');
  // Two uncoordinated nodes would run about two passes a second; one lease, at most one.
  const first = Date.parse(runs[runs.length - 1].started_at), last = Date.parse(runs[0].started_at);
  assert.ok(runs.length <= (last - first) / 1000 + 2, `${runs.length} runs in ${(last - first) / 1000} s`);
  for (const r of runs.slice(1)) assert.equal(r.outcome, 'ok', JSON.stringify(r));
  const fromA = (await jobs(a.url)).leases.find((l) => l.name === 'upkeep');
  assert.equal(fromA.holder, leases[0].holder, 'both nodes read the same lease');
});

test('when the lease holder dies the other node takes over', async () => {
  const before = (await jobs(a.url)).leases.find((l) => l.name === 'upkeep');
  const holderPid = pidOf(before.holder);
  const [dead, alive] = holderPid === a.child.pid ? [a, b] : [b, a];
  dead.child.kill('SIGKILL');
  await new Promise((r) => dead.child.exitCode !== null || dead.child.signalCode ? r() : dead.child.once('exit', r));
  await sleep(5000); // the lease lives three periods
  const after = await jobs(alive.url);
  const lease = after.leases.find((l) => l.name === 'upkeep');
  assert.equal(pidOf(lease.holder), alive.child.pid, lease.holder);
  const recent = after.runs.filter((r) => r.job === 'upkeep' && Date.parse(r.started_at) > Date.now() - 2500);
  assert.ok(recent.length >= 1, JSON.stringify(after.runs.slice(0, 5)));
  assert.ok(recent.every((r) => pidOf(r.holder) === alive.child.pid));
});

test('jobs are for admin_bkd and the inspectorate only', async () => {
  const live = a.child.exitCode === null && !a.child.signalCode ? a : b;
  const r = await get(live.url, await login(live.url, 'pegawai.bappeda'), '/jobs');
  assert.equal(r.status, 403);
  assert.equal(r.body.error.code, 'forbidden');
  const bad = await get(live.url, await login(live.url, 'inspektur'), '/jobs?limit=0');
  assert.equal(bad.status, 422);
  assert.equal(bad.body.error.field, 'limit');
});
