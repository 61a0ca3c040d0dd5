// The error contract: every refusal is {"error":{"code","message","field"}}
// with a 4xx status and a JSON content type; unknown API routes 404, a known
// route with the wrong method 405, a JSON body over 64 KiB 413.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, call, get, assertError, healthy, rawRequest } from './_helpers.mjs';

let s, admin, pegawai;
before(async () => {
  s = await startServer();
  admin = await login(s.url, 'admin.bkd');
  pegawai = await login(s.url, 'pegawai.bappeda');
});
after(async () => { await s?.stop(); });

test('unknown API routes answer 404 not_found in the error shape', async () => {
  for (const [method, path] of [['GET', '/api/v1/nope'], ['GET', '/api/v2/units'], ['GET', '/api/v1/units/A/B'],
    ['POST', '/api/v1/nope'], ['DELETE', '/api/v1/employees'], ['GET', '/api/'], ['GET', '/api/v1/'],
    ['GET', '/api/v1/employees/'], ['PUT', '/nowhere'], ['POST', '/healthz/x']]) {
    const r = await call(s.url, admin, method, path);
    if (method === 'DELETE') { assertError(r, 405, 'method_not_allowed'); continue; }
    assertError(r, 404, 'not_found', null);
  }
});

test('import of an unknown kind answers 404 naming the kind', async () => {
  const r = await call(s.url, admin, 'POST', '/import/positions', 'a,b\n1,2\n', { 'content-type': 'text/csv' });
  assertError(r, 404, 'not_found', 'kind');
});

test('a known route with the wrong method answers 405 method_not_allowed', async () => {
  for (const [method, path] of [['PUT', '/api/v1/units'], ['DELETE', '/api/v1/me'], ['POST', '/api/v1/me'],
    ['GET', '/api/v1/import/units'], ['PATCH', '/api/v1/employees'], ['DELETE', '/api/v1/units/X'],
    ['PUT', '/api/v1/session'], ['POST', '/healthz'], ['POST', '/api/v1/audit/checkpoint']]) {
    assertError(await call(s.url, admin, method, path), 405, 'method_not_allowed', null);
  }
});

test('a 405 answer lists the allowed methods in Allow (RFC 9110 section 15.5.6)', async () => {
  const r = await call(s.url, admin, 'PUT', '/api/v1/units');
  assert.equal(r.status, 405);
  const allow = (r.headers.get('allow') || '').split(',').map((x) => x.trim()).sort();
  assert.deepEqual(allow, ['GET', 'HEAD', 'POST']); // HEAD is answered wherever GET is
});

test('a JSON body over 64 KiB answers 413 too_big', async () => {
  const big = JSON.stringify({ username: 'x'.repeat(70 * 1024), password: 'y' });
  assertError(await call(s.url, null, 'POST', '/session', big, { 'content-type': 'application/json' }), 413, 'too_big');
  const unit = JSON.stringify({ code: 'BIG', name: 'n'.repeat(65 * 1024), kind: 'bidang' });
  assertError(await call(s.url, admin, 'POST', '/units', unit, { 'content-type': 'application/json' }), 413, 'too_big');
  assertError(await call(s.url, admin, 'POST', '/employees', ' '.repeat(64 * 1024 + 1),
    { 'content-type': 'application/json' }), 413, 'too_big');
  // Just under the limit is parsed (and refused for its content, not its size).
  const under = JSON.stringify({ username: 'u'.repeat(60 * 1024), password: 'p' });
  assertError(await call(s.url, null, 'POST', '/session', under, { 'content-type': 'application/json' }), 401, 'invalid_credentials');
  await healthy(s.url);
});

test('errors of every kind share the shape', async () => {
  const cases = [
    [await get(s.url, null, '/employees'), 401],
    [await get(s.url, pegawai, '/audit/entries'), 403],
    [await get(s.url, admin, '/units/NO-SUCH-UNIT'), 404],
    [await get(s.url, admin, '/employees/199001012015011999'), 404],
    [await get(s.url, admin, '/employees?per_page=500'), 422],
    [await call(s.url, admin, 'POST', '/units', { code: 'x', name: 'y', kind: 'nope' }), 422],
    [await call(s.url, admin, 'POST', '/units', '{', { 'content-type': 'application/json' }), 400],
    [await call(s.url, admin, 'POST', '/import/units', 'kode\n', { 'content-type': 'application/json' }), 415],
    [await get(s.url, null, '/audit/proof?index=5&size=2'), 422],
  ];
  for (const [r, status] of cases) {
    const e = assertError(r, status);
    assert.equal(typeof e.message_id, 'string', 'an Indonesian message too');
    assert.equal(r.headers.get('cache-control'), 'no-store');
  }
});

test('the 404 for an unknown unit or employee names the path parameter', async () => {
  assertError(await get(s.url, admin, '/units/NO-SUCH-UNIT'), 404, 'not_found', 'code');
  assertError(await get(s.url, admin, '/employees/199001012015011999'), 404, 'not_found', 'nip');
  assertError(await call(s.url, admin, 'PATCH', '/units/NO-SUCH-UNIT', { name: 'x' }), 404, 'not_found', 'code');
  assertError(await call(s.url, admin, 'PATCH', '/employees/199001012015011999', { name: 'x' }), 404, 'not_found', 'nip');
});

test('HEAD is answered like GET, without a body (RFC 9110 section 9.1)', async () => {
  // Load balancers and uptime checks often probe with HEAD.
  for (const path of ['/healthz', '/api/v1/audit/checkpoint']) {
    const r = await rawRequest(s.url, `HEAD ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    assert.equal(r.status, 200, `HEAD ${path}: ${r.text.split('\r\n')[0]}`);
    assert.equal(r.text.split('\r\n\r\n')[1] || '', '', 'no body');
  }
});
