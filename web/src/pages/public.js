// The public transparency page (#/transparansi, issue 7 item 5), no account
// needed: per body and month, citizens' reports received, answered, overdue
// and the median time to answer, and the share of staff with approved
// flexible-work plans (withheld under the small-number rule); bar charts in
// SVG (no chart library); CSV and JSON downloads with a field dictionary; the
// latest signed audit checkpoint and how to verify it from outside.
import { h, clear } from '../dom.js';
import { t, fmtNumber } from '../i18n.js';
import { api } from '../api.js';
import { title, loading, facts } from '../ui.js';

const SVG = 'http://www.w3.org/2000/svg';
function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

// Horizontal grouped bars: received, answered, overdue per body.
function reportsChart(bodies) {
  const rows = bodies.filter((b) => b.reports_received > 0);
  if (!rows.length) return h('p', { id: 'pub-chart-empty', class: 'muted' }, t('pub.chart.empty'));
  const max = Math.max(...rows.map((b) => b.reports_received));
  const rowH = 42, labelW = 230, barW = 420, width = labelW + barW + 60;
  // Colours as SVG attributes (the CSP forbids inline styles).
  const series = [['reports_received', '#1095c1'], ['reports_answered', '#2e7d32'], ['reports_overdue', '#c62828']];
  const svg = s('svg', { viewBox: `0 0 ${width} ${rows.length * rowH + 10}`, role: 'img', id: 'pub-chart',
    'aria-label': t('pub.chart.label'), class: 'pub-chart' });
  rows.forEach((b, i) => {
    const y = i * rowH + 5;
    svg.append(s('text', { x: 0, y: y + 22, fill: 'currentColor', 'font-size': 13 }, b.body_code));
    series.forEach(([k, colour], j) => {
      const w = Math.max(1, Math.round((b[k] / max) * barW));
      svg.append(s('rect', { x: labelW, y: y + j * 11, width: b[k] ? w : 0, height: 10, fill: colour, 'data-body': b.body_code, 'data-series': k },
        s('title', null, `${b.body_name}: ${t(`pub.f.${k}`)} ${b[k]}`)));
      svg.append(s('text', { x: labelW + (b[k] ? w : 0) + 4, y: y + j * 11 + 9, fill: 'currentColor', 'font-size': 10 }, String(b[k])));
    });
  });
  return h('figure', null, svg, h('figcaption', { class: 'pub-legend' },
    series.map(([k, colour]) => h('span', { class: 'pub-key' },
      s('svg', { width: 12, height: 12, 'aria-hidden': 'true' }, s('rect', { width: 12, height: 12, fill: colour })), ` ${t(`pub.f.${k}`)} `))));
}

const num = (v, digits = 0) => (v == null ? h('span', { class: 'muted', title: t('pub.suppressed') }, '—')
  : digits ? new Intl.NumberFormat(undefined, { maximumFractionDigits: digits }).format(v) : fmtNumber(v));
const pct = (v) => (v == null ? num(null) : `${(v * 100).toFixed(1)}%`);

function table(bodies) {
  const cols = ['body_name', 'reports_received', 'reports_answered', 'reports_overdue', 'median_hours_to_answer', 'staff', 'share_staff_with_plans'];
  return h('div', { class: 'overflow-auto' }, h('table', { class: 'rows', id: 'pub-table' },
    h('thead', null, h('tr', null, cols.map((c) => h('th', null, t(`pub.f.${c}`))))),
    h('tbody', null, bodies.map((b) => h('tr', { 'data-body': b.body_code, 'data-suppressed': String(b.suppressed) },
      h('td', { 'data-label': t('pub.f.body_name') }, b.body_name),
      h('td', { 'data-label': t('pub.f.reports_received'), class: 'num' }, num(b.reports_received)),
      h('td', { 'data-label': t('pub.f.reports_answered'), class: 'num' }, num(b.reports_answered)),
      h('td', { 'data-label': t('pub.f.reports_overdue'), class: 'num' }, num(b.reports_overdue)),
      h('td', { 'data-label': t('pub.f.median_hours_to_answer'), class: 'num' }, num(b.median_hours_to_answer, 1)),
      h('td', { 'data-label': t('pub.f.staff'), class: 'num' }, num(b.staff)),
      h('td', { 'data-label': t('pub.f.share_staff_with_plans'), class: 'num' }, pct(b.share_staff_with_plans)))))));
}

export async function publicPage({ main, query, alive }) {
  const month = query.get('month') || new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 7);
  const picker = h('input', { type: 'month', id: 'pub-month', name: 'month', value: month,
    onchange: (e) => { if (e.target.value) location.hash = `#/transparansi?month=${e.target.value}`; } });
  const body = h('section', { id: 'pub-body' }, loading());
  main.append(title(t('pub.title')), h('p', null, t('pub.intro')),
    h('label', { for: 'pub-month' }, t('pub.month'), picker), body);
  const [st, dict] = await Promise.all([api('GET', `/public/stats?month=${encodeURIComponent(month)}`), api('GET', '/public/stats/fields')]);
  if (!alive()) return;
  const cp = st.audit_checkpoint;
  clear(body).append(
    facts([
      [t('pub.f.reports_received'), h('span', { id: 'pub-total-received' }, fmtNumber(st.totals.reports_received))],
      [t('pub.f.reports_answered'), fmtNumber(st.totals.reports_answered)],
      [t('pub.f.reports_overdue'), fmtNumber(st.totals.reports_overdue)],
    ], 'pub-totals'),
    h('h2', null, t('pub.chart.title')), reportsChart(st.bodies),
    h('h2', null, t('pub.table.title')),
    h('p', { class: 'muted', id: 'pub-suppression' }, t('pub.suppression', { n: st.min_group })),
    table(st.bodies),
    h('h2', null, t('pub.download')),
    h('p', { id: 'pub-downloads' },
      h('a', { href: `/api/v1/public/stats.csv?month=${month}`, id: 'pub-csv', download: `fleksi-${month}.csv` }, 'CSV'), ' · ',
      h('a', { href: `/api/v1/public/stats?month=${month}`, id: 'pub-json' }, 'JSON'), ' · ',
      h('a', { href: '/api/v1/public/stats/fields', id: 'pub-fields' }, t('pub.fields'))),
    h('details', null, h('summary', null, t('pub.fields')),
      h('dl', { id: 'pub-dict' }, dict.fields.map((f) => [h('dt', null, h('code', null, f.field), ` (${f.type})`),
        h('dd', null, document.documentElement.lang === 'en' ? f.description_en : f.description_id)]))),
    h('h2', null, t('pub.audit')),
    cp ? facts([
      [t('pub.cp.size'), h('span', { id: 'pub-cp-size' }, String(cp.size))],
      [t('pub.cp.root'), h('code', { id: 'pub-cp-root', class: 'small' }, cp.root)],
      [t('pub.cp.time'), cp.time],
      [t('pub.cp.key'), h('code', { class: 'small' }, cp.public_key)],
      [t('pub.cp.sig'), h('code', { class: 'small wrap' }, cp.signature)],
    ], 'pub-checkpoint') : h('p', null, t('common.none')),
    h('p', null, t('pub.verify')),
    h('pre', null, h('code', null, `fleksi audit verify-remote ${location.origin}`)),
    h('p', null, h('a', { href: '#/lapor', role: 'button', id: 'pub-report' }, t('rp.title'))));
}
