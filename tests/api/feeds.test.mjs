// Private calendar feeds (issue 4 item 5): each employee gets a secret
// iCalendar URL of their plans and the days off (RFC 5545: CRLF, folding at
// 75 octets, escaping), readable without a session; rotating replaces it;
// an unknown secret is 404; only the employee themself gets their URL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, call, ok, assertError } from './_helpers.mjs';

let s, admin, kepala, atasan, pegawai, me;
before(async () => {
  s = await startServer();
  [admin, kepala, atasan, pegawai] = await Promise.all(
    ['admin.bkd', 'kepala.bappeda', 'atasan.bappeda', 'pegawai.bappeda'].map((u) => login(s.url, u)));
  me = await ok(s.url, pegawai, '/me');
});
after(async () => { await s?.stop(); });

// A working day (Tuesday..Thursday) of the ISO week `weeks` ahead, in Jakarta.
function weekday(weeks, isoDay) {
  const now = new Date(Date.now() + 7 * 3600e3);
  const monday = new Date(now.getTime() - ((now.getUTCDay() + 6) % 7) * 86400e3 + weeks * 7 * 86400e3);
  return new Date(monday.getTime() + (isoDay - 1) * 86400e3).toISOString().slice(0, 10);
}

// Unfold (RFC 5545 3.1) and split into content lines.
const unfold = (text) => text.replace(/\r\n /g, '').split('\r\n');

async function feedText(path) {
  const r = await fetch(`${s.url}${path}`);
  return { status: r.status, type: r.headers.get('content-type'), text: await r.text(), headers: r.headers };
}

test('the feed: plans as all-day events and the days off, well-formed', async () => {
  const f = await ok(s.url, pegawai, `/employees/${me.nip}/feed`);
  assert.match(f.path, /^\/api\/v1\/feeds\/[a-z2-7]{52}\.ics$/);
  assert.ok(f.url.endsWith(f.path));
  const again = await ok(s.url, pegawai, `/employees/${me.nip}/feed`);
  assert.equal(again.path, f.path, 'the same URL until rotated');

  // Plans (through the plans API): one approved, one requested, one cancelled.
  const mk = async (date, mode, location) => {
    const r = await call(s.url, pegawai, 'POST', '/plans', { nip: me.nip, date, mode, ...(location ? { location } : {}) });
    assert.equal(r.status, 201, r.text);
    return r.body;
  };
  const address = 'Jl. Kemang Raya No. 5, Bangka; Mampang Prapatan, Jakarta Selatan — rumah keluarga di dekat taman kota';
  // Weeks 4 and 5 ahead (the demo seeds plans in the next two), Tuesday to
  // Thursday first, skipping days off.
  const off = new Set();
  for (const y of new Set([weekday(4, 1), weekday(6, 5)].map((d) => d.slice(0, 4)))) {
    for (const d of (await ok(s.url, pegawai, `/calendar?year=${y}`)).days_off) off.add(d.date);
  }
  const free = (w) => [2, 3, 4, 1, 5].map((d) => weekday(w, d)).filter((d) => !off.has(d));
  const [w1, w2] = [free(4), free(5).length ? free(5) : free(6)];
  const a = await mk(w1[0], 'wfh');
  const b = await mk(w1[1], 'wfa', { address, lat: -6.26, lon: 106.81 });
  const c = await mk(w2[0], 'wfh');
  const ap = await call(s.url, atasan, 'POST', `/plans/${a.id}/approve`, {});
  assert.equal(ap.status, 200, ap.text);
  const cc = await call(s.url, pegawai, 'POST', `/plans/${c.id}/cancel`, {});
  assert.equal(cc.status, 200, cc.text);

  const r = await feedText(f.path);
  assert.equal(r.status, 200);
  assert.equal(r.type, 'text/calendar; charset=utf-8');
  assert.ok(r.text.endsWith('END:VCALENDAR\r\n'));
  assert.ok(!/[^\r]\n/.test(r.text), 'every line ends in CRLF');
  for (const line of r.text.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, `folded: ${line}`);
  const lines = unfold(r.text);
  assert.equal(lines[0], 'BEGIN:VCALENDAR');
  assert.ok(lines.includes('VERSION:2.0'));
  const events = r.text.replace(/\r\n /g, '').split('BEGIN:VEVENT\r\n').slice(1).map((e) => e.split('\r\n'));
  const ev = (uid) => events.find((e) => e.includes(`UID:${uid}`));
  const ea = ev(`plan-${a.id}@fleksi`), eb = ev(`plan-${b.id}@fleksi`), ec = ev(`plan-${c.id}@fleksi`);
  assert.ok(ea && eb && ec, 'one event per plan');
  assert.ok(ea.includes('SUMMARY:WFH (disetujui)'));
  assert.ok(ea.includes('STATUS:CONFIRMED'));
  assert.ok(ea.includes(`DTSTART;VALUE=DATE:${a.date.replaceAll('-', '')}`));
  assert.ok(ea.some((l) => /^DTSTAMP:\d{8}T\d{6}Z$/.test(l)));
  assert.ok(eb.includes('SUMMARY:WFA (diajukan)'));
  assert.ok(eb.includes('STATUS:TENTATIVE'));
  assert.ok(eb.includes('LOCATION:Jl. Kemang Raya No. 5\\, Bangka\\; Mampang Prapatan\\, Jakarta Selatan — rumah keluarga di dekat taman kota'));
  assert.ok(ec.includes('STATUS:CANCELLED'));
  assert.ok(ec.includes('SUMMARY:WFH (dibatalkan)'));
  const year = new Date(Date.now() + 7 * 3600e3).getUTCFullYear();
  if (year === 2026) {
    const idul = ev('libur-2026-03-21@fleksi');
    assert.ok(idul.includes('SUMMARY:Hari Raya Idul Fitri 1447 H'));
    assert.ok(idul.includes('DTEND;VALUE=DATE:20260322'));
  }
  assert.ok(events.some((e) => e.some((l) => l.startsWith('UID:libur-'))), 'the days off are in the feed');
  // The feed needs no session, and HEAD works too.
  const head = await fetch(`${s.url}${f.path}`, { method: 'HEAD' });
  assert.equal(head.status, 200);
});

