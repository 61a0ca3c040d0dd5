// Citizens' reports (issue 7): the public, phone-first report form (#/lapor).
// No account: the page files through the server's own Open311 endpoint
// (POST /open311/v2/requests.json) with the web form's api_key, then turns
// the token into the request id for tracking. Contact details are optional
// and never shown publicly. Location: the unit, coordinates ("use my
// location" or typed), or an address.
import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { title, loading, errorBox } from '../ui.js';

const alertBox = (text, ok) => h('div', { role: ok ? 'status' : 'alert', class: ok ? 'alert ok' : 'alert' }, text);

async function open311(method, path, form) {
  const r = await fetch(`/open311/v2/${path}`, {
    method, headers: form ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  const body = await r.json().catch(() => null);
  if (!r.ok) {
    const e = new Error(Array.isArray(body) ? body.map((x) => x.description).join('; ') : `HTTP ${r.status}`);
    e.status = r.status;
    throw e;
  }
  return body;
}

// A field for an Open311 attribute (the unit is handled apart).
function attributeField(a) {
  const id = `rp-attr-${a.code}`;
  let input;
  if (a.datatype === 'singlevaluelist' || a.datatype === 'multivaluelist') {
    input = h('select', { id, name: a.code, required: a.required },
      h('option', { value: '' }, t('rp.choose')), a.values.map((v) => h('option', { value: v.key }, v.name)));
  } else if (a.datatype === 'datetime') {
    const now = new Date(Date.now() - new Date().getTimezoneOffset() * 60e3).toISOString().slice(0, 16);
    input = h('input', { id, name: a.code, type: 'datetime-local', value: now, required: a.required });
  } else if (a.datatype === 'number') {
    input = h('input', { id, name: a.code, type: 'number', min: 0, step: 1, inputmode: 'numeric' });
  } else {
    input = h('input', { id, name: a.code, type: 'text', maxlength: 200 });
  }
  return h('label', { for: id }, a.description, a.required ? ' *' : '', input);
}

function attributeValue(a, el) {
  const v = el.value.trim();
  if (!v) return '';
  return a.datatype === 'datetime' ? new Date(v).toISOString() : v;
}

export async function reportFormPage({ main, alive }) {
  main.append(title(t('rp.title')), h('p', null, t('rp.intro')), loading());
  const form = await api('GET', '/public/form');
  if (!alive()) return;
  main.querySelector('.loading')?.remove();
  const service = h('select', { id: 'rp-service', name: 'service_code', required: true },
    form.services.map((s) => h('option', { value: s.service_code }, s.service_name)));
  const serviceNote = h('small', { id: 'rp-service-desc', class: 'muted' });
  const attrs = h('div', { id: 'rp-attrs' });
  const unit = h('input', { id: 'rp-unit', name: 'unit', list: 'rp-units', autocomplete: 'off',
    placeholder: t('rp.unit.placeholder') });
  const unitList = h('datalist', { id: 'rp-units' });
  const lat = h('input', { id: 'rp-lat', name: 'lat', inputmode: 'decimal', placeholder: '-6.1754' });
  const lon = h('input', { id: 'rp-lon', name: 'long', inputmode: 'decimal', placeholder: '106.8272' });
  const address = h('input', { id: 'rp-address', name: 'address_string', maxlength: 200 });
  const geoMsg = h('small', { id: 'rp-geo-msg', 'aria-live': 'polite' });
  const desc = h('textarea', { id: 'rp-desc', name: 'description', rows: 4, maxlength: form.description_max });
  const count = h('small', { id: 'rp-count', class: 'muted' }, `0 / ${form.description_max}`);
  const email = h('input', { id: 'rp-email', name: 'email', type: 'email', maxlength: 200, autocomplete: 'email' });
  const phone = h('input', { id: 'rp-phone', name: 'phone', type: 'tel', maxlength: 200, autocomplete: 'tel' });
  const name = h('input', { id: 'rp-name', name: 'first_name', maxlength: 200, autocomplete: 'name' });
  const msg = h('div', { id: 'rp-msg', 'aria-live': 'polite' });
  const btn = h('button', { type: 'submit', id: 'rp-submit' }, t('rp.submit'));
  let current = null;
  const units = new Map();

  const renderAttrs = () => {
    current = form.services.find((s) => s.service_code === service.value);
    serviceNote.textContent = current.description;
    clear(attrs).append(...current.attributes.filter((a) => a.code !== 'unit').map(attributeField));
  };
  service.addEventListener('change', renderAttrs);
  unit.addEventListener('input', async () => {
    const q = unit.value.trim();
    if (q.length < 2) return;
    const r = await api('GET', `/public/units?q=${encodeURIComponent(q)}`).catch(() => ({ items: [] }));
    clear(unitList).append(...r.items.map((u) => { units.set(u.code, u); return h('option', { value: u.code }, u.name); }));
  });
  desc.addEventListener('input', () => { count.textContent = `${[...desc.value].length} / ${form.description_max}`; });
  const useLocation = h('button', { type: 'button', id: 'rp-geo', class: 'secondary outline', onclick: () => {
    geoMsg.textContent = t('rp.geo.wait');
    if (!navigator.geolocation) { geoMsg.textContent = t('rp.geo.none'); return; }
    navigator.geolocation.getCurrentPosition((p) => {
      lat.value = p.coords.latitude.toFixed(6);
      lon.value = p.coords.longitude.toFixed(6);
      geoMsg.textContent = t('rp.geo.ok');
    }, () => { geoMsg.textContent = t('rp.geo.denied'); }, { enableHighAccuracy: true, timeout: 10000 });
  } }, t('rp.geo'));

  const submit = async (e) => {
    e.preventDefault();
    clear(msg);
    const fields = { api_key: form.api_key, service_code: service.value };
    for (const a of current.attributes) {
      if (a.code === 'unit') { if (unit.value.trim()) fields['attribute[unit]'] = unit.value.trim(); continue; }
      const v = attributeValue(a, attrs.querySelector(`[name="${a.code}"]`));
      if (!v && a.required) { msg.append(alertBox(t('rp.need', { field: a.description }))); return; }
      if (v) fields[`attribute[${a.code}]`] = v;
    }
    if (lat.value.trim() || lon.value.trim()) { fields.lat = lat.value.trim(); fields.long = lon.value.trim(); }
    if (address.value.trim()) fields.address_string = address.value.trim();
    if (!fields.lat && !fields.address_string && fields['attribute[unit]'])
      fields.address_string = units.get(fields['attribute[unit]'])?.name || fields['attribute[unit]'];
    if (!fields.lat && !fields.address_string) { msg.append(alertBox(t('rp.need.place'))); return; }
    for (const [k, el] of [['description', desc], ['email', email], ['phone', phone], ['first_name', name]])
      if (el.value.trim()) fields[k] = el.value.trim();
    btn.setAttribute('aria-busy', 'true');
    btn.disabled = true;
    try {
      const [item] = await open311('POST', 'requests.json', fields);
      const [tok] = await open311('GET', `tokens/${item.token}.json`);
      const id = tok.service_request_id;
      clear(main).append(title(t('rp.done.title')),
        h('div', { role: 'status', class: 'alert ok', id: 'rp-done' },
          h('p', null, t('rp.done.text')), h('p', null, t('rp.done.id'), ' ', h('strong', { id: 'rp-id' }, id))),
        h('p', null, h('a', { href: `#/lacak/${id}`, id: 'rp-track', role: 'button' }, t('rp.done.track'))),
        h('p', null, h('a', { href: '#/lapor', onclick: () => setTimeout(() => location.reload(), 0) }, t('rp.again'))));
    } catch (err) {
      msg.append(alertBox(err.status === 429 ? t('rp.err.rate') : `${t('rp.err')}: ${err.message}`));
    } finally {
      btn.removeAttribute('aria-busy');
      btn.disabled = false;
    }
  };

  main.append(h('form', { id: 'rp-form', class: 'report-form', novalidate: true, onsubmit: submit },
    h('label', { for: 'rp-service' }, t('rp.service'), service, serviceNote),
    h('label', { for: 'rp-unit' }, t('rp.unit'), unit, unitList, h('small', { class: 'muted' }, t('rp.unit.help'))),
    attrs,
    h('fieldset', null, h('legend', null, t('rp.place')),
      h('div', { class: 'grid' }, h('label', { for: 'rp-lat' }, t('rp.lat'), lat), h('label', { for: 'rp-lon' }, t('rp.lon'), lon)),
      useLocation, ' ', geoMsg,
      h('label', { for: 'rp-address' }, t('rp.address'), address)),
    h('label', { for: 'rp-desc' }, t('rp.desc'), desc, count, h('small', { class: 'muted' }, t('rp.desc.help'))),
    h('details', { id: 'rp-contact' }, h('summary', null, t('rp.contact')),
      h('p', null, h('small', { class: 'muted' }, t('rp.contact.help'))),
      h('label', { for: 'rp-name' }, t('rp.name'), name),
      h('label', { for: 'rp-email' }, t('rp.email'), email),
      h('label', { for: 'rp-phone' }, t('rp.phone'), phone)),
    msg, btn),
  h('p', null, h('a', { href: '#/lacak' }, t('rp.track_link')), ' · ', h('a', { href: '#/transparansi' }, t('nav.public'))));
  renderAttrs();
}
