// Conformance (issue 7 item 7): an independent Open311 GeoReport v2 client,
// written from the spec (http://wiki.open311.org/GeoReport_v2) and knowing
// nothing of fleksi beyond its discovery URL and an api_key, plays against the
// real server in JSON and in XML: discover, list services, read every service
// definition, build a valid request from the definition alone, POST it, poll
// the token, fetch the request, and find it in the list. XML is parsed with a
// real parser (fast-xml-parser) and normalised to the JSON shapes, so both
// formats must say the same thing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { startServer, cli } from './_helpers.mjs';

const SPEC = 'http://wiki.open311.org/GeoReport_v2';
const REQUEST_FIELDS = ['service_request_id', 'status', 'status_notes', 'service_name', 'service_code',
  'description', 'agency_responsible', 'service_notice', 'requested_datetime', 'updated_datetime',
  'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url'];

// ---- a generic GeoReport v2 client ----
class GeoReportClient {
  constructor(discoveryUrl, apiKey) {
    this.discoveryUrl = discoveryUrl;
    this.apiKey = apiKey;
    this.xml = new XMLParser({ parseTagValue: false, trimValues: true,
      isArray: (name, path) => ['service', 'request', 'error', 'attribute', 'value', 'endpoint', 'format']
        .includes(name) && !/^service_definition\.[a-z_]+$/.test(path) });
  }

  async fetchDoc(url, fmt, init) {
    const r = await fetch(url, init);
    const text = await r.text();
    const doc = fmt === 'xml' ? this.xml.parse(text) : JSON.parse(text);
    if (!r.ok) {
      const errs = fmt === 'xml' ? doc.errors.error : doc;
      const e = new Error(`${r.status}: ${errs.map((x) => x.description).join('; ')}`);
      e.status = r.status;
      e.errors = errs.map((x) => ({ code: Number(x.code), description: x.description }));
      throw e;
    }
    return doc;
  }

  async discover(fmt) {
    const doc = await this.fetchDoc(this.discoveryUrl.replace(/\.(json|xml)$/, `.${fmt}`), fmt);
    const d = fmt === 'xml' ? doc.discovery : doc;
    const endpoints = fmt === 'xml' ? d.endpoints.endpoint.map((e) => ({ ...e, formats: e.formats.format })) : d.endpoints;
    const ep = endpoints.find((e) => e.specification === SPEC && e.type === 'production');
    if (!ep) throw new Error('no production GeoReport v2 endpoint');
    this.base = ep.url;
    this.formats = ep.formats;
    return ep;
  }

  list(doc, fmt, root, item) { return fmt === 'xml' ? (doc[root]?.[item] || []) : doc; }

  async services(fmt) {
    const doc = await this.fetchDoc(`${this.base}/services.${fmt}`, fmt);
    return this.list(doc, fmt, 'services', 'service').map((s) => ({ ...s, metadata: String(s.metadata) === 'true' }));
  }

  async definition(code, fmt) {
    const doc = await this.fetchDoc(`${this.base}/services/${encodeURIComponent(code)}.${fmt}`, fmt);
    if (fmt === 'json') return doc;
    const d = doc.service_definition;
    return {
      service_code: d.service_code,
      attributes: (d.attributes?.attribute || []).map((a) => ({
        ...a, variable: String(a.variable) === 'true', required: String(a.required) === 'true', order: Number(a.order),
        values: a.values ? a.values.value : undefined,
      })),
    };
  }

  // A value for an attribute from its definition alone.
  static sample(a) {
    switch (a.datatype) {
      case 'number': return ['3'];
      case 'datetime': return [new Date().toISOString()];
      case 'singlevaluelist': return [a.values[0].key];
      case 'multivaluelist': return a.values.slice(0, 2).map((v) => v.key);
      case 'text': return ['Catatan tambahan.'];
      default: return a.code === 'unit' ? [] : ['Sampel'];
    }
  }

