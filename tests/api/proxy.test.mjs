// Behind nginx the socket address is the proxy's: with --trust-proxy the
// client address (used for sign-in rate limits and the access log) comes from
// the last X-Forwarded-For entry; without it the header is ignored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';

let proxied, direct;
before(async () => {
  proxied = await startServer({ demo: 0, serveArgs: ['--trust-proxy'] });
  direct = await startServer({ demo: 0 });
});
after(async () => { await proxied?.stop(); await direct?.stop(); });

async function remoteLogged(server, marker) {
  await fetch(`${server.url}/api/v1/${marker}`, { headers: { 'x-forwarded-for': '10.9.8.7, 203.0.113.9' } });
  for (let i = 0; i < 50; i++) {
    const line = server.log().split('\n').find((l) => l.includes(marker));
    if (line) return JSON.parse(line).remote;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('no access log line');
}

test('with --trust-proxy the client is the last X-Forwarded-For entry', async () => {
  assert.equal(await remoteLogged(proxied, 'mark-proxied'), '203.0.113.9');
});

test('without --trust-proxy X-Forwarded-For is ignored', async () => {
  assert.equal(await remoteLogged(direct, 'mark-direct'), '127.0.0.1');
});

test('a forged X-Forwarded-For cannot break or forge fields in the access log', async () => {
  const evil = '203.0.113.1"}{"user":"admin.bkd';
  await fetch(`${proxied.url}/api/v1/mark-forged`, { headers: { 'x-forwarded-for': `10.0.0.1, ${evil}` } });
  let line;
  for (let i = 0; i < 50 && !line; i++) {
    line = proxied.log().split('\n').find((l) => l.includes('mark-forged'));
    if (!line) await new Promise((r) => setTimeout(r, 20));
  }
  const entry = JSON.parse(line); // still one valid JSON object
  assert.equal(entry.remote, evil);
  assert.equal(entry.user, '');
});
