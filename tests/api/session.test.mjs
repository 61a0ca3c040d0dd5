// Sign in, the session cookie, who am I, sign out, body checking and the
// login rate limit (POST/DELETE /api/v1/session, GET /api/v1/me).
// Failed logins are rate limited per user (10 per 15 minutes) and per
// address: this file counts its attempts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, call, get, assertError, DEMO_PASSWORD } from './_helpers.mjs';

let s;
before(async () => { s = await startServer(); });
after(async () => { await s?.stop(); });

const post = (body, headers) => call(s.url, null, 'POST', '/session', body, headers);

function sessionCookie(r) {
  const all = r.headers.getSetCookie();
  const c = all.find((x) => x.startsWith('fleksi_session='));
  assert.ok(c, `a fleksi_session cookie is set: ${JSON.stringify(all)}`);
  return c;
}

test('login answers 200 with a token, the user and an HttpOnly SameSite=Strict cookie', async () => {
  const r = await post({ username: 'pegawai.bappeda', password: DEMO_PASSWORD });
  assert.equal(r.status, 200, r.text);
  assert.match(r.body.token, /^[A-Za-z0-9_-]{43}$/);
  const u = r.body.user;
  assert.equal(u.username, 'pegawai.bappeda');
  assert.deepEqual(u.roles, ['pegawai']);
  assert.match(u.nip, /^\d{18}$/);
  assert.equal(typeof u.name, 'string');
  assert.equal(typeof u.unit.code, 'string');
  assert.equal(typeof u.unit.name, 'string');
  assert.equal(u.opd_unit, null);
  assert.equal(r.headers.get('cache-control'), 'no-store');
  const c = sessionCookie(r);
  const parts = c.split(';').map((p) => p.trim());
  assert.equal(parts[0], `fleksi_session=${r.body.token}`);
  assert.ok(parts.includes('HttpOnly'), c);
  assert.ok(parts.includes('SameSite=Strict'), c);
  assert.ok(parts.includes('Path=/'), c);
  const maxAge = parts.find((p) => p.startsWith('Max-Age='));
  assert.ok(maxAge && Number(maxAge.slice(8)) > 3600, c);
  assert.ok(!parts.includes('Secure'), 'no Secure flag without --secure-cookies');

  // The cookie alone is a session.
  const me = await call(s.url, null, 'GET', '/me', undefined, { cookie: `fleksi_session=${r.body.token}` });
  assert.equal(me.status, 200, me.text);
  assert.deepEqual(me.body, u);
});

test('each role sees its roles, NIP, unit and body in the login reply and in /me', async () => {
  const admin = await login(s.url, 'admin.bkd');
  assert.deepEqual(admin.user.roles, ['admin_bkd']);
  assert.equal(admin.user.nip, null);
  const insp = await login(s.url, 'inspektur');
  assert.ok(insp.user.roles.includes('inspektorat') && insp.user.roles.includes('pegawai'), insp.user.roles.join());
  const kepala = await login(s.url, 'kepala.bappeda');
  assert.ok(kepala.user.roles.includes('kepala_opd'), kepala.user.roles.join());
  assert.equal(typeof kepala.user.opd_unit, 'string');
  const atasan = await login(s.url, 'atasan.bappeda');
  assert.ok(atasan.user.roles.includes('atasan') && atasan.user.roles.includes('pegawai'), atasan.user.roles.join());
  assert.ok(!atasan.user.roles.includes('kepala_opd'));
  for (const a of [admin, insp, kepala, atasan]) {
    const me = await get(s.url, a, '/me');
    assert.equal(me.status, 200);
    assert.deepEqual(me.body, a.user);
  }
});

test('a wrong password or an unknown user answers 401 invalid_credentials, alike', async () => {
  const wrong = await post({ username: 'admin.bkd', password: 'not-the-password' });
  assertError(wrong, 401, 'invalid_credentials', 'password');
  assert.equal(wrong.headers.getSetCookie().length, 0, 'no cookie on failure');
  const nobody = await post({ username: 'no.such.user', password: DEMO_PASSWORD });
  assertError(nobody, 401, 'invalid_credentials', 'password');
  assert.equal(nobody.body.error.message, wrong.body.error.message, 'no hint whether the user exists');
  const empty = await post({ username: '', password: '' });
  assertError(empty, 401, 'invalid_credentials');
});

