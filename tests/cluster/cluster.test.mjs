// The loopback cluster (issue 8 item 6): a PostgreSQL primary with a
// synchronous streaming standby (scripts/pg-cluster.sh), two `fleksi serve`
// nodes on a multi-host conninfo with target_session_attrs=read-write, and
// nginx balancing them. A burst of acknowledged writes goes through nginx
// while (1) one app node is killed with SIGKILL and (2) the primary is killed
// and the standby promoted. Every write that got a 201 must be there after.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';
import { startServer, login, cli } from '../lib/server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const clusterScript = join(root, 'scripts', 'pg-cluster.sh');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const freePort = () => new Promise((resolve) => {
  const s = net.createServer();
  s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
});

let pgDir, work, uri, nodes = [], nginx, lb, auth;

before(async () => {
  pgDir = `/tmp/fleksi-cluster-${process.pid}`;
  work = mkdtempSync(join(tmpdir(), 'fleksi-cluster-'));
  const [p, s] = [56000 + (process.pid % 400) * 2, 56001 + (process.pid % 400) * 2];
  uri = execFileSync(clusterScript, ['start', pgDir, String(p), String(s)], { encoding: 'utf8' }).trim();
  const env = { FLEKSI_AUDIT_KEY: join(work, 'audit.key') };
  const demo = cli(['demo', '--db', uri, '--employees', '300', '--seed', '7'], { env: { ...process.env, ...env } });
  assert.equal(demo.status, 0, demo.stderr);
  for (let i = 0; i < 2; i++) {
    nodes.push(await startServer({ demo: 0, db: uri, env, serveArgs: ['--threads', '4'] }));
  }
  const port = await freePort();
  writeFileSync(join(work, 'nginx.conf'), `
worker_processes 1;
pid ${work}/nginx.pid;
error_log ${work}/nginx-error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${work}/body; proxy_temp_path ${work}/proxy;
  fastcgi_temp_path ${work}/fcgi; uwsgi_temp_path ${work}/uwsgi; scgi_temp_path ${work}/scgi;
  upstream fleksi {
    ${nodes.map((n) => `server ${new URL(n.url).host} max_fails=1 fail_timeout=30s;`).join('\n    ')}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://fleksi;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_next_upstream error timeout;
      proxy_connect_timeout 2s;
      proxy_read_timeout 30s;
    }
  }
}`);
  nginx = spawn('/usr/sbin/nginx', ['-p', work, '-c', join(work, 'nginx.conf'), '-g', 'daemon off;'],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  lb = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(`${lb}/healthz`)).ok) break; } catch { /* starting */ }
    await sleep(50);
  }
  auth = await login(lb, 'pegawai.bappeda');
});

after(async () => {
  nginx?.kill('SIGTERM');
  for (const n of nodes) await n.stop().catch(() => {});
  try { execFileSync(clusterScript, ['stop', pgDir]); } catch { /* already down */ }
  rmSync(pgDir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

const day = (d) => new Date(Date.now() + 7 * 3600e3 + d * 86400e3).toISOString().slice(0, 10);

// One acknowledged write through nginx: a special-circumstances draft. Returns
// its id on 201, null on any failure (a failed request is allowed to fail; a
// 201 is a promise).
async function write(i) {
  try {
    const r = await fetch(`${lb}/api/v1/special-requests`, {
      method: 'POST', headers: auth.headers, signal: AbortSignal.timeout(20000),
      body: JSON.stringify({ reason: `Pendampingan keluarga yang dirawat, permintaan nomor ${i}.`,
        period_from: day(1), period_to: day(10), work_plan: [{ output: `Keluaran ${i}` }] }),
    });
    if (r.status !== 201) { await r.arrayBuffer(); return null; }
    return (await r.json()).id;
  } catch { return null; }
}

// Run n writes, c at a time; onAck(count) after each 201.
async function burst(n, c, onAck = () => {}) {
  const acked = [];
  let next = 0, failed = 0;
  await Promise.all(Array.from({ length: c }, async () => {
    while (next < n) {
      const id = await write(next++);
      if (id === null) failed++;
      else { acked.push(id); await onAck(acked.length); }
    }
  }));
  return { acked, failed };
}

async function assertAllPresent(ids) {
  for (const id of ids) {
    const r = await fetch(`${lb}/api/v1/special-requests/${id}`, { headers: auth.headers });
    assert.equal(r.status, 200, `acknowledged write ${id} is missing (${r.status})`);
    await r.arrayBuffer();
  }
}

test('killing one app node mid-burst fails only its in-flight requests', async () => {
  let killed = false;
  const { acked, failed } = await burst(240, 8, (count) => {
    if (!killed && count === 60) { killed = true; nodes[0].child.kill('SIGKILL'); }
  });
  assert.ok(killed);
  assert.ok(failed <= 8, `${failed} requests failed; at most the 8 in flight may`);
  assert.ok(acked.length >= 232, `${acked.length} acknowledged`);
  await assertAllPresent(acked);
});

test('the primary dies: the standby is promoted, service is back within 30 s, no 201 is lost', async () => {
  const before = await burst(40, 4);
  assert.equal(before.failed, 0);
  let stop = false;
  const during = [];
  const writer = (async () => { for (let i = 0; !stop; i++) { const id = await write(1000 + i); if (id) during.push(id); } })();
  await sleep(300);
  const killedAt = Date.now();
  execFileSync(clusterScript, ['kill-primary', pgDir]);
  execFileSync(clusterScript, ['promote', pgDir]);
  const ackedBefore = during.length;
  let backAt = 0;
  while (Date.now() - killedAt < 30000) {
    if (during.length > ackedBefore) { backAt = Date.now(); break; }
    await sleep(100);
  }
  stop = true;
  await writer;
  assert.ok(backAt > 0, 'no write succeeded within 30 s of the failover');
  console.log(`# failover: first acknowledged write ${((backAt - killedAt) / 1000).toFixed(1)} s after the primary was killed`);
  await assertAllPresent([...before.acked, ...during]);
});
