// #/data-saya: everything Fleksi holds about the signed-in employee (UU
// 27/2022 right of access, issue 5 item 7): a summary per kind of data, the
// recent check-ins with their coordinates (or that they were reduced), how
// long raw locations are kept, and the download of all of it (JSON, CSV).
import './presence.css';
import { h, add } from '../dom.js';
import { t, label, fmtDate, fmtNumber } from '../i18n.js';
import { api } from '../api.js';
import { title } from '../ui.js';

const SECTIONS = ['accounts', 'sessions', 'eligibility_exceptions', 'exclusions', 'plans', 'plan_preferences',
  'checkins', 'devices', 'leaves', 'day_accounts', 'violations', 'cases', 'confirmations', 'notifications',
  'skp_targets', 'daily_reports', 'daily_report_activities', 'special_requests', 'special_evidence', 'audit'];

const coord = (x) => (x == null ? null : Number(x).toFixed(6));

function checkinsTable(items) {
  const last = items.slice(-10).reverse();
  if (!last.length) return h('p', { class: 'muted', id: 'data-checkins' }, t('data.checkins.none'));
  const c = (lab, v) => h('td', { 'data-label': lab }, v);
  return h('table', { class: 'rows', id: 'data-checkins' },
    h('thead', null, h('tr', null, ['date', 'kind', 'location', 'distance', 'verdict'].map((k) => h('th', null, t(`data.col.${k}`))))),
    h('tbody', null, last.map((r) => h('tr', { 'data-id': String(r.id), 'data-reduced': String(!!r.location_reduced_at) },
      c(t('data.col.date'), fmtDate(r.work_date)),
      c(t('data.col.kind'), r.kind === 'in' ? t('absen.in') : t('absen.out')),
      c(t('data.col.location'), r.location_reduced_at
        ? h('span', { class: 'muted' }, t('data.reduced', { date: fmtDate(r.location_reduced_at.slice(0, 10)) }))
        : `${coord(r.lat)}, ${coord(r.lon)} (±${Math.round(r.accuracy_m ?? 0)} m)`),
      c(t('data.col.distance'), r.distance_m == null ? '—' : `${Math.round(r.distance_m)} m`),
      c(t('data.col.verdict'), r.verdict === 'ok' ? t('absen.verdict.ok') : t('absen.verdict.flagged'))))));
}

export async function myDataPage({ main, alive }) {
  const d = await api('GET', '/me/data');
  if (!alive()) return;
  const p = d.profile || {};
  // add(), not append(): it skips the null of an absent part.
  add(main, [
    title(t('data.title')),
    h('p', null, t('data.intro')),
    h('p', { class: 'muted', id: 'data-retention' }, t('data.retention', { days: d.raw_location_days })),
    h('div', { class: 'data-actions' },
      h('a', { role: 'button', id: 'data-download', href: '/api/v1/me/data?download=1', download: `data-saya-${d.nip}.json` }, t('data.download.json')),
      h('a', { role: 'button', class: 'secondary outline', id: 'data-download-csv', href: '/api/v1/me/data?format=csv&download=1', download: `data-saya-${d.nip}.csv` }, t('data.download.csv'))),
    h('h2', null, t('data.profile')),
    h('p', { id: 'data-profile' }, h('strong', null, p.name), ' · ', h('code', null, p.nip), ' · ', p.unit_name || ''),
    h('h2', null, t('data.summary')),
    h('table', { class: 'facts', id: 'data-summary' }, h('tbody', null, SECTIONS.map((s) => h('tr', { 'data-section': s },
      h('th', { scope: 'row' }, label('data.section', s)), h('td', { class: 'num' }, fmtNumber((d[s] || []).length)))))),
    (d.truncated || []).length ? h('p', { class: 'alert' }, t('data.truncated')) : null,
    h('h2', null, t('data.checkins')),
    checkinsTable(d.checkins || [])]);
}
