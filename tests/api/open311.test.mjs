// Open311 GeoReport v2 at /open311/v2/ (issue 7 item 1): discovery, services,
// service definitions, POST requests with an api_key, GET requests with the
// spec's filters and defaults, one request, tokens — every endpoint in JSON
// and XML, with the spec's error bodies and status codes (400, 403, 404).
// XML is read with a real parser (fast-xml-parser).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { startServer, login, call, cli } from './_helpers.mjs';

let s, admin, key;
const xml = new XMLParser({ parseTagValue: false, isArray: (name) => ['service', 'request', 'error', 'attribute',
  'value', 'endpoint', 'format'].includes(name) });

before(async () => {
  s = await startServer();
  admin = await login(s.url, 'admin.bkd');
  const r = cli(['open311', 'key', 'add', '--db', s.dbPath, '--name', 'Test App'], { env: s.env });
  assert.equal(r.status, 0, r.stderr);
  key = r.stdout.trim();
  assert.match(key, /^[0-9a-f]{40}$/);
  const put = await call(s.url, admin, 'PUT', '/reports/settings', { rate_per_hour: 10000 });
  assert.equal(put.status, 200, put.text);
});
after(async () => { await s?.stop(); });

const O = (p) => `${s.url}/open311/v2/${p}`;
async function getFmt(path, fmt) {
  const r = await fetch(O(`${path}.${fmt}`));
  const text = await r.text();
  const type = r.headers.get('content-type') || '';
  if (fmt === 'json') {
    assert.match(type, /^application\/json/);
    return { status: r.status, body: JSON.parse(text), text };
  }
  assert.match(type, /^text\/xml/);
  assert.equal(XMLValidator.validate(text), true, text.slice(0, 300));
  return { status: r.status, body: xml.parse(text), text };
}
async function post(fields, fmt = 'json') {
  const r = await fetch(O(`requests.${fmt}`), {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  const text = await r.text();
  return { status: r.status, text, body: fmt === 'json' ? JSON.parse(text) : xml.parse(text) };
}
const report = (over = {}) => ({
  api_key: key, service_code: 'counter_closed', lat: '-6.1860', long: '106.8230',
  'attribute[seen_at]': '2026-11-27T09:10:00+07:00', description: 'Loket 2 tutup pada jam layanan.', ...over,
});
function jsonError(r, code, re) {
  assert.equal(r.status, code, r.text);
  assert.ok(Array.isArray(r.body) && r.body.length >= 1, r.text);
  assert.equal(r.body[0].code, code);
  assert.match(r.body[0].description, re);
}
function xmlError(r, code, re) {
  assert.equal(r.status, code, r.text);
  const e = r.body.errors.error[0];
  assert.equal(e.code, String(code));
  assert.match(e.description, re);
}

test('discovery in JSON and XML', async () => {
  const j = await getFmt('discovery', 'json');
  assert.equal(j.status, 200);
  assert.equal(j.body.endpoints[0].specification, 'http://wiki.open311.org/GeoReport_v2');
  assert.equal(j.body.endpoints[0].url, `${s.url}/open311/v2`);
  assert.deepEqual(j.body.endpoints[0].formats, ['application/json', 'text/xml']);
  for (const k of ['changeset', 'contact', 'key_service']) assert.equal(typeof j.body[k], 'string');
  const x = await getFmt('discovery', 'xml');
  assert.equal(x.body.discovery.endpoints.endpoint[0].type, 'production');
  assert.deepEqual(x.body.discovery.endpoints.endpoint[0].formats.format, ['application/json', 'text/xml']);
});

test('service list and definitions in both formats; unknown code is 404', async () => {
  const j = await getFmt('services', 'json');
  assert.deepEqual(j.body.map((x) => x.service_code),
    ['counter_closed', 'official_unreachable', 'official_absent', 'slow_service', 'other']);
  for (const svc of j.body) {
    assert.deepEqual(Object.keys(svc).sort(), ['description', 'group', 'keywords', 'metadata', 'service_code',
      'service_name', 'type'].sort());
    assert.equal(svc.metadata, true);
    assert.ok(['realtime', 'batch', 'blackbox'].includes(svc.type));
  }
  const x = await getFmt('services', 'xml');
  assert.equal(x.body.services.service.length, 5);
  assert.equal(x.body.services.service[0].metadata, 'true');
  const d = await getFmt('services/official_absent', 'json');
  assert.equal(d.body.service_code, 'official_absent');
  const kind = d.body.attributes.find((a) => a.code === 'kind');
  assert.equal(kind.datatype, 'singlevaluelist');
  assert.equal(kind.required, true);
  assert.equal(kind.variable, true);
  assert.ok(kind.values.some((v) => v.key === 'elsewhere' && v.name));
  const dx = await getFmt('services/official_absent', 'xml');
  const attrs = dx.body.service_definition.attributes.attribute;
  assert.deepEqual(attrs.map((a) => a.order), ['1', '2', '3', '4']);
  assert.ok(attrs.find((a) => a.code === 'kind').values.value.length >= 3);
  jsonError(await getFmt('services/pothole', 'json'), 404, /service_code/);
  xmlError(await getFmt('services/pothole', 'xml'), 404, /service_code/);
  const jr = await fetch(O('services.json?jurisdiction_id=bandung.go.id'));
  assert.equal(jr.status, 404);
  assert.match((await jr.json())[0].description, /jurisdiction_id/);
  const ok = await fetch(O('services.json?jurisdiction_id=jakarta.go.id'));
  assert.equal(ok.status, 200);
  const unknownFmt = await fetch(O('services.csv'));
  assert.equal(unknownFmt.status, 404);
});

test('POST requests: a token (never an id too), then tokens and requests/{id} in both formats', async () => {
  const r = await post(report({ email: 'warga@example.org', first_name: 'Rina', phone: '081234567890',
    account_id: 'acct-7' }));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.length, 1);
  assert.match(r.body[0].token, /^[0-9a-f]{24}$/);
  assert.ok(!('service_request_id' in r.body[0]));
  assert.equal(r.body[0].account_id, 'acct-7');
  assert.ok(r.body[0].service_notice);
  const t = await getFmt(`tokens/${r.body[0].token}`, 'json');
  assert.equal(t.status, 200);
  assert.equal(t.body[0].token, r.body[0].token);
  const id = t.body[0].service_request_id;
  assert.match(id, /^\d+$/);
  const tx = await getFmt(`tokens/${r.body[0].token}`, 'xml');
  assert.equal(tx.body.service_requests.request[0].service_request_id, id);
  const one = await getFmt(`requests/${id}`, 'json');
  assert.equal(one.body.length, 1);
  const q = one.body[0];
  for (const f of ['service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description',
    'agency_responsible', 'service_notice', 'requested_datetime', 'updated_datetime', 'expected_datetime',
    'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url']) assert.ok(f in q, `field ${f}`);
  assert.equal(q.status, 'open');
  assert.equal(q.description, 'Loket 2 tutup pada jam layanan.');
  assert.match(q.requested_datetime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
  assert.equal(q.lat, -6.186);
  // Nothing about the reporter leaves publicly.
  assert.ok(!/warga@example|Rina|081234567890/.test(one.text));
  const ox = await getFmt(`requests/${id}`, 'xml');
  const rx = ox.body.service_requests.request[0];
  assert.equal(rx.service_request_id, id);
  assert.equal(rx.status, 'open');
  assert.ok(!/warga@example|Rina|081234567890/.test(ox.text));
  // XML POST answers in XML.
  const px = await post(report(), 'xml');
  assert.equal(px.status, 201, px.text);
  assert.match(px.body.service_requests.request[0].token, /^[0-9a-f]{24}$/);
  jsonError(await getFmt('tokens/ffffffffffffffffffffffff', 'json'), 404, /token/);
  xmlError(await getFmt('tokens/ffffffffffffffffffffffff', 'xml'), 404, /token/);
  jsonError(await getFmt('requests/999999', 'json'), 404, /service_request_id/);
  xmlError(await getFmt('requests/abc', 'xml'), 404, /service_request_id/);
});

test('POST errors: 403 without or with a bad key, 400 for missing or invalid arguments, 404 unknown service', async () => {
  jsonError(await post(report({ api_key: '' })), 403, /api_key/);
  xmlError(await post(report({ api_key: 'nope' }), 'xml'), 403, /api_key/);
  const { service_code: _omit, ...noService } = report();
  jsonError(await post(noService), 400, /service_code is required/);
  xmlError(await post(noService, 'xml'), 400, /service_code is required/);
  jsonError(await post(report({ service_code: 'pothole' })), 404, /service_code/);
  const { lat: _a, long: _b, ...noPlace } = report();
  jsonError(await post(noPlace), 400, /location/);
  jsonError(await post(report({ long: '' })), 400, /lat and long/);
  jsonError(await post(report({ lat: '95', long: '106' })), 400, /WGS84/);
  jsonError(await post(report({ 'attribute[seen_at]': '' })), 400, /attribute\[seen_at\] is required/);
  jsonError(await post(report({ 'attribute[seen_at]': 'kemarin' })), 400, /attribute\[seen_at\]/);
  jsonError(await post(report({ service_code: 'official_unreachable', 'attribute[channel]': 'pigeon' })), 400,
    /attribute\[channel\]/);
  jsonError(await post(report({ 'attribute[unit]': 'NO-SUCH-UNIT' })), 400, /unit/);
  jsonError(await post(report({ description: 'x'.repeat(4001) })), 400, /4000/);
  assert.equal((await post(report({ description: 'é'.repeat(4000) }))).status, 201, 'chars, not bytes');
  jsonError(await post(report({ media_url: 'javascript:alert(1)' })), 400, /media_url/);
  jsonError(await post(report({ email: 'not-an-address' })), 400, /email/);
  jsonError(await post(report({ jurisdiction_id: 'bandung.go.id' })), 404, /jurisdiction/);
  // An address alone is a location; optional arguments sent empty count as absent.
  const addr = await post({ api_key: key, service_code: 'other', address_string: 'Jl. Medan Merdeka Selatan 8',
    email: '', media_url: '' });
  assert.equal(addr.status, 201, addr.text);
  // A malformed body is a 400, never a 500.
  const raw = await fetch(O('requests.json'), { method: 'POST', body: 'api_key=%zz&x', headers: {
    'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(raw.status, 400);
});

test('routing: the chosen unit, else the nearest office; the handler is the unit head or the body head', async () => {
  const chosen = await post(report({ 'attribute[unit]': 'BAPPEDA' }));
  const id1 = (await getFmt(`tokens/${chosen.body[0].token}`, 'json')).body[0].service_request_id;
  const r1 = await call(s.url, admin, 'GET', `/reports/${id1}`);
  assert.equal(r1.status, 200, r1.text);
  assert.equal(r1.body.unit, 'BAPPEDA');
  assert.equal(r1.body.routed_by, 'chosen');
  assert.equal(r1.body.handler, 'kepala.bappeda');
  const units = (await call(s.url, null, 'GET', '/public/units?q=KEL-GAMBIR')).body.items;
  const kel = units.find((u) => u.code === 'KEL-GAMBIR');
  const near = await post(report({ lat: String(kel.lat + 0.0001), long: String(kel.lon) }));
  const id2 = (await getFmt(`tokens/${near.body[0].token}`, 'json')).body[0].service_request_id;
  const r2 = (await call(s.url, admin, 'GET', `/reports/${id2}`)).body;
  assert.equal(r2.routed_by, 'nearest');
  // Units that share the office's coordinates: the office (the earliest) wins.
  assert.ok(['KEL-GAMBIR', 'KEC-GAMBIR', 'KOTA-JAKPUS'].includes(r2.unit), r2.unit);
  // A kelurahan answers within 24 hours (DKI CRM).
  const k = await post(report({ 'attribute[unit]': 'KEL-GAMBIR' }));
  const id3 = (await getFmt(`tokens/${k.body[0].token}`, 'json')).body[0].service_request_id;
  const r3 = (await call(s.url, admin, 'GET', `/reports/${id3}`)).body;
  assert.equal(Date.parse(r3.answer_due) - Date.parse(r3.requested_at), 24 * 3600e3);
});

test('GET requests: defaults, filters (ids, service_code, dates, status), paging and the 90-day span', async () => {
  const all = await getFmt('requests', 'json');
  assert.equal(all.status, 200);
  assert.ok(all.body.length >= 5);
  const ids = all.body.slice(0, 2).map((x) => x.service_request_id);
  const some = await fetch(O(`requests.json?service_request_id=${ids.join(',')}&status=closed`));
  const someBody = await some.json();
  assert.deepEqual(someBody.map((x) => x.service_request_id).sort(), [...ids].sort(), 'ids override the rest');
  const byCode = await (await fetch(O('requests.json?service_code=other'))).json();
  assert.ok(byCode.length >= 1 && byCode.every((x) => x.service_code === 'other'));
  const open = await (await fetch(O('requests.json?status=open'))).json();
  assert.ok(open.every((x) => x.status === 'open'));
  const closed = await (await fetch(O('requests.json?status=closed'))).json();
  assert.ok(closed.every((x) => x.status === 'closed'));
  const now = new Date();
  const iso = (d) => d.toISOString().replace(/\.\d+Z$/, 'Z');
  const recent = await fetch(O(`requests.json?start_date=${iso(new Date(now - 3600e3))}&end_date=${iso(new Date(+now + 60e3))}`));
  assert.equal((await recent.json()).length, all.body.length);
  const past = await (await fetch(O('requests.json?start_date=2025-01-01T00:00:00Z&end_date=2025-02-01T00:00:00Z'))).json();
  assert.deepEqual(past, []);
  const page = await (await fetch(O('requests.json?page_size=2&page=2'))).json();
  assert.equal(page.length, 2);
  assert.equal(page[0].service_request_id, all.body[2].service_request_id);
  const x = await getFmt('requests', 'xml');
  assert.equal(x.body.service_requests.request.length, all.body.length);
  const bad = async (q, re) => {
    const r = await fetch(O(`requests.json?${q}`));
    assert.equal(r.status, 400, q);
    assert.match((await r.json())[0].description, re);
    const rx = await fetch(O(`requests.xml?${q}`));
    assert.equal(rx.status, 400, q);
    assert.match(await rx.text(), /<errors><error><code>400<\/code><description>/);
  };
  await bad('start_date=2025-01-01T00:00:00Z&end_date=2025-06-01T00:00:00Z', /90 days/);
  await bad('start_date=yesterday', /start_date/);
  await bad('end_date=2026-01-01T00:00:00Z&start_date=2026-02-01T00:00:00Z', /before/);
  await bad('status=pending', /status/);
  await bad('service_request_id=1,x', /service_request_id/);
  await bad('page_size=5000', /page/);
  const unk = await fetch(O('requests.json?service_code=pothole'));
  assert.equal(unk.status, 404);
});

test('extensions=true: extended_attributes with the deadlines and notes[] of public updates, in both formats', async () => {
  const r = await post(report({ 'attribute[unit]': 'BAPPEDA' }));
  const id = (await getFmt(`tokens/${r.body[0].token}`, 'json')).body[0].service_request_id;
  const v = await call(s.url, admin, 'POST', `/reports/${id}/status`, { status: 'verified', note: 'Sedang diperiksa.', public: true });
  assert.equal(v.status, 200, v.text);
  const plain = (await getFmt(`requests/${id}`, 'json')).body[0];
  assert.ok(!('notes' in plain) && !('extended_attributes' in plain) && !('_deadlines' in plain));
  const ext = await (await fetch(O(`requests/${id}.json?extensions=true`))).json();
  assert.match(ext[0].extended_attributes.verify_due, /\+07:00$/);
  assert.deepEqual(ext[0].notes.map((n) => [n.status, n.summary]), [['verified', 'Sedang diperiksa.']]);
  assert.equal(ext[0].status_notes, 'Sedang diperiksa.');
  const x = xml.parse(await (await fetch(O(`requests/${id}.xml?extensions=true`))).text());
  const rx = x.service_requests.request[0];
  assert.equal(rx.notes.note.summary, 'Sedang diperiksa.');
  assert.match(rx.extended_attributes.answer_due, /\+07:00$/);
  const list = await (await fetch(O(`requests.json?extensions=true&service_request_id=${id}`))).json();
  assert.equal(list[0].notes.length, 1);
});

test('a description that names a person is held: public text empty until a moderator approves', async () => {
  const r = await post(report({ description: 'Pak Budi tidak ada di loket, katanya sedang makan.' }));
  const id = (await getFmt(`tokens/${r.body[0].token}`, 'json')).body[0].service_request_id;
  const pub = (await getFmt(`requests/${id}`, 'json')).body[0];
  assert.equal(pub.description, '');
  assert.match(pub.service_notice, /moderasi/);
  const x = await getFmt(`requests/${id}`, 'xml');
  assert.ok(!x.text.includes('Budi'));
  const list = await getFmt('requests', 'json');
  assert.ok(!list.text.includes('Budi'));
});

test('abuse limits: a body over the limit and too many requests per address', async () => {
  const big = await fetch(O('requests.json'), { method: 'POST', body: `api_key=${key}&description=${'a'.repeat(70000)}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.ok([400, 413].includes(big.status), String(big.status));
  const put = await call(s.url, admin, 'PUT', '/reports/settings', { rate_per_hour: 1 });
  assert.equal(put.status, 200);
  const r = await post(report());
  jsonError(r, 429, /too many/);
  await call(s.url, admin, 'PUT', '/reports/settings', { rate_per_hour: 10000 });
});
