// Shared helpers for the API tests (not a test file itself: node --test only
// runs *.test.mjs). Requests, error-shape checks, paging through employees,
// the unit tree, fresh NIPs and a raw-socket client for requests fetch() would
// normalise.
import assert from 'node:assert/strict';
import net from 'node:net';

export { startServer, login, cli, BIN, DEMO_PASSWORD, freshDatabase } from '../lib/server.mjs';

// One API call. path is below /api/v1 unless it starts with '/' and not
// '/api' is wanted: pass a full path starting with '/api/' or '/healthz' etc.
// body: an object (sent as JSON), a string or Buffer (sent as is).
// Returns {status, headers, body (parsed JSON when the reply is JSON), text}.
export async function call(url, auth, method, path, body, extraHeaders = {}) {
  const full = path.startsWith('/api/') || path.startsWith('/healthz') || path.startsWith('/metrics')
    ? path : `/api/v1${path}`;
  const headers = { ...(auth ? { authorization: `Bearer ${auth.token}` } : {}), ...extraHeaders };
  let payload;
  if (body !== undefined) {
    if (typeof body === 'string' || Buffer.isBuffer(body)) payload = body;
    else {
      payload = JSON.stringify(body);
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
    }
  }
  const r = await fetch(`${url}${full}`, { method, headers, body: payload });
  const text = await r.text();
  let parsed;
  if ((r.headers.get('content-type') || '').startsWith('application/json')) {
    try { parsed = JSON.parse(text); } catch { parsed = undefined; }
  }
  return { status: r.status, headers: r.headers, body: parsed, text };
}

export const get = (url, auth, path) => call(url, auth, 'GET', path);

// GET that must answer 200; returns the JSON body.
export async function ok(url, auth, path) {
  const r = await get(url, auth, path);
  assert.equal(r.status, 200, `GET ${path}: ${r.status} ${r.text.slice(0, 300)}`);
  return r.body;
}

// Check the error shape {"error":{"code","message","field"}} and the status.
export function assertError(r, status, code, field) {
  const where = `${r.status} ${r.text.slice(0, 400)}`;
  assert.equal(r.status, status, `status: ${where}`);
  assert.ok(r.status >= 400 && r.status < 500, `an error status is 4xx: ${where}`);
  assert.match(r.headers.get('content-type') || '', /^application\/json/, where);
  assert.ok(r.body && typeof r.body.error === 'object' && r.body.error !== null, `error object: ${where}`);
  const e = r.body.error;
  assert.equal(typeof e.code, 'string', where);
  assert.equal(typeof e.message, 'string', where);
  assert.ok(e.message.length > 0, where);
  assert.ok('field' in e, `error.field present: ${where}`);
  assert.ok(e.field === null || typeof e.field === 'string', where);
  if (code !== undefined) assert.equal(e.code, code, `code: ${where}`);
  if (field !== undefined) assert.equal(e.field, field, `field: ${where}`);
  return e;
}

// Every employee visible to auth (pages of 200), optionally with a query string.
export async function allEmployees(url, auth, query = '') {
  const out = [];
  let total = -1;
  for (let page = 1; page < 1000; page++) {
    const b = await ok(url, auth, `/employees?per_page=200&page=${page}${query ? `&${query}` : ''}`);
    total = b.total;
    out.push(...b.items);
    if (b.items.length < 200) break;
  }
  assert.equal(out.length, total, 'pages add up to total');
  return out;
}

// The unit tree flattened: [{u, depth, parent, ancestors: [codes root-first]}].
export function flattenTree(items) {
  const flat = [];
  const walk = (u, depth, parent, ancestors) => {
    flat.push({ u, depth, parent, ancestors });
    for (const c of u.children || []) walk(c, depth + 1, u, [...ancestors, u.code]);
  };
  for (const u of items) walk(u, 0, null, []);
  return flat;
}

// Codes of a unit and every unit below it.
export function subtreeCodes(node) {
  const out = [];
  const walk = (u) => { out.push(u.code); for (const c of u.children || []) walk(c); };
  walk(node);
  return out;
}

// Supervisor map → every employee below nip (transitively).
export function below(employees, nip) {
  const kids = new Map();
  for (const e of employees) {
    const s = e.supervisor?.nip;
    if (!s) continue;
    if (!kids.has(s)) kids.set(s, []);
    kids.get(s).push(e.nip);
  }
  const out = new Set();
  const stack = [...(kids.get(nip) || [])];
  while (stack.length) {
    const n = stack.pop();
    if (out.has(n)) continue;
    out.add(n);
    stack.push(...(kids.get(n) || []));
  }
  return out;
}

// A valid PNS NIP (RULES.md §6) that no employee has yet: born 1941-1999,
// CPNS start 25 years later, male, sequence from a counter.
let nipCounter = 0;
export function pnsNip(i) {
  const y = 1941 + (i % 59), m = 1 + (i % 12), d = 1 + (i % 28);
  const seq = 1 + (Math.floor(i / 7) % 998);
  return `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${y + 25}${String(m).padStart(2, '0')}1${String(seq).padStart(3, '0')}`;
}
export async function freshNip(url, auth) {
  for (;;) {
    const nip = pnsNip(7919 + (nipCounter++) * 131 + (process.pid % 97));
    const r = await get(url, auth, `/employees/${nip}`);
    if (r.status === 404) return nip;
  }
}

// A unique unit code for this run.
let codeCounter = 0;
export function freshCode(prefix = 'T') {
  return `${prefix}-${process.pid % 10000}-${Date.now() % 100000}-${codeCounter++}`;
}

// Send raw bytes over a socket and return {status, text} (status 0 when the
// server closed without answering). For paths fetch() would normalise.
export function rawRequest(url, data, timeoutMs = 10000) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const sock = net.connect(Number(port), hostname);
    const chunks = [];
    const timer = setTimeout(() => { sock.destroy(); reject(new Error('raw request timed out')); }, timeoutMs);
    sock.on('connect', () => sock.end(data));
    sock.on('data', (d) => chunks.push(d));
    sock.on('error', () => {});
    sock.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: m ? Number(m[1]) : 0, text });
    });
  });
}

export async function healthy(url) {
  const r = await fetch(`${url}/healthz`);
  assert.equal(r.status, 200, 'GET /healthz');
  const b = await r.json();
  assert.equal(b.status, 'ok');
}

export const isPg = () => Boolean(process.env.FLEKSI_TEST_PG_BASE);
