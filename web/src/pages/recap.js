// The documents an office files (issue 6 items 5-6).
// #/rekap: pick a unit and a month; download the monthly attendance recap as
// XLSX or CSV (plain links: the session cookie goes along, the server names
// the file), and read the month's TPP deductions per employee under the
// scheme in force. Admin BKD and the inspectorate pick any unit; a head of
// a body (kepala_opd) the units of their body; a supervisor their own unit's
// subtree (the server then lists only the people below them).
import { h, fill } from '../dom.js';
import { t, fmtNumber, locale } from '../i18n.js';
import { api, qs } from '../api.js';
import { state, hasRole, isAdmin, unitIndex } from '../state.js';
import { title, loading, errorBox } from '../ui.js';

export const canRecap = () => isAdmin() || hasRole('inspektorat') || (hasRole('kepala_opd') && !!state.user?.opd_unit)
  || hasRole('atasan');

// The units this user may pick, as [{u, depth}] in tree order.
async function pickableUnits() {
  const idx = await unitIndex();
  if (isAdmin() || hasRole('inspektorat')) return idx.flat;
  const roots = [state.user.opd_unit, hasRole('atasan') ? state.user.unit?.code : null].filter(Boolean);
  const inside = new Set();
  const walk = (u) => { inside.add(u.code); for (const c of u.children || []) walk(c); };
  for (const code of roots) if (idx.byCode.get(code)) walk(idx.byCode.get(code));
  return idx.flat.filter((r) => inside.has(r.u.code));
}

const thisMonth = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
};

const pct = (n) => new Intl.NumberFormat(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n);

function tppTable(items) {
  if (!items.length) return h('p', { class: 'muted', id: 'rk-empty' }, t('rk.empty'));
  const cols = [['rk.col.nip'], ['rk.col.name'], ['rk.col.days', 'num'], ['rk.col.late', 'num'], ['rk.col.alpa', 'num'],
    ['rk.col.deduction', 'num'], ['rk.col.cut', 'num'], ['rk.col.total', 'num']];
  return h('table', { class: 'rows', id: 'rk-tpp' },
    h('thead', null, h('tr', null, cols.map(([k, c]) => h('th', { scope: 'col', class: c }, t(k))))),
    h('tbody', null, items.map((x) => h('tr', { 'data-nip': x.nip, class: x.sanction_code ? 'overdue' : null },
      h('td', { 'data-label': t('rk.col.nip') }, h('a', { href: `#/pegawai/${encodeURIComponent(x.nip)}` }, x.nip)),
      h('td', { 'data-label': t('rk.col.name') }, x.name, h('br'), h('small', { class: 'muted' }, x.jabatan)),
      h('td', { 'data-label': t('rk.col.days'), class: 'num' }, fmtNumber(x.working_days)),
      h('td', { 'data-label': t('rk.col.late'), class: 'num' }, fmtNumber(x.late_min + x.early_min)),
      h('td', { 'data-label': t('rk.col.alpa'), class: 'num' }, fmtNumber(x.alpa_days)),
      h('td', { 'data-label': t('rk.col.deduction'), class: 'num' }, pct(x.deduction_percent)),
      h('td', { 'data-label': t('rk.col.cut'), class: 'num', title: x.sanction_code || null }, pct(x.sanction_cut_percent)),
      h('td', { 'data-label': t('rk.col.total'), class: 'num total' }, h('strong', null, pct(x.total_percent)))))));
}

function schemeNote(s, closed, days) {
  return h('p', { class: 'muted', id: 'rk-scheme' }, t('rk.scheme', {
    cap: s.cap_minutes_per_day, alpa: s.unexcused_day_minutes, cut: s.sedang_cut_pct, ref: s.legal_reference,
    closed, days }));
}

export async function recapPage({ main, query, alive }) {
  main.append(title(t('rk.title')), h('p', { class: 'muted' }, t('rk.intro')));
  const units = await pickableUnits();
  if (!alive()) return;
  const fallback = state.user.opd_unit || state.user.unit?.code || units[0]?.u.code || '';
  const unit = query.get('unit') || fallback;
  const month = /^\d{4}-\d{2}$/.test(query.get('month') || '') ? query.get('month') : thisMonth();
  const go = (u, m) => { location.hash = `#/rekap${qs({ unit: u, month: m })}`; };
  const sel = h('select', { id: 'rk-unit', name: 'unit', onchange: (e) => go(e.target.value, month) },
    units.map(({ u, depth }) => h('option', { value: u.code, selected: u.code === unit },
      `${'\u00a0\u00a0'.repeat(Math.min(depth, 6))}${u.name}`)));
  const mon = h('input', { type: 'month', id: 'rk-month', name: 'month', value: month, required: true,
    onchange: (e) => { if (/^\d{4}-\d{2}$/.test(e.target.value)) go(unit, e.target.value); } });
  const file = (format) => `/api/v1/recap${qs({ unit, month, format })}`;
  main.append(h('form', { id: 'rk-form', class: 'grid', onsubmit: (e) => e.preventDefault() },
    h('label', { for: 'rk-unit' }, t('rk.unit'), sel),
    h('label', { for: 'rk-month' }, t('rk.month'), mon)),
  h('p', { class: 'actions', id: 'rk-downloads' },
    h('a', { href: file('xlsx'), download: '', role: 'button', id: 'rk-xlsx' }, t('rk.xlsx')), ' ',
    h('a', { href: file('csv'), download: '', role: 'button', class: 'secondary', id: 'rk-csv' }, t('rk.csv'))));
  const box = h('section', { id: 'rk-box', 'aria-labelledby': 'rk-tpp-title' }, loading());
  main.append(h('h2', { id: 'rk-tpp-title' }, t('rk.tpp')), box);
  try {
    const r = await api('GET', `/tpp${qs({ unit, month })}`);
    if (!alive()) return;
    fill(box, schemeNote(r.scheme, r.closed_dates, r.days), tppTable(r.items));
  } catch (e) {
    if (!alive()) return;
    fill(box, errorBox(e));
  }
}