test('without a valid session /me answers 401', async () => {
  assertError(await get(s.url, null, '/me'), 401, 'unauthorized');
  assertError(await call(s.url, null, 'GET', '/me', undefined, { authorization: 'Bearer nonsense' }), 401, 'unauthorized');
  assertError(await call(s.url, null, 'GET', '/me', undefined,
    { authorization: `Bearer ${'A'.repeat(43)}` }), 401, 'unauthorized');
  assertError(await call(s.url, null, 'GET', '/me', undefined, { cookie: 'fleksi_session=forged' }), 401, 'unauthorized');
  assertError(await call(s.url, null, 'GET', '/me', undefined, { authorization: 'Basic YWRtaW46eA==' }), 401, 'unauthorized');
});

test('DELETE /api/v1/session ends that session only', async () => {
  const one = await login(s.url, 'admin.bkd');
  const two = await login(s.url, 'admin.bkd');
  assert.notEqual(one.token, two.token);
  const r = await call(s.url, one, 'DELETE', '/session');
  assert.equal(r.status, 204, r.text);
  const c = sessionCookie(r);
  assert.match(c, /^fleksi_session=;/);
  assert.match(c, /Max-Age=0/);
  assertError(await get(s.url, one, '/me'), 401, 'unauthorized');
  assertError(await call(s.url, null, 'GET', '/me', undefined, { cookie: `fleksi_session=${one.token}` }), 401);
  assertError(await get(s.url, one, '/employees'), 401, 'unauthorized');
  assertError(await call(s.url, one, 'DELETE', '/session'), 401, 'unauthorized');
  assert.equal((await get(s.url, two, '/me')).status, 200, 'the other session lives on');
});

test('signing out with the cookie alone works', async () => {
  const r = await post({ username: 'kepala.bappeda', password: DEMO_PASSWORD });
  assert.equal(r.status, 200);
  const cookie = { cookie: `fleksi_session=${r.body.token}` };
  assert.equal((await call(s.url, null, 'DELETE', '/session', undefined, cookie)).status, 204);
  assertError(await call(s.url, null, 'GET', '/me', undefined, cookie), 401, 'unauthorized');
});

test('unknown fields, wrong types and missing fields answer 422 naming the field', async () => {
  assertError(await post({ username: 'admin.bkd', password: DEMO_PASSWORD, remember: true }), 422, 'unknown_field', 'remember');
  assertError(await post({ username: 42, password: DEMO_PASSWORD }), 422, 'wrong_type', 'username');
  assertError(await post({ username: 'admin.bkd', password: ['x'] }), 422, 'wrong_type', 'password');
  assertError(await post({ username: null, password: DEMO_PASSWORD }), 422, 'wrong_type', 'username');
  assertError(await post({ username: 'admin.bkd' }), 422, 'missing_field', 'password');
  assertError(await post({ password: DEMO_PASSWORD }), 422, 'missing_field', 'username');
  assertError(await post({}), 422, 'missing_field', 'username');
});

test('malformed JSON answers 400 invalid_json', async () => {
  const ct = { 'content-type': 'application/json' };
  for (const body of ['{"username":', '{username:"a"}', '', 'null', '[1,2]', '"text"', '{"a":1}{',
    '{"username":"a","username":"b","password":"c"}', "{'username':'a'}"]) {
    assertError(await post(body, ct), 400, 'invalid_json', null);
  }
});

test('repeated failed logins for one user are rate limited with 429, the right password too', async () => {
  const user = 'atasan.bappeda'; // signed in successfully above: successes are not counted
  for (let i = 1; i <= 10; i++) {
    assertError(await post({ username: user, password: `wrong-${i}` }), 401, 'invalid_credentials');
  }
  assertError(await post({ username: user, password: 'wrong-11' }), 429, 'rate_limited');
  const right = await post({ username: user, password: DEMO_PASSWORD });
  assertError(right, 429, 'rate_limited');
  assert.equal(right.headers.get('retry-after'), '900');
  assert.equal(right.headers.getSetCookie().length, 0);
  // Other users are not affected.
  const other = await post({ username: 'inspektur', password: DEMO_PASSWORD });
  assert.equal(other.status, 200, other.text);
});

test('successful sign-ins do not use up the limit', async () => {
  for (let i = 0; i < 12; i++) {
    const r = await post({ username: 'kepala.bappeda', password: DEMO_PASSWORD });
    assert.equal(r.status, 200, `sign-in ${i + 1}: ${r.text}`);
  }
});

test('an unknown user name is rate limited the same way', async () => {
  for (let i = 0; i < 10; i++) assertError(await post({ username: 'ghost.user', password: `x${i}` }), 401, 'invalid_credentials');
  assertError(await post({ username: 'ghost.user', password: 'x' }), 429, 'rate_limited');
});
