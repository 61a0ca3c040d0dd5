// The server processes the cases of closed dates by itself (issue 6 item 1
// part, items 2-4): a `fleksi serve` with upkeep every second closes the
// recent dates (store/attendance.h) and then processes each closed date's
// cases once, claimed as job "cases_day" with period "<date>:<closes>"
// (a date closed again is a new period).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, login, ok, cli, isPg } from './_helpers.mjs';

let s, admin;

before(async () => {
  s = await startServer({ demo: 150, serveArgs: ['--upkeep-interval', '1', '--threads', '2'] });
  admin = await login(s.url, 'admin.bkd');
});
after(async () => { await s?.stop(); });

async function waitFor(pred, what, ms = 30000) {
  const until = Date.now() + ms;
  for (;;) {
    const v = await pred();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function sql(text) {
  if (isPg()) execFileSync('psql', [s.dbPath, '-qc', text], { stdio: 'pipe' });
  else execFileSync('sqlite3', [s.dbPath, text], { stdio: 'pipe' });
}

test('a closed date not processed yet is processed by the upkeep, once', async () => {
  // A fresh database closes nothing by itself (dates before installation
  // stay open), so close dates with the CLI, which processes them too, and
  // then forget that they were processed: the server must catch up.
  const r = cli(['close', '--db', s.dbPath, '--from', '2026-03-02', '--to', '2026-03-04'], { env: s.env });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /  2026-03-04 cases: recomputed \d+  opened \d+/);
  const opened = (await ok(s.url, admin, '/cases?per_page=1')).total;
  assert.ok(opened > 0, 'three unexcused days open cases');
  sql("DELETE FROM case_processed WHERE date >= '2026-03-03'");
  const runs = await waitFor(async () => {
    const j = await ok(s.url, admin, '/jobs?limit=200');
    const done = j.runs.filter((x) => x.job === 'cases_day' && x.outcome === 'ok');
    return done.length >= 2 ? done : null;
  }, 'the upkeep to process the dates');
  assert.deepEqual(runs.map((x) => x.period).sort(), ['2026-03-03:1', '2026-03-04:1']);
  // Processing again changed nothing: no case opened twice.
  assert.equal((await ok(s.url, admin, '/cases?per_page=1')).total, opened);
  // Claimed once: forgetting again does not make the server run the period again.
  sql("DELETE FROM case_processed WHERE date = '2026-03-04'");
  await new Promise((res) => setTimeout(res, 2500));
  const j = await ok(s.url, admin, '/jobs?limit=200');
  assert.equal(j.runs.filter((x) => x.job === 'cases_day' && x.period === '2026-03-04:1').length, 1);
});
