// Worklog (issue 5 items 3-4, item 8 part): the presence confirmation prompt
// shown on every page, the daily report form with the SKP targets
// (#/laporan-harian) and the supervisor's review queue (#/tinjau-laporan).
//
// The prompt: the app polls GET /notifications (at start, every 60 s and on
// each page change); a pending confirmation shows a banner whose button
// reads the location once (UU 27/2022: at the presence event only) and
// answers it. The same notifications could later come by web push.
import './worklog.css';
import { h, fill, clear } from '../dom.js';
import { t, fmtDate } from '../i18n.js';
import { api, qs } from '../api.js';
import { state } from '../state.js';
import { title, loading, errorBox, badge } from '../ui.js';
import { todayWib } from './absen.js';

const POLL_MS = 60000;
const GEO_OPTIONS = { enableHighAccuracy: true, timeout: 15000, maximumAge: 0 };

// ---- the confirmation prompt ----

let slot = null;
let pending = null;      // the confirmation shown
let busy = false;

function position() {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) { reject(Object.assign(new Error('unsupported'), { code: 0 })); return; }
    navigator.geolocation.getCurrentPosition(resolve, reject, GEO_OPTIONS);
  });
}

function hhmm(iso) {
  return iso ? new Date(Date.parse(iso) + 7 * 3600e3).toISOString().slice(11, 16) : '';
}

function showBanner(c) {
  const status = h('p', { id: 'confirm-status', 'aria-live': 'polite' });
  const btn = h('button', { type: 'button', id: 'confirm-answer' }, t('wl.confirm.button'));
  btn.addEventListener('click', async () => {
    btn.disabled = true;
    fill(status, h('span', { 'aria-busy': 'true' }, t('wl.confirm.locating')));
    let pos;
    try {
      pos = await position();
    } catch {
      fill(status, t('wl.confirm.geo_error'));
      btn.disabled = false;
      return;
    }
    try {
      const r = await api('POST', `/confirmations/${c.id}/answer`, { json: {
        lat: pos.coords.latitude, lon: pos.coords.longitude, accuracy_m: Math.max(0, Math.round(pos.coords.accuracy || 0)) } });
      pending = null;
      fill(slot, h('section', { class: 'confirm-banner done', id: 'confirm-banner', 'data-status': r.status, role: 'status' },
        h('h2', null, r.status === 'answered' ? t('wl.confirm.done') : t('wl.confirm.late', { m: r.late_min })),
        r.distance_m != null ? h('p', { id: 'confirm-distance' }, t('wl.confirm.distance', { d: r.distance_m })) : null,
        h('button', { type: 'button', class: 'secondary', onclick: () => clear(slot) }, t('wl.confirm.close'))));
    } catch (e) {
      fill(status, errorBox(e));
      btn.disabled = false;
    }
  });
  fill(slot, h('section', { class: 'confirm-banner', id: 'confirm-banner', role: 'alertdialog', 'aria-labelledby': 'confirm-title',
    'data-id': c.id },
  h('h2', { id: 'confirm-title' }, t('wl.confirm.title')),
  h('p', null, t('wl.confirm.text', { due: c.due, until: hhmm(c.expires_at), tz: c.time_zone })),
  btn, status));
}

async function poll() {
  if (!slot || busy || !state.user?.nip) return;
  busy = true;
  try {
    const n = await api('GET', '/notifications');
    const c = (n.confirmations || [])[0];
    if (c && (!pending || pending.id !== c.id)) { pending = c; showBanner(c); }
    if (!c && pending) { pending = null; clear(slot); }
  } catch { /* offline or signed out: try again later */ }
  busy = false;
}

// Start polling into el (an element above <main>); safe to call once.
export function startConfirmations(el) {
  slot = el;
  poll();
  setInterval(poll, POLL_MS);
  window.addEventListener('hashchange', () => setTimeout(poll, 0));
}

// ---- the daily report form and the SKP targets ----

function targetOptions(targets, selected) {
  return [h('option', { value: '' }, t('wl.activity.target.choose')),
    ...targets.map((x) => h('option', { value: String(x.id), selected: String(x.id) === String(selected) ? true : null },
      `${x.code} · ${x.title}`))];
}

