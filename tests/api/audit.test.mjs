// The audit log: the signed checkpoint (Ed25519, checked here with node:crypto),
// RFC 9162 inclusion and consistency proofs recomputed in JS from the entries'
// leaf hashes, each leaf recomputed from its entry, and `fleksi audit verify`
// on an intact and on tampered copies of the database (sqlite3 or psql).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createPublicKey, verify as edVerify } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, login, call, get, ok, assertError, cli, flattenTree, freshCode, isPg } from './_helpers.mjs';

let s, admin, insp, flat;
before(async () => {
  s = await startServer();
  admin = await login(s.url, 'admin.bkd');
  insp = await login(s.url, 'inspektur');
  flat = flattenTree((await ok(s.url, admin, '/units')).items);
});
after(async () => {
  await s?.stop();
  for (const db of pgCopies) dropPg(db);
});

// ---- RFC 9162 in JS ----
const sha256 = (...parts) => createHash('sha256').update(Buffer.concat(parts.map((p) => Buffer.from(p)))).digest();
const leafHash = (data) => sha256([0], data);
const nodeHash = (l, r) => sha256([1], l, r);
const hex = (b) => Buffer.from(b).toString('hex');
const unhex = (h) => Buffer.from(h, 'hex');

function mth(leaves) { // leaves: Buffers (leaf hashes)
  if (leaves.length === 0) return sha256('');
  if (leaves.length === 1) return leaves[0];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

// RFC 9162 section 2.1.3.2.
function verifyInclusion(index, size, leaf, path, root) {
  if (index >= size) return false;
  let fn = index, sn = size - 1, r = leaf;
  for (const p of path) {
    if (sn === 0) return false;
    if ((fn & 1) === 1 || fn === sn) {
      r = nodeHash(p, r);
      if ((fn & 1) === 0) while ((fn & 1) === 0 && fn !== 0) { fn >>= 1; sn >>= 1; }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1; sn >>= 1;
  }
  return sn === 0 && r.equals(root);
}

// RFC 9162 section 2.1.4.2.
function verifyConsistency(first, second, firstHash, secondHash, proof) {
  if (first > second || first < 1) return false;
  if (first === second) return proof.length === 0 && firstHash.equals(secondHash);
  if (proof.length === 0) return false;
  const path = (first & (first - 1)) === 0 ? [firstHash, ...proof] : [...proof];
  let fn = first - 1, sn = second - 1;
  while ((fn & 1) === 1) { fn >>= 1; sn >>= 1; }
  let fr = path[0], sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if ((fn & 1) === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if ((fn & 1) === 0) while ((fn & 1) === 0 && fn !== 0) { fn >>= 1; sn >>= 1; }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1; sn >>= 1;
  }
  return fr.equals(firstHash) && sr.equals(secondHash) && sn === 0;
}

// The leaf of one entry (src/store/audit.c audit_leaf): every field with its byte length.
function entryLeaf(e, prevHex) {
  const fields = [e.time, e.actor, e.action, e.object, e.before_digest, e.after_digest, prevHex];
  const text = `fleksi-audit-v1|${e.seq}${fields.map((f) => `|${Buffer.byteLength(f)}:${f}`).join('')}`;
  return leafHash(Buffer.from(text, 'utf8'));
}

function checkpointOk(cp) {
  const key = createPublicKey({ key: Buffer.concat([unhex('302a300506032b6570032100'), unhex(cp.public_key)]), format: 'der', type: 'spki' });
  const msg = `fleksi audit checkpoint v1\n${cp.size}\n${cp.root}\n${cp.time}\n`;
  return edVerify(null, Buffer.from(msg), key, unhex(cp.signature));
}

async function entries(auth = admin) {
  const out = [];
  for (let from = 1; ; from += 1000) {
    const b = await ok(s.url, auth, `/audit/entries?from=${from}&limit=1000`);
    out.push(...b.items);
    if (b.items.length < 1000) break;
  }
  return out;
}

const checkpoint = () => ok(s.url, null, '/audit/checkpoint');

async function renameUnit(code, name) {
  const r = await call(s.url, admin, 'PATCH', `/units/${encodeURIComponent(code)}`, { name });
  assert.equal(r.status, 200, r.text);
}

// ---- API ----
test('the checkpoint is signed with Ed25519 over size, root and time', async () => {
  const cp = await checkpoint();
  assert.ok(Number.isInteger(cp.size) && cp.size >= 7, `demo import and logins are logged (${cp.size})`);
  assert.match(cp.root, /^[0-9a-f]{64}$/);
  assert.match(cp.signature, /^[0-9a-f]{128}$/);
  assert.match(cp.public_key, /^[0-9a-f]{64}$/);
  assert.ok(!Number.isNaN(Date.parse(cp.time)), cp.time);
  assert.equal(checkpointOk(cp), true, 'the signature verifies');
  assert.equal(checkpointOk({ ...cp, size: cp.size + 1 }), false, 'a different size does not verify');
  assert.equal(checkpointOk({ ...cp, root: hex(sha256('x')) }), false, 'a different root does not verify');
  // Asking again without changes gives the same signed checkpoint.
  assert.deepEqual(await checkpoint(), cp);
});

test('the checkpoint root is the RFC 9162 tree hash of the entries, each leaf recomputed from its entry', async () => {
  const cp = await checkpoint();
  const all = await entries();
  assert.equal(all.length, cp.size);
  all.forEach((e, i) => assert.equal(e.seq, i + 1, 'seq counts from 1 without gaps'));
  let prev = '';
  for (const e of all) {
    assert.equal(hex(entryLeaf(e, prev)), e.leaf_hash, `leaf of entry ${e.seq}`);
    prev = e.leaf_hash;
  }
  assert.equal(hex(mth(all.map((e) => unhex(e.leaf_hash)))), cp.root);
  const actions = all.map((e) => e.action);
  assert.ok(actions.includes('import.units') && actions.includes('import.employees') && actions.includes('account.create'));
  // Inspektorat reads the entries too; paging with from/limit.
  const part = await ok(s.url, insp, '/audit/entries?from=2&limit=3');
  assert.deepEqual(part.items, all.slice(1, 4));
  assert.deepEqual((await ok(s.url, insp, `/audit/entries?from=${cp.size + 1}`)).items, []);
  for (const q of ['from=0', 'limit=0', 'limit=1001', 'from=x', 'limit=-1']) {
    assertError(await get(s.url, admin, `/audit/entries?${q}`), 422, 'invalid');
  }
});

test('after a change the log grows by one entry describing it, with a new signed checkpoint', async () => {
  const before = await checkpoint();
  const code = freshCode('AUD');
  const parent = flat[0].u.code;
  const r = await call(s.url, admin, 'POST', '/units', { code, name: 'Unit Diaudit', kind: 'bidang', parent_code: parent });
  assert.equal(r.status, 201, r.text);
  const after1 = await checkpoint();
  assert.equal(after1.size, before.size + 1);
  assert.notEqual(after1.root, before.root);
  assert.equal(checkpointOk(after1), true);
  assert.equal(after1.public_key, before.public_key, 'one signing key');
  const last = (await entries()).at(-1);
  assert.equal(last.seq, after1.size);
  assert.equal(last.actor, 'admin.bkd');
  assert.equal(last.action, 'unit.create');
  assert.equal(last.object, `unit:${code}`);
  assert.equal(last.before_digest, '');
  const canon = `{"code":"${code}","name":"Unit Diaudit","parent_code":"${parent}","kind":"bidang","face_to_face":false,`
    + '"radius_m":100,"service_open":null,"service_close":null}';
  assert.equal(last.after_digest, hex(sha256(canon)), 'after_digest is the SHA-256 of the canonical unit');
  await renameUnit(code, 'Unit Diaudit Dua');
  const after2 = await checkpoint();
  assert.equal(after2.size, before.size + 2);
  const upd = (await entries()).at(-1);
  assert.equal(upd.action, 'unit.update');
  assert.equal(upd.before_digest, last.after_digest, 'before of the update is after of the create');
  // A refused change adds nothing.
  assertError(await call(s.url, admin, 'POST', '/units', { code, name: 'Kembar', kind: 'bidang' }), 409);
  assert.equal((await checkpoint()).size, after2.size);
});

test('inclusion proofs verify per RFC 9162 for every kind of position', async () => {
  const all = await entries();
  const N = all.length;
  const leaves = all.map((e) => unhex(e.leaf_hash));
  const cp = await checkpoint();
  const cases = [[0, 1], [0, N], [N - 1, N], [Math.floor(N / 2), N], [3, 4], [4, 5], [2, 7], [6, 7]].filter(([i, n]) => n <= N);
  for (const [i, n] of cases) {
    const p = await ok(s.url, null, `/audit/proof?index=${i}&size=${n}`);
    assert.equal(p.index, i);
    assert.equal(p.size, n);
    assert.equal(p.leaf_hash, all[i].leaf_hash, `leaf ${i}`);
    assert.equal(p.root, hex(mth(leaves.slice(0, n))), `root of ${n}`);
    const path = p.path.map(unhex);
    assert.equal(verifyInclusion(i, n, leaves[i], path, unhex(p.root)), true, `inclusion ${i} in ${n}`);
    if (path.length) {
      const bad = path.map((x, k) => (k === 0 ? sha256(x) : x));
      assert.equal(verifyInclusion(i, n, leaves[i], bad, unhex(p.root)), false, 'a damaged path fails');
    }
    if (n > 1) assert.equal(verifyInclusion(i, n, leaves[(i + 1) % n], path, unhex(p.root)), false, 'another leaf fails');
  }
  const full = await ok(s.url, null, `/audit/proof?index=${N - 1}&size=${N}`);
  assert.equal(full.root, cp.root, 'the proof at the checkpoint size ends in the signed root');
});

test('consistency proofs verify per RFC 9162, also between two signed checkpoints', async () => {
  const old = await checkpoint();
  await renameUnit(flat[1].u.code, 'Nama Untuk Konsistensi');
  await renameUnit(flat[1].u.code, 'Nama Untuk Konsistensi 2');
  const cur = await checkpoint();
  assert.equal(cur.size, old.size + 2);
  const all = await entries();
  const N = all.length;
  const leaves = all.map((e) => unhex(e.leaf_hash));
  const cases = [[1, N], [N, N], [old.size, N], [4, N], [3, N], [5, 8], [6, 8], [7, 8], [2, 3], [1, 1]].filter(([m, n]) => n <= N);
  for (const [m, n] of cases) {
    const p = await ok(s.url, null, `/audit/proof?from=${m}&to=${n}`);
    assert.equal(p.from, m);
    assert.equal(p.to, n);
    assert.equal(p.root_from, hex(mth(leaves.slice(0, m))), `root of ${m}`);
    assert.equal(p.root_to, hex(mth(leaves.slice(0, n))), `root of ${n}`);
    const path = p.path.map(unhex);
    assert.equal(verifyConsistency(m, n, unhex(p.root_from), unhex(p.root_to), path), true, `consistency ${m} -> ${n}`);
    if (m < n) {
      assert.equal(verifyConsistency(m, n, sha256('forged'), unhex(p.root_to), path), false, 'a forged old root fails');
    }
  }
  const p = await ok(s.url, null, `/audit/proof?from=${old.size}&to=${cur.size}`);
  assert.equal(p.root_from, old.root);
  assert.equal(p.root_to, cur.root);
  assert.equal(verifyConsistency(old.size, cur.size, unhex(old.root), unhex(cur.root), p.path.map(unhex)), true);
});

test('bad proof parameters answer 422', async () => {
  const { size } = await checkpoint();
  for (const q of ['', 'index=0', 'size=3', `index=${size}&size=${size}`, 'index=-1&size=3', 'index=0&size=0',
    'index=a&size=3', 'index=1&size=2x', 'from=0&to=3', 'from=4&to=3', 'from=1', 'from=x&to=2', 'from=-2&to=2']) {
    assertError(await get(s.url, null, `/audit/proof?${q}`), 422, 'invalid');
  }
  assertError(await get(s.url, null, `/audit/proof?index=0&size=${size + 5}`), 422, 'beyond_log', 'size');
  assertError(await get(s.url, null, `/audit/proof?from=1&to=${size + 5}`), 422, 'beyond_log', 'to');
  assertError(await get(s.url, null, `/audit/proof?index=0&size=${2 ** 45}`), 422);
});

test('concurrent writes each get their own entry and the log stays a single chain', async () => {
  const before = await checkpoint();
  const parent = flat[0].u.code;
  const codes = Array.from({ length: 8 }, () => freshCode('PAR'));
  const rs = await Promise.all(codes.map((code) =>
    call(s.url, admin, 'POST', '/units', { code, name: `Paralel ${code}`, kind: 'seksi', parent_code: parent })));
  for (const r of rs) assert.equal(r.status, 201, r.text);
  const cp = await checkpoint();
  assert.equal(cp.size, before.size + 8);
  const all = await entries();
  let prev = '';
  for (const e of all) { assert.equal(hex(entryLeaf(e, prev)), e.leaf_hash, `entry ${e.seq}`); prev = e.leaf_hash; }
  assert.deepEqual(all.slice(-8).map((e) => e.object).sort(), codes.map((c) => `unit:${c}`).sort());
  assert.equal(hex(mth(all.map((e) => unhex(e.leaf_hash)))), cp.root);
});

test('an empty log has a signed checkpoint of size 0 over the hash of nothing', async () => {
  const e = await startServer({ demo: 0 });
  try {
    const cp = await ok(e.url, null, '/audit/checkpoint');
    assert.equal(cp.size, 0);
    assert.equal(cp.root, hex(sha256('')));
    assert.equal(checkpointOk(cp), true);
    assertError(await get(e.url, null, '/audit/proof?index=0&size=1'), 422, 'beyond_log');
    assertError(await get(e.url, null, '/audit/proof?from=1&to=1'), 422, 'beyond_log');
  } finally {
    await e.stop();
  }
});

// ---- fleksi audit verify ----
const verifyCli = (db) => cli(['audit', 'verify', '--db', db], { env: s.env });

test('fleksi audit verify exits 0 on the intact log of the running server', async () => {
  const cp = await checkpoint();
  const r = verifyCli(s.dbPath);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`audit log intact: ${cp.size} entries`));
  assert.ok(r.stdout.includes(cp.root), 'it reports the same root');
});

