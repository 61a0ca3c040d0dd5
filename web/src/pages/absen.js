// #/absen: the phone-first check-in page (issue 5 item 8). Two big buttons;
// the browser's location is read only when one is pressed (UU 27/2022: no
// tracking), sent with a device id kept in localStorage, and the server's
// answer is shown: time, mode, verdict and each flag with its numbers and
// what to do. Without a location nothing is sent.
import './presence.css';
import { h, fill } from '../dom.js';
import { t, label, getLang, fmtDate } from '../i18n.js';
import { api, qs } from '../api.js';
import { title, loading, errorBox, badge } from '../ui.js';

const DEVICE_KEY = 'fleksi.device';
const GEO_OPTIONS = { enableHighAccuracy: true, timeout: 15000, maximumAge: 0 };

// The id of this browser as a presence device: made once, kept in localStorage.
export function deviceId() {
  let id = null;
  try { id = localStorage.getItem(DEVICE_KEY); } catch { /* private mode */ }
  if (!id || !/^[A-Za-z0-9._:-]{8,64}$/.test(id)) {
    const rnd = (globalThis.crypto?.randomUUID?.() || `${Date.now()}-${Math.random().toString(36).slice(2)}`);
    id = `web-${rnd}`.slice(0, 64);
    try { localStorage.setItem(DEVICE_KEY, id); } catch { /* kept for this page only */ }
  }
  return id;
}

// Today's date in WIB (the default working-day clock of the server).
export function todayWib() {
  return new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
}

const addDays = (d, n) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);

// The server's own sentence with the numbers, in the page's language.
export const flagMessage = (f) => (getLang() === 'id' ? f.message_id : f.message_en) || f.message_en || '';

// One flag: its name, the server's sentence with the numbers and (for the
// person who recorded it) what it means to do.
export function flagItem(f, { hint = true } = {}) {
  return h('li', { 'data-flag': f.flag },
    h('strong', null, label('flag', f.flag)),
    flagMessage(f),
    hint ? h('small', null, t(`flag.hint.${f.flag}`)) : null);
}

function verdictBadge(v) {
  return v === 'ok' ? badge(t('absen.verdict.ok'), 'on') : badge(t('absen.verdict.flagged'), 'warn');
}

function resultCard(r) {
  const flags = r.flags || [];
  return h('section', { id: 'checkin-result', class: `result ${r.verdict}`, 'data-verdict': r.verdict, 'aria-live': 'polite' },
    h('h2', null, r.kind === 'in' ? t('absen.recorded.in') : t('absen.recorded.out')),
    h('dl', null,
      h('dt', null, t('absen.time')), h('dd', { id: 'result-time' }, `${r.local_time} ${r.time_zone}`),
      h('dt', null, t('absen.date')), h('dd', null, fmtDate(r.work_date)),
      h('dt', null, t('absen.mode')), h('dd', { id: 'result-mode' }, label('sched.mode', r.mode)),
      h('dt', null, t('absen.verdict')), h('dd', { id: 'result-verdict' }, verdictBadge(r.verdict)),
      r.distance_m != null ? [h('dt', null, t('absen.distance')),
        h('dd', { id: 'result-distance' }, t('absen.distance.value', { d: r.distance_m, a: r.allowed_m }))] : null,
      r.device_registered ? [h('dt', null, t('absen.device')), h('dd', null, t('absen.device.registered'))] : null),
    flags.length
      ? [h('p', null, t('absen.why')), h('ul', { class: 'flags', id: 'result-flags' }, flags.map(flagItem))]
      : h('p', { id: 'result-ok' }, t('absen.all_ok')));
}

// What went wrong with the location and what the person can do about it.
function geoProblem(kind) {
  const steps = t(`absen.geo.${kind}.steps`).split('|');
  return h('div', { role: 'alert', class: 'alert geo', id: 'geo-error', 'data-code': kind },
    h('strong', null, t(`absen.geo.${kind}`)),
    h('ol', null, steps.map((s) => h('li', null, s))),
    h('small', { class: 'server-msg' }, t('absen.geo.nothing_sent')));
}