function activityRow(targets, a, onChange, onRemove, n) {
  const sel = h('select', { name: 'target_id', required: true, 'aria-label': t('wl.activity.target') }, targetOptions(targets, a.target_id));
  const desc = h('textarea', { name: 'description', required: true, maxlength: '500', rows: '2' });
  desc.value = a.description || '';
  const mins = h('input', { name: 'minutes', type: 'number', min: '1', max: '1440', required: true, inputmode: 'numeric',
    value: a.minutes ? String(a.minutes) : '' });
  const out = h('input', { name: 'output', maxlength: '300', value: a.output || '' });
  for (const el of [sel, desc, mins, out]) el.addEventListener('input', onChange);
  return h('fieldset', { class: 'activity', 'data-n': n },
    h('header', null, h('strong', null, t('wl.activity.n', { n: n + 1 })),
      h('button', { type: 'button', class: 'secondary outline', onclick: onRemove, 'aria-label': t('wl.activity.remove') }, '×')),
    h('label', null, t('wl.activity.target'), sel),
    h('label', null, t('wl.activity.description'), desc),
    h('div', { class: 'row2' }, h('label', null, t('wl.activity.minutes'), mins), h('label', null, t('wl.activity.output'), out)));
}

function readRows(list) {
  return [...list.querySelectorAll('fieldset.activity')].map((f) => ({
    target_id: Number(f.querySelector('[name=target_id]').value) || 0,
    description: f.querySelector('[name=description]').value.trim(),
    minutes: Number(f.querySelector('[name=minutes]').value) || 0,
    output: f.querySelector('[name=output]').value.trim(),
  }));
}

function statusBadge(r) {
  const cls = r.status === 'accepted' ? 'on' : r.status === 'returned' ? 'bad' : '';
  return badge(t(`wl.status.${r.status}`), cls);
}

function targetEditor(targets, reload, alive) {
  const msg = h('div', { id: 'skp-msg', 'aria-live': 'polite' });
  const year = String(new Date().getFullYear());
  const f = {
    id: null,
    code: h('input', { name: 'code', maxlength: '32', required: true }),
    title: h('input', { name: 'title', maxlength: '300', required: true }),
    indicator: h('input', { name: 'indicator', maxlength: '300' }),
    target: h('input', { name: 'target', type: 'number', min: '0', step: 'any' }),
    unit: h('input', { name: 'unit', maxlength: '64' }),
    year: h('input', { name: 'year', type: 'number', min: '2000', max: '2100', value: year, required: true }),
  };
  const submit = h('button', { type: 'submit', id: 'skp-save' }, t('wl.skp.add'));
  function edit(x) {
    f.id = x ? x.id : null;
    for (const k of ['code', 'title', 'indicator', 'unit']) f[k].value = x ? x[k] ?? '' : '';
    f.target.value = x && x.target != null ? String(x.target) : '';
    f.year.value = x ? String(x.year) : year;
    submit.textContent = x ? t('wl.skp.save') : t('wl.skp.add');
  }
  const form = h('form', { id: 'skp-form', class: 'grid-form' },
    h('div', { class: 'grid' }, h('label', null, t('wl.skp.code'), f.code), h('label', null, t('wl.skp.year'), f.year)),
    h('label', null, t('wl.skp.title'), f.title),
    h('label', null, t('wl.skp.indicator'), f.indicator),
    h('div', { class: 'grid' }, h('label', null, t('wl.skp.target'), f.target), h('label', null, t('wl.skp.unit'), f.unit)),
    h('div', { class: 'wl-actions' }, submit, h('button', { type: 'button', class: 'secondary outline', onclick: () => edit(null) }, t('wl.skp.new'))),
    msg);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = { year: Number(f.year.value), code: f.code.value.trim(), title: f.title.value.trim(),
      indicator: f.indicator.value.trim(), unit: f.unit.value.trim(), target: f.target.value === '' ? null : Number(f.target.value) };
    try {
      await api(f.id ? 'PUT' : 'POST', f.id ? `/skp-targets/${f.id}` : '/skp-targets', { json: body });
      edit(null);
      fill(msg, h('p', { class: 'ok' }, t('wl.skp.saved')));
      await reload();
    } catch (e) { if (alive()) fill(msg, errorBox(e)); }
  });
  const file = h('input', { type: 'file', accept: '.csv,text/csv', id: 'skp-file' });
  file.addEventListener('change', async () => {
    const fl = file.files[0];
    if (!fl) return;
    try {
      const r = await api('POST', '/skp-targets/import', { body: await fl.text(), type: 'text/csv' });
      fill(msg, h('p', { class: 'ok', id: 'skp-imported' }, t('wl.skp.imported', { n: r.imported })));
      await reload();
    } catch (e) { if (alive()) fill(msg, errorBox(e)); }
    file.value = '';
  });
  const list = targets.length
    ? h('ul', { class: 'targets', id: 'skp-list' }, targets.map((x) => h('li', { 'data-code': x.code },
      h('strong', null, x.code), ` ${x.title}`,
      x.target != null ? h('small', { class: 'muted' }, ` · ${x.target} ${x.unit}`) : null,
      h('span', { class: 'wl-actions' },
        h('button', { type: 'button', class: 'secondary outline', onclick: () => { edit(x); f.code.focus(); } }, t('wl.skp.edit')),
        h('button', { type: 'button', class: 'secondary outline', onclick: async () => {
          try { await api('DELETE', `/skp-targets/${x.id}`); await reload(); } catch (e) { fill(msg, errorBox(e)); }
        } }, t('wl.skp.delete'))))))
    : h('p', { class: 'muted', id: 'skp-list' }, t('wl.skp.none'));
  return h('section', { id: 'skp' }, h('h2', null, t('wl.skp.heading')), list,
    h('details', { open: targets.length ? null : true }, h('summary', null, t('wl.skp.form')), form),
    h('label', null, t('wl.skp.import'), file, h('small', { class: 'muted' }, t('wl.skp.import.hint'))));
}