// Copies of the stopped server's database, one per tampering.
const pgCopies = [];
function pgBase() { return process.env.FLEKSI_TEST_PG_BASE; }
function dropPg(name) {
  try { execFileSync('psql', [pgBase(), '-qc', `DROP DATABASE IF EXISTS ${name}`], { stdio: 'pipe' }); } catch { /* best effort */ }
}
async function copyDb(tag) {
  if (!isPg()) {
    const dst = join(s.dir, `copy-${tag}.db`);
    execFileSync('sqlite3', [s.dbPath, `.backup '${dst}'`], { stdio: 'pipe' });
    return dst;
  }
  const src = new URL(s.dbPath).pathname.slice(1);
  const name = `${src}_${tag}`.slice(0, 60);
  for (let i = 0; ; i++) {
    try {
      execFileSync('psql', [pgBase(), '-qc', `CREATE DATABASE ${name} TEMPLATE ${src}`], { stdio: 'pipe' });
      break;
    } catch (e) { // the server's connections may take a moment to go away
      if (i > 50) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  pgCopies.push(name);
  const u = new URL(s.dbPath);
  u.pathname = `/${name}`;
  return u.toString();
}
function sql(db, text) {
  if (!isPg()) execFileSync('sqlite3', [db, text], { stdio: 'pipe' });
  else execFileSync('psql', [db, '-v', 'ON_ERROR_STOP=1', '-qc', text], { stdio: 'pipe' });
}
function expectTampered(db, seq, pattern) {
  const r = verifyCli(db);
  assert.equal(r.status, 1, `exit 1 for a tampered log: ${r.stdout} ${r.stderr}`);
  assert.match(r.stderr, new RegExp(`first bad entry ${seq}:`), r.stderr);
  if (pattern) assert.match(r.stderr, pattern, r.stderr);
}

let finalSize = 0;
test('SIGTERM stops the server cleanly and the stored log verifies', async () => {
  finalSize = (await checkpoint()).size;
  s.child.kill('SIGTERM');
  const code = await new Promise((r) => (s.child.exitCode !== null ? r(s.child.exitCode) : s.child.once('exit', r)));
  assert.equal(code, 0);
  const r = verifyCli(await copyDb('intact'));
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`audit log intact: ${finalSize} entries`));
});

