// The loopback cluster (issue 8 item 6): a PostgreSQL primary with a
// synchronous streaming standby (scripts/pg-cluster.sh), two `fleksi serve`
// nodes on a multi-host conninfo with target_session_attrs=read-write, and
// nginx balancing them. A burst of check-ins goes through nginx while (1)
// one app node is killed with SIGKILL and (2) the primary is killed and the
// standby promoted. Every check-in answered 201 must be there after.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';
import { startServer, cli } from '../lib/server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const clusterScript = join(root, 'scripts', 'pg-cluster.sh');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const freePort = () => new Promise((resolve) => {
  const s = net.createServer();
  s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
});

let pgDir, work, uri, nodes = [], nginx, lb, people;

before(async () => {
  pgDir = `/tmp/fleksi-cluster-${process.pid}`;
  work = mkdtempSync(join(tmpdir(), 'fleksi-cluster-'));
  const [p, s] = [56000 + (process.pid % 400) * 2, 56001 + (process.pid % 400) * 2];
  uri = execFileSync(clusterScript, ['start', pgDir, String(p), String(s)], { encoding: 'utf8', timeout: 180000 }).trim();
  const env = { FLEKSI_AUDIT_KEY: join(work, 'audit.key') };
  const demo = cli(['demo', '--db', uri, '--employees', '1000', '--seed', '7'], { env: { ...process.env, ...env } });
  assert.equal(demo.status, 0, demo.stderr);
  const tok = cli(['user', 'tokens', '--db', uri, '--count', '600'], { env: { ...process.env, ...env } });
  assert.equal(tok.status, 0, tok.stderr);
  people = tok.stdout.trim().split('\n').map((l) => ({ token: l.split(' ')[0], nip: l.split(' ')[1] }));
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
    try { if ((await fetch(`${lb}/healthz`, { signal: AbortSignal.timeout(2000) })).ok) break; } catch { /* starting */ }
    await sleep(50);
  }
}, { timeout: 300000 });

after(async () => {
  nginx?.kill('SIGKILL');
  for (const n of nodes) await n.stop().catch(() => {});
  try { execFileSync(clusterScript, ['stop', pgDir], { timeout: 90000 }); } catch { /* already down */ }
  rmSync(pgDir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
}, { timeout: 120000 });

const M_LAT = 180 / (Math.PI * 6371008.8);

// The check-ins to make: each person's "in", then their "out" (two a day).
function jobsFor(from, count) {
  const chosen = people.slice(from, from + count);
  return [...chosen.map((p) => ({ p, kind: 'in' })), ...chosen.map((p) => ({ p, kind: 'out' }))];
}

// One check-in through nginx. Returns {id, nip} on 201, null on any failure
// (a failed request may fail; a 201 is a promise).
async function write(job) {
  try {
    const r = await fetch(`${lb}/api/v1/checkins`, {
      method: 'POST', signal: AbortSignal.timeout(20000),
      headers: { authorization: `Bearer ${job.p.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: job.kind, lat: -6.18 + (job.p.nip.charCodeAt(17) % 10) * M_LAT, lon: 106.83,
        accuracy_m: 12, device_id: `cluster-${job.p.nip}` }),
    });
    if (r.status !== 201) { await r.arrayBuffer(); return null; }
    return { id: (await r.json()).id, nip: job.p.nip };
  } catch { return null; }
}

// Run the jobs, c at a time; onAck(count) after each 201.
async function burst(jobs, c, onAck = () => {}) {
  const acked = [];
  let next = 0, failed = 0;
  await Promise.all(Array.from({ length: c }, async () => {
    while (next < jobs.length) {
      const done = await write(jobs[next++]);
      if (done === null) failed++;
      else { acked.push(done); await onAck(acked.length); }
    }
  }));
  return { acked, failed };
}

// Every acknowledged check-in is stored: each person reads their own list.
async function assertAllPresent(acked) {
  const byNip = new Map();
  for (const a of acked) byNip.set(a.nip, [...(byNip.get(a.nip) || []), a.id]);
  for (const [nip, ids] of byNip) {
    const token = people.find((p) => p.nip === nip).token;
    const r = await fetch(`${lb}/api/v1/checkins`,
      { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(20000) });
    assert.equal(r.status, 200);
    const have = new Set((await r.json()).items.map((i) => i.id));
    for (const id of ids) assert.ok(have.has(id), `check-in ${id} of ${nip} was answered 201 and is missing`);
  }
}

test('killing one app node mid-burst fails only its in-flight requests', { timeout: 180000 }, async () => {
  let killed = false;
  const { acked, failed } = await burst(jobsFor(0, 120), 8, (count) => {
    if (!killed && count === 60) { killed = true; nodes[0].child.kill('SIGKILL'); }
  });
  assert.ok(killed);
  assert.ok(failed <= 8, `${failed} requests failed; at most the 8 in flight may`);
  assert.ok(acked.length >= 232, `${acked.length} acknowledged`);
  await assertAllPresent(acked);
});

test('the primary dies: the standby is promoted, service is back within 30 s, no 201 is lost', { timeout: 180000 },
  async () => {
  const before = await burst(jobsFor(120, 20), 4);
  assert.equal(before.failed, 0);
  let stop = false;
  const during = [];
  const queue = jobsFor(140, 460);
  const writer = (async () => {
    for (let i = 0; !stop && i < queue.length; i++) { const done = await write(queue[i]); if (done) during.push(done); }
  })();
  await sleep(300);
  const killedAt = Date.now();
  execFileSync(clusterScript, ['kill-primary', pgDir], { timeout: 60000 });
  execFileSync(clusterScript, ['promote', pgDir], { timeout: 60000 });
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