export async function dailyReportPage({ main, query, alive }) {
  if (!state.user?.nip) { main.append(title(t('wl.report.title')), h('p', null, t('wl.no_employee'))); return; }
  const nip = state.user.nip;
  const dateIn = h('input', { type: 'date', id: 'report-date', value: query.get('tanggal') || todayWib(), max: todayWib() });
  const body = h('div', null, loading());
  main.append(h('div', { class: 'worklog' }, title(t('wl.report.title')), h('p', { class: 'muted' }, t('wl.report.intro')),
    h('label', null, t('wl.report.date'), dateIn), body));

  async function render() {
    fill(body, loading());
    let targets, report = null;
    try {
      targets = (await api('GET', `/skp-targets${qs({ year: dateIn.value.slice(0, 4) })}`)).items;
      try { report = await api('GET', `/daily-reports/${nip}/${dateIn.value}`); } catch (e) { if (e.status !== 404) throw e; }
    } catch (e) { if (alive()) fill(body, errorBox(e)); return; }
    if (!alive()) return;
    const editable = !report || report.status === 'returned';
    const rows = report ? report.activities.map((a) => ({ ...a })) : [{}];
    const list = h('div', { id: 'activities' });
    const total = h('p', { class: 'wl-total', id: 'report-total' });
    const msg = h('div', { id: 'report-msg', 'aria-live': 'polite' });
    const redraw = () => {
      fill(list, rows.map((a, i) => activityRow(targets, a, () => { Object.assign(rows[i], readRows(list)[i]); sum(); },
        () => { rows.splice(i, 1); if (!rows.length) rows.push({}); redraw(); }, i)));
      sum();
    };
    const sum = () => {
      const m = readRows(list).reduce((s, a) => s + a.minutes, 0);
      total.textContent = t('wl.report.total', { h: Math.floor(m / 60), m: m % 60 });
    };
    const head = report ? h('div', { id: 'report-state', 'data-status': report.status },
      h('p', null, statusBadge(report), report.late ? [' ', badge(t('wl.report.late', { m: report.late_min }), 'warn')] : null,
        ' ', h('small', { class: 'muted' }, t('wl.report.sent', { at: report.submitted_at.slice(0, 16).replace('T', ' ') }))),
      report.return_reason ? h('p', { class: 'alert', id: 'return-reason' }, t('wl.report.returned_because'), ' ', report.return_reason) : null) : null;
    if (!editable) {
      fill(body, head, h('ol', { id: 'report-view' }, report.activities.map((a) => h('li', null,
        h('strong', null, `${a.target_code} · ${a.target_title}`), h('br'), a.description,
        h('small', { class: 'muted' }, ` · ${a.minutes} ${t('wl.minutes')}${a.output ? ` · ${a.output}` : ''}`)))),
      h('p', { class: 'wl-total' }, t('wl.report.total', { h: Math.floor(report.total_min / 60), m: report.total_min % 60 })),
      targetEditor(targets, render, alive));
      return;
    }
    const form = h('form', { id: 'report-form' }, list,
      h('div', { class: 'wl-actions' },
        h('button', { type: 'button', class: 'secondary outline', id: 'add-activity',
          onclick: () => { Object.assign(rows, readRows(list)); rows.push({}); redraw(); } }, t('wl.activity.add')),
        total),
      h('button', { type: 'submit', id: 'report-send' }, report ? t('wl.report.resend') : t('wl.report.send')), msg);
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try {
        await api('PUT', `/daily-reports/${nip}/${dateIn.value}`, { json: { activities: readRows(list) } });
        await render();
      } catch (e) { if (alive()) fill(msg, errorBox(e)); }
    });
    fill(body, head, targets.length ? form : h('p', { class: 'alert', id: 'need-targets' }, t('wl.report.need_targets')),
      targetEditor(targets, render, alive));
    redraw();
  }
  dateIn.addEventListener('change', render);
  await render();
}