test('audit verify names an entry whose actor was changed', async () => {
  const db = await copyDb('actor');
  sql(db, "UPDATE audit_entry SET actor = 'mallory' WHERE seq = 3");
  expectTampered(db, 3, /entry 3 was altered/);
});

test('audit verify names a deleted entry', async () => {
  const db = await copyDb('gone');
  sql(db, 'DELETE FROM audit_entry WHERE seq = 4');
  expectTampered(db, 4, /entry 4 is missing/);
});

test('audit verify names the first of two entries whose contents were swapped', async () => {
  const db = await copyDb('swap');
  const cols = ['at', 'actor', 'action', 'object', 'before_digest', 'after_digest'];
  const row = (seq) => {
    const q = `SELECT ${cols.join(', ')} FROM audit_entry WHERE seq = ${seq}`;
    const out = !isPg() ? execFileSync('sqlite3', ['-separator', '\x1f', db, q], { encoding: 'utf8' })
      : execFileSync('psql', [db, '-AtqF', '\x1f', '-c', q], { encoding: 'utf8' });
    return out.replace(/\n$/, '').split('\x1f');
  };
  const five = row(5), six = row(6);
  assert.equal(five.length, cols.length);
  assert.notDeepEqual(five, six);
  const lit = (v) => `'${v.replaceAll("'", "''")}'`;
  const set = (vals) => cols.map((c, i) => `${c} = ${lit(vals[i])}`).join(', ');
  sql(db, `UPDATE audit_entry SET ${set(six)} WHERE seq = 5; UPDATE audit_entry SET ${set(five)} WHERE seq = 6;`);
  assert.deepEqual(row(5), six);
  assert.deepEqual(row(6), five);
  expectTampered(db, 5, /entry 5 was altered/);
});

test('audit verify notices entries cut from the end, even with the head rewritten', async () => {
  const db = await copyDb('tail');
  sql(db, `DELETE FROM audit_entry WHERE seq = ${finalSize};
    UPDATE audit_head SET size = ${finalSize - 1}, last_hash = (SELECT leaf_hash FROM audit_entry WHERE seq = ${finalSize - 1}) WHERE id = 1;`);
  expectTampered(db, finalSize, /removed/);
});

test('audit verify notices a forged checkpoint signature', async () => {
  const db = await copyDb('sig');
  sql(db, `UPDATE audit_checkpoint SET signature = '${'ab'.repeat(64)}' WHERE size = ${finalSize}`);
  expectTampered(db, finalSize, /bad signature/);
});
