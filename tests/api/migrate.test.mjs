// `fleksi migrate-db`: an instansi moves from its SQLite file to PostgreSQL,
// checked by row counts and the audit root, and the server then runs on the
// new database with the same logins and data. Needs a PostgreSQL server:
// scripts/test provides one in FLEKSI_TEST_PG_ADMIN (or FLEKSI_TEST_PG_BASE).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, startServer, login } from '../lib/server.mjs';

const base = process.env.FLEKSI_TEST_PG_ADMIN || process.env.FLEKSI_TEST_PG_BASE;
const dir = mkdtempSync(join(tmpdir(), 'fleksi-migrate-'));
const env = { ...process.env, FLEKSI_AUDIT_KEY: join(dir, 'audit.key') };
after(() => rmSync(dir, { recursive: true, force: true }));

function newDatabase() {
  assert.ok(base, 'a PostgreSQL server is needed: set FLEKSI_TEST_PG_ADMIN (scripts/test does)');
  const name = `fleksi_m_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  execFileSync('psql', [base, '-qc', `CREATE DATABASE ${name}`], { stdio: 'pipe' });
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

test('an SQLite demo moves to PostgreSQL whole, with the same audit root', async () => {
  const src = join(dir, 'src.db');
  assert.equal(cli(['demo', '--db', src, '--employees', '800', '--seed', '3'], { env }).status, 0);
  const dst = newDatabase();
  const r = cli(['migrate-db', '--from', src, '--to', dst], { env });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /employee\s+800 rows/);
  const root = r.stdout.match(/root ([0-9a-f]{64}) on both sides/);
  assert.ok(root, r.stdout);
  const verify = cli(['audit', 'verify', '--db', dst], { env });
  assert.equal(verify.status, 0, verify.stderr);
  assert.ok(verify.stdout.includes(root[1]));

  // The server runs on the new database: same logins, same people, and new rows get fresh ids.
  const s = await startServer({ demo: 0, db: dst, env: { FLEKSI_AUDIT_KEY: env.FLEKSI_AUDIT_KEY } });
  try {
    const admin = await login(s.url, 'admin.bkd');
    const list = await (await fetch(`${s.url}/api/v1/employees?per_page=1`, { headers: admin.headers })).json();
    assert.equal(list.total, 800);
    const created = await fetch(`${s.url}/api/v1/units`, {
      method: 'POST', headers: admin.headers,
      body: JSON.stringify({ code: 'MIGRATED-NEW', name: 'Unit Baru Setelah Migrasi', kind: 'bidang', parent_code: null }),
    });
    assert.equal(created.status, 201, await created.text());
  } finally {
    await s.stop();
  }
});

test('a target that already holds an organisation is refused and left as it was', () => {
  const src = join(dir, 'src2.db');
  assert.equal(cli(['demo', '--db', src, '--employees', '300'], { env }).status, 0);
  const dst = newDatabase();
  assert.equal(cli(['migrate-db', '--from', src, '--to', dst], { env }).status, 0);
  const again = cli(['migrate-db', '--from', src, '--to', dst], { env });
  assert.equal(again.status, 1);
  assert.match(again.stderr, /already holds/);
  assert.equal(cli(['audit', 'verify', '--db', dst], { env }).status, 0);
});

test('wrong arguments exit 2', () => {
  assert.equal(cli(['migrate-db', '--from', 'x.db'], { env }).status, 2);
  assert.equal(cli(['migrate-db', '--from', 'postgresql://a/b', '--to', 'postgresql://c/d'], { env }).status, 2);
  assert.equal(cli(['migrate-db', '--help'], { env }).status, 0);
});