function position() {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) { reject(Object.assign(new Error('unsupported'), { code: 'unsupported' })); return; }
    navigator.geolocation.getCurrentPosition(resolve, reject, GEO_OPTIONS);
  });
}

const GEO_CODES = { 1: 'denied', 2: 'unavailable', 3: 'timeout' };

function recordsList(items) {
  if (!items.length) return h('p', { class: 'muted', id: 'today-records' }, t('absen.today.none'));
  return h('ul', { class: 'records', id: 'today-records' }, items.map((r) => h('li', { 'data-kind': r.kind, 'data-verdict': r.verdict },
    h('strong', null, `${r.kind === 'in' ? t('absen.in') : t('absen.out')} ${r.local_time} ${r.time_zone}`), ' · ',
    label('sched.mode', r.mode), ' · ', verdictBadge(r.verdict),
    r.distance_m != null ? ` · ${t('absen.distance.short', { d: r.distance_m })}` : null,
    (r.flags || []).length ? h('ul', { class: 'flags compact' }, r.flags.map((f) => flagItem(f, { hint: false }))) : null)));
}

export async function absenPage({ main, alive }) {
  const today = todayWib();
  const status = h('div', { id: 'absen-status' });
  const records = h('div', null, loading());
  const btnIn = h('button', { type: 'button', id: 'btn-in', class: 'in' }, t('absen.in'), h('small', null, t('absen.in.sub')));
  const btnOut = h('button', { type: 'button', id: 'btn-out', class: 'out' }, t('absen.out'), h('small', null, t('absen.out.sub')));

  async function loadToday() {
    try {
      const r = await api('GET', `/checkins${qs({ from: addDays(today, -1), to: addDays(today, 1) })}`);
      if (!alive()) return;
      const items = (r.items || []).filter((x) => x.work_date === today).reverse();
      fill(records, recordsList(items));
      btnIn.disabled = items.some((x) => x.kind === 'in') || items.some((x) => x.kind === 'out');
      btnOut.disabled = items.some((x) => x.kind === 'out');
    } catch (e) {
      if (alive()) fill(records, errorBox(e));
    }
  }

  async function record(kind) {
    btnIn.disabled = btnOut.disabled = true;
    fill(status, h('p', { 'aria-busy': 'true', id: 'geo-wait' }, t('absen.locating')));
    let pos;
    try {
      pos = await position();
    } catch (e) {
      if (!alive()) return;
      fill(status, geoProblem(GEO_CODES[e.code] || 'unsupported'));
      await loadToday();
      return;
    }
    if (!alive()) return;
    fill(status, h('p', { 'aria-busy': 'true' }, t('absen.sending')));
    try {
      const r = await api('POST', '/checkins', { json: {
        kind, lat: pos.coords.latitude, lon: pos.coords.longitude,
        accuracy_m: Math.max(0, Math.round(pos.coords.accuracy || 0)),
        device_id: deviceId(), client_time: new Date().toISOString() } });
      if (!alive()) return;
      fill(status, resultCard(r));
    } catch (e) {
      if (alive()) fill(status, errorBox(e));
    }
    await loadToday();
  }

  btnIn.addEventListener('click', () => record('in'));
  btnOut.addEventListener('click', () => record('out'));
  main.append(h('div', { class: 'absen' },
    title(t('absen.title')),
    h('p', { class: 'muted' }, fmtDate(today)),
    h('div', { class: 'absen-buttons' }, btnIn, btnOut),
    status,
    h('h2', null, t('absen.today')),
    records,
    h('p', { class: 'muted privacy-note', id: 'privacy-note' }, t('absen.privacy'), ' ',
      h('a', { href: '#/data-saya' }, t('absen.privacy.link')))));
  await loadToday();
}