test('rotating replaces the URL; unknown and malformed secrets are 404', async () => {
  const old = await ok(s.url, pegawai, `/employees/${me.nip}/feed`);
  const r = await call(s.url, pegawai, 'POST', `/employees/${me.nip}/feed/rotate`);
  assert.equal(r.status, 201, r.text);
  assert.notEqual(r.body.path, old.path);
  assert.equal((await feedText(old.path)).status, 404);
  assert.equal((await feedText(r.body.path)).status, 200);
  assert.equal((await feedText(r.body.path.toUpperCase().replace('/API/V1/FEEDS/', '/api/v1/feeds/').replace('.ICS', '.ics'))).status, 200);
  const bad = ['a'.repeat(52) + '.ics', 'x.ics', r.body.path.split('/').pop().replace('.ics', '.txt'), '1'.repeat(52) + '.ics'];
  for (const b of bad) {
    const x = await call(s.url, null, 'GET', `/api/v1/feeds/${b}`);
    assertError(x, 404, 'not_found');
  }
  const entries = (await ok(s.url, admin, '/audit/entries?from=1&limit=1000')).items;
  const feedAudit = entries.filter((e) => e.object === `employee:${me.nip}` && e.action.startsWith('feed.'));
  assert.deepEqual(feedAudit.map((e) => e.action), ['feed.create', 'feed.rotate']);
  assert.ok(!JSON.stringify(entries).includes(r.body.path.split('/').pop().slice(0, 52)), 'the secret is not in the audit log');
});

test('only the employee themself gets or rotates their feed URL', async () => {
  for (const a of [admin, kepala, atasan]) {
    assertError(await call(s.url, a, 'GET', `/employees/${me.nip}/feed`), 403, 'forbidden');
    assertError(await call(s.url, a, 'POST', `/employees/${me.nip}/feed/rotate`), 403, 'forbidden');
  }
  assertError(await call(s.url, null, 'GET', `/employees/${me.nip}/feed`), 401);
  assertError(await call(s.url, pegawai, 'GET', '/employees/199901012020011999/feed'), 404);
  const own = await ok(s.url, atasan, `/employees/${(await ok(s.url, atasan, '/me')).nip}/feed`);
  assert.match(own.path, /\.ics$/);
});