  async post(fields, fmt) {
    const body = new URLSearchParams({ api_key: this.apiKey });
    for (const [k, v] of Object.entries(fields)) for (const x of [].concat(v)) body.append(k, x);
    const doc = await this.fetchDoc(`${this.base}/requests.${fmt}`, fmt, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() });
    const [item] = this.list(doc, fmt, 'service_requests', 'request');
    return item;
  }

  async token(token, fmt) {
    const doc = await this.fetchDoc(`${this.base}/tokens/${token}.${fmt}`, fmt);
    return this.list(doc, fmt, 'service_requests', 'request')[0];
  }

  normalise(r, fmt) {
    if (fmt === 'json') return r;
    const out = { ...r };
    for (const k of ['lat', 'long']) out[k] = r[k] === '' ? null : Number(r[k]);
    return out;
  }

  async request(id, fmt) {
    const doc = await this.fetchDoc(`${this.base}/requests/${id}.${fmt}`, fmt);
    return this.normalise(this.list(doc, fmt, 'service_requests', 'request')[0], fmt);
  }

  async requests(params, fmt) {
    const doc = await this.fetchDoc(`${this.base}/requests.${fmt}?${new URLSearchParams(params)}`, fmt);
    return this.list(doc, fmt, 'service_requests', 'request').map((r) => this.normalise(r, fmt));
  }

  // File a request; resolve a token into the id (polling as the spec allows).
  async file(fields, fmt) {
    const item = await this.post(fields, fmt);
    if (item.service_request_id) return { id: String(item.service_request_id), item };
    assert.ok(item.token, 'either a service_request_id or a token');
    for (let i = 0; i < 50; i++) {
      const t = await this.token(item.token, fmt);
      if (t?.service_request_id) return { id: String(t.service_request_id), item };
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the token never resolved');
  }
}

let s, client;
before(async () => {
  s = await startServer();
  const r = cli(['open311', 'key', 'add', '--db', s.dbPath, '--name', 'conformance'], { env: s.env });
  assert.equal(r.status, 0, r.stderr);
  client = new GeoReportClient(`${s.url}/open311/v2/discovery.json`, r.stdout.trim());
});
after(async () => { await s?.stop(); });

for (const fmt of ['json', 'xml']) {
  test(`an independent client in ${fmt.toUpperCase()}: discover, services, definitions, post, token, fetch, list`, async () => {
    const ep = await client.discover(fmt);
    assert.ok(client.formats.includes(fmt === 'xml' ? 'text/xml' : 'application/json'));
    assert.equal(ep.url, `${s.url}/open311/v2`);
    const services = await client.services(fmt);
    assert.ok(services.length >= 5);
    const filed = [];
    for (const svc of services) {
      for (const k of ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'])
        assert.ok(k in svc, `${svc.service_code}: ${k}`);
      const fields = { service_code: svc.service_code, lat: '-6.1754', long: '106.8272',
        description: `Laporan uji ${svc.service_code} (${fmt}).` };
      if (svc.metadata) {
        const def = await client.definition(svc.service_code, fmt);
        assert.equal(def.service_code, svc.service_code);
        const orders = def.attributes.map((a) => a.order);
        assert.deepEqual(orders, [...orders].sort((a, b) => a - b), 'attributes in order');
        for (const a of def.attributes) {
          assert.ok(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'].includes(a.datatype));
          assert.equal(typeof a.required, 'boolean');
          if (a.datatype.endsWith('valuelist')) assert.ok(a.values.length > 0 && a.values.every((v) => v.key && v.name));
          const v = GeoReportClient.sample(a);
          if (a.variable && (a.required || v.length))
            fields[a.datatype === 'multivaluelist' ? `attribute[${a.code}][]` : `attribute[${a.code}]`] = v;
        }
      }
      const { id, item } = await client.file(fields, fmt);
      assert.ok(!(item.service_request_id && item.token), 'never both');
      const req = await client.request(id, fmt);
      for (const f of REQUEST_FIELDS) assert.ok(f in req, `${f} in ${fmt}`);
      assert.equal(req.service_request_id, id);
      assert.equal(req.service_code, svc.service_code);
      assert.equal(req.status, 'open');
      assert.equal(req.description, fields.description);
      assert.ok(!Number.isNaN(Date.parse(req.requested_datetime)));
      assert.ok(Date.parse(req.expected_datetime) > Date.parse(req.requested_datetime));
      assert.equal(req.lat, -6.1754);
      filed.push(id);
    }
    const listed = await client.requests({ service_request_id: filed.join(',') }, fmt);
    assert.deepEqual(listed.map((r) => r.service_request_id).sort(), [...filed].sort());
    const open = await client.requests({ status: 'open' }, fmt);
    assert.ok(filed.every((id) => open.some((r) => r.service_request_id === id)));
    // The other format says the same about the same request.
    const other = fmt === 'json' ? 'xml' : 'json';
    assert.deepEqual(await client.request(filed[0], other), await client.request(filed[0], fmt));
    // Errors come back in the spec's shape.
    await assert.rejects(client.definition('no_such_service', fmt), (e) => e.status === 404 && e.errors[0].code === 404);
    await assert.rejects(client.post({ lat: '1', long: '2' }, fmt), (e) => e.status === 400 && /service_code/.test(e.errors[0].description));
    const bad = new GeoReportClient(client.discoveryUrl, 'wrong-key');
    bad.base = client.base;
    await assert.rejects(bad.post({ service_code: 'other', lat: '-6.2', long: '106.8' }, fmt), (e) => e.status === 403);
  });
}