// ---- the supervisor's review queue ----

export async function reviewQueuePage({ main, alive }) {
  const body = h('div', null, loading());
  const filter = h('select', { id: 'review-filter' },
    ['submitted', 'overdue', 'returned', 'accepted'].map((s) => h('option', { value: s }, t(`wl.review.filter.${s}`))));
  main.append(h('div', { class: 'worklog' }, title(t('wl.review.title')), h('p', { class: 'muted' }, t('wl.review.intro')),
    h('label', null, t('wl.review.show'), filter), body));

  function item(r) {
    const detail = h('div', null);
    const reason = h('textarea', { name: 'reason', maxlength: '500', placeholder: t('wl.review.reason') });
    const msg = h('div', { 'aria-live': 'polite' });
    const act = async (kind) => {
      try {
        await api('POST', `/daily-reports/${r.id}/${kind}`, kind === 'return' ? { json: { reason: reason.value.trim() } } : {});
        await load();
      } catch (e) { if (alive()) fill(msg, errorBox(e)); }
    };
    const waiting = r.status === 'submitted';
    const el = h('article', { class: `review-item${r.overdue ? ' overdue' : ''}`, 'data-id': r.id, 'data-nip': r.nip },
      h('h3', null, `${r.name} · ${fmtDate(r.date)}`),
      h('p', null, statusBadge(r), ' ', r.late ? badge(t('wl.report.late', { m: r.late_min }), 'warn') : null, ' ',
        r.overdue ? badge(t('wl.review.overdue', { d: fmtDate(r.review_due) }), 'bad')
          : h('small', { class: 'muted' }, t('wl.review.due', { d: fmtDate(r.review_due) }))),
      detail,
      waiting ? [reason, h('div', { class: 'wl-actions' },
        h('button', { type: 'button', class: 'accept', onclick: () => act('accept') }, t('wl.review.accept')),
        h('button', { type: 'button', class: 'secondary return', onclick: () => act('return') }, t('wl.review.return')))] : null,
      msg);
    api('GET', `/daily-reports/${r.nip}/${r.date}`).then((d) => {
      if (!alive()) return;
      fill(detail, h('ol', null, d.activities.map((a) => h('li', null, h('strong', null, a.target_code), ` ${a.description}`,
        h('small', { class: 'muted' }, ` · ${a.minutes} ${t('wl.minutes')}${a.output ? ` · ${a.output}` : ''}`)))),
      h('p', { class: 'wl-total' }, t('wl.report.total', { h: Math.floor(d.total_min / 60), m: d.total_min % 60 })));
    }).catch((e) => { if (alive()) fill(detail, errorBox(e)); });
    return el;
  }

  async function load() {
    try {
      const r = await api('GET', `/daily-reports${qs({ status: filter.value })}`);
      if (!alive()) return;
      fill(body, r.items.length ? h('div', { id: 'review-list' }, r.items.map(item))
        : h('p', { class: 'muted', id: 'review-empty' }, t('wl.review.empty')));
    } catch (e) { if (alive()) fill(body, errorBox(e)); }
  }
  filter.addEventListener('change', load);
  await load();
}

