// Defence in depth: a supervisor cycle that reached the database (the API and
// the import refuse them, but see concurrency.test.mjs on PostgreSQL) must not
// make reads hang. The cycle is written here directly with sqlite3 / psql.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { startServer, login, get, isPg } from './_helpers.mjs';

let s, atasan, pegawai;
before(async () => {
  s = await startServer();
  atasan = await login(s.url, 'atasan.bappeda');
  pegawai = await login(s.url, 'pegawai.bappeda');
});
after(async () => {
  if (!s) return;
  // A worker stuck in an endless query never lets the process exit: kill it.
  if (s.child.exitCode === null && s.child.signalCode === null) {
    const exited = new Promise((r) => s.child.once('exit', r));
    s.child.kill('SIGTERM');
    const done = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 3000))]);
    if (!done) { s.child.kill('SIGKILL'); await exited; }
  }
  if (isPg()) { // PostgreSQL would go on running an endless query for the dead client
    const db = new URL(s.dbPath).pathname.slice(1);
    execFileSync('psql', [process.env.FLEKSI_TEST_PG_BASE, '-qAtc',
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${db}'`], { stdio: 'pipe' });
  }
  rmSync(s.dir, { recursive: true, force: true });
});

function sql(text) {
  if (isPg()) execFileSync('psql', [s.dbPath, '-v', 'ON_ERROR_STOP=1', '-qc', text], { stdio: 'pipe' });
  else execFileSync('sqlite3', ['-cmd', '.timeout 10000', s.dbPath, text], { stdio: 'pipe' });
}

test('with a supervisor cycle in the data, listing employees still answers', async () => {
  // pegawai reports to atasan; make atasan report to pegawai as well.
  sql(`UPDATE employee SET supervisor_id = (SELECT id FROM employee WHERE nip = '${pegawai.user.nip}')
    WHERE nip = '${atasan.user.nip}'`);
  const one = await get(s.url, atasan, `/employees/${pegawai.user.nip}`);
  assert.equal(one.status, 200, 'reading one employee is bounded');
  let r;
  try {
    r = await fetch(`${s.url}/api/v1/employees?per_page=10`, {
      headers: { authorization: `Bearer ${atasan.token}` }, signal: AbortSignal.timeout(5000) });
  } catch (e) {
    assert.fail(`GET /api/v1/employees as a member of the cycle got no answer within 5 s (${e.name})`);
  }
  assert.equal(r.status, 200);
  const b = await r.json();
  assert.deepEqual(b.items.map((e) => e.nip).sort(), [atasan.user.nip, pegawai.user.nip].sort());
});
