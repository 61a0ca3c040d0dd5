// Start a real fleksi server on loopback with a temporary database, for API and
// browser tests. The binary comes from FLEKSI_BIN (set by scripts/test) or the
// default build directory.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = process.env.FLEKSI_BIN || join(root, 'build', 'fleksi');
export const DEMO_PASSWORD = 'fleksi-demo-2026';

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
    s.on('error', reject);
  });
}

// Run the fleksi CLI synchronously; returns {status, stdout, stderr}.
export function cli(args, opts = {}) {
  try {
    const stdout = execFileSync(BIN, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], ...opts });
    return { status: 0, stdout, stderr: '' };
  } catch (e) {
    return { status: e.status, stdout: e.stdout || '', stderr: e.stderr || '' };
  }
}

// Options: demo (number of demo employees, default 600; 0 = empty database),
// db (use this database instead of a temporary SQLite file).
// With FLEKSI_TEST_PG_BASE (a postgresql:// URI) every server gets a new,
// empty PostgreSQL database of its own; otherwise a temporary SQLite file.
export function freshDatabase(dir) {
  const base = process.env.FLEKSI_TEST_PG_BASE;
  if (!base) return join(dir, 'fleksi.db');
  const name = `fleksi_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  execFileSync('psql', [base, '-qc', `CREATE DATABASE ${name}`], { stdio: 'pipe' });
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function startServer({ demo = 600, db, env = {}, serveArgs = [] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'fleksi-test-'));
  const dbPath = db || freshDatabase(dir);
  const common = { FLEKSI_AUDIT_KEY: join(dir, 'audit.key') };
  if (demo > 0) {
    const r = cli(['demo', '--db', dbPath, '--employees', String(demo), '--seed', '7'],
      { env: { ...process.env, ...common, ...env } });
    if (r.status !== 0) throw new Error(`fleksi demo failed: ${r.stderr}`);
  }
  const port = await freePort();
  const child = spawn(BIN, ['serve', '--db', dbPath, '--listen', `127.0.0.1:${port}`, ...serveArgs],
    { env: { ...process.env, ...common, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => { log += d; if (log.length > 1 << 20) log = log.slice(-(1 << 19)); });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`fleksi serve exited: ${log}`);
    try { const r = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) }); if (r.ok) break; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url, dbPath, dir, child, env: { ...process.env, ...common, ...env },
    log: () => log,
    async stop() {
      // A child killed by a signal has exitCode null and signalCode set: it
      // has already exited and will not emit 'exit' again.
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const slow = setTimeout(() => child.kill('SIGKILL'), 20000);
        await exited;
        clearTimeout(slow);
      }
      if (!db) rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Log in and return {token, headers} for JSON requests.
export async function login(url, username, password = DEMO_PASSWORD) {
  const r = await fetch(`${url}/api/v1/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${await r.text()}`);
  const body = await r.json();
  return { token: body.token, user: body.user,
    headers: { authorization: `Bearer ${body.token}`, 'content-type': 'application/json' } };
}
