// The public transparency page (#/transparansi, issue 7 item 5), no account
// needed: per body and month, citizens' reports received, answered, overdue
// and the median time to answer; the share of staff with approved flexible
// work plans; on-site coverage of face-to-face units against their minimum;
// violations by kind and sanctions by level. Every figure about fewer than
// min_group people arrives withheld (null) and is shown as "—". Bar charts
// are plain SVG drawn here (no chart library); CSV and JSON downloads with a
// field dictionary; the latest signed audit checkpoint and how to verify it.
import { h, clear } from '../dom.js';
import { t, fmtNumber } from '../i18n.js';
import { api, qs } from '../api.js';
import { title, loading, facts } from '../ui.js';

const SVG = 'http://www.w3.org/2000/svg';
function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

const VKINDS = ['unexcused_absence', 'late', 'early_leave', 'missing_in', 'missing_out', 'outside_place',
  'missed_confirmation', 'report_missing', 'report_late', 'remote_without_plan', 'remote_not_eligible', 'citizen_report'];
const LEVELS = ['ringan', 'sedang', 'berat'];
const COLOURS = { received: '#1095c1', answered: '#2e7d32', overdue: '#c62828', coverage: '#6a1b9a', violations: '#ef6c00', sanctions: '#5d4037' };

// Horizontal bars, one group per row: the row's label above its bars, so the
// chart stays readable when it shrinks to a phone's width (viewBox 400 wide).
// rows: [{ key, label, bars: [{ series, value, max, text, colour, title }] }]
// A bar with value null is withheld: no bar, "—" as its text.
function barChart(id, aria, rows) {
  const W = 400, textW = 100, labelH = 17, barH = 12, gap = 3, pad = 9;
  const barW = W - textW;
  let y = 0;
  const svg = s('svg', { role: 'img', id, 'aria-label': aria, class: 'pub-chart', width: '100%' });
  for (const row of rows) {
    svg.append(s('text', { x: 0, y: y + 13, fill: 'currentColor', 'font-size': 13 }, row.label));
    y += labelH;
    for (const b of row.bars) {
      const w = b.value == null || !b.max ? 0 : Math.max(b.value > 0 ? 2 : 0, Math.round((b.value / b.max) * barW));
      svg.append(s('rect', { x: 0, y, width: w, height: barH, fill: b.colour, 'data-body': row.key, 'data-series': b.series,
        'data-value': b.value == null ? 'withheld' : String(b.value) }, s('title', null, b.title)));
      svg.append(s('text', { x: w + 4, y: y + barH - 2, fill: 'currentColor', 'font-size': 11 }, b.text));
      y += barH + gap;
    }
    y += pad;
  }
  svg.setAttribute('viewBox', `0 0 ${W} ${Math.max(y, 1)}`);
  return svg;
}

function legend(series) {
  return h('figcaption', { class: 'pub-legend' }, series.map(([name, colour]) => h('span', { class: 'pub-key' },
    s('svg', { width: 12, height: 12, 'aria-hidden': 'true' }, s('rect', { width: 12, height: 12, fill: colour })), ` ${name} `)));
}

const withheldText = () => '—';
const pctText = (v) => (v == null ? withheldText() : `${Math.round(v * 100)}%`);

// Citizens' reports: received, answered, overdue per body with any report.
function reportsChart(bodies) {
  const rows = bodies.filter((b) => b.reports_received > 0);
  if (!rows.length) return h('p', { id: 'pub-chart-empty', class: 'muted' }, t('pub.chart.empty'));
  const max = Math.max(...rows.map((b) => b.reports_received));
  const series = [['reports_received', COLOURS.received], ['reports_answered', COLOURS.answered], ['reports_overdue', COLOURS.overdue]];
  return h('figure', null, barChart('pub-chart', t('pub.chart.label'), rows.map((b) => ({
    key: b.body_code, label: b.body_name,
    bars: series.map(([k, colour]) => ({ series: k, value: b[k], max, text: String(b[k]), colour, title: `${b.body_name}: ${t(`pub.f.${k}`)} ${b[k]}` })),
  }))), legend(series.map(([k, c]) => [t(`pub.f.${k}`), c])));
}

// On-site coverage: share of unit-days of face-to-face units that reached the minimum.
function coverageChart(bodies) {
  const rows = bodies.filter((b) => b.coverage_units > 0 && (b.coverage_days == null || b.coverage_days > 0));
  if (!rows.length) return h('p', { id: 'pub-coverage-empty', class: 'muted' }, t('pub.coverage.empty'));
  return h('figure', null, barChart('pub-coverage', t('pub.coverage.label'), rows.map((b) => ({
    key: b.body_code, label: b.body_name,
    bars: [{ series: 'coverage_share', value: b.coverage_share, max: 1, colour: COLOURS.coverage,
      text: b.coverage_share == null ? withheldText() : `${pctText(b.coverage_share)} (${b.coverage_days_met}/${b.coverage_days})`,
      title: b.coverage_share == null ? `${b.body_name}: ${t('pub.suppressed')}` : t('pub.coverage.title', { body: b.body_name, met: b.coverage_days_met, days: b.coverage_days }) }],
  }))));
}

// Sum of the figures shown (withheld ones are not added: their sum could reveal them).
function shownSum(bodies, field) {
  let n = 0, hidden = 0;
  for (const b of bodies) if (b[field] == null) hidden++; else n += b[field];
  return { n, hidden };
}

// Violations by kind, or sanctions by level, over the bodies in view.
function sumChart(id, bodies, keys, prefix, labelKey, colour) {
  const sums = keys.map((k) => ({ k, ...shownSum(bodies, `${prefix}${k}`) }));
  const max = Math.max(1, ...sums.map((x) => x.n));
  const single = bodies.length === 1;
  return h('figure', null, barChart(id, t(`${labelKey}.label`), sums.map((x) => ({
    key: x.k, label: t(`${labelKey}.${x.k}`),
    bars: [{ series: `${prefix}${x.k}`, value: single && x.hidden ? null : x.n, max, colour,
      text: single && x.hidden ? withheldText() : `${fmtNumber(x.n)}${x.hidden ? ' +—' : ''}`,
      title: `${t(`${labelKey}.${x.k}`)}: ${single && x.hidden ? t('pub.suppressed') : x.n}` }],
  }))));
}

const num = (v, digits = 0) => (v == null ? h('span', { class: 'muted', title: t('pub.suppressed') }, '—')
  : digits ? new Intl.NumberFormat(undefined, { maximumFractionDigits: digits }).format(v) : fmtNumber(v));
const pct = (v) => (v == null ? num(null) : `${(v * 100).toFixed(1)}%`);

function table(bodies) {
  const cols = ['body_name', 'reports_received', 'reports_answered', 'reports_overdue', 'median_hours_to_answer', 'staff',
    'share_staff_with_plans', 'coverage_share', 'violations', 'sanctions'];
  const total = (b, keys, prefix) => {
    const vals = keys.map((k) => b[`${prefix}${k}`]);
    return vals.some((v) => v == null) ? num(null) : fmtNumber(vals.reduce((a, v) => a + v, 0));
  };
  return h('div', { class: 'overflow-auto' }, h('table', { class: 'rows', id: 'pub-table' },
    h('thead', null, h('tr', null, cols.map((c) => h('th', null, t(`pub.f.${c}`))))),
    h('tbody', null, bodies.map((b) => h('tr', { 'data-body': b.body_code, 'data-suppressed': String(b.suppressed) },
      h('td', { 'data-label': t('pub.f.body_name') }, b.body_name),
      h('td', { 'data-label': t('pub.f.reports_received'), class: 'num' }, num(b.reports_received)),
      h('td', { 'data-label': t('pub.f.reports_answered'), class: 'num' }, num(b.reports_answered)),
      h('td', { 'data-label': t('pub.f.reports_overdue'), class: 'num' }, num(b.reports_overdue)),
      h('td', { 'data-label': t('pub.f.median_hours_to_answer'), class: 'num' }, num(b.median_hours_to_answer, 1)),
      h('td', { 'data-label': t('pub.f.staff'), class: 'num' }, num(b.staff)),
      h('td', { 'data-label': t('pub.f.share_staff_with_plans'), class: 'num' }, pct(b.share_staff_with_plans)),
      h('td', { 'data-label': t('pub.f.coverage_share'), class: 'num', 'data-field': 'coverage_share' },
        b.coverage_units ? pct(b.coverage_share) : ''),
      h('td', { 'data-label': t('pub.f.violations'), class: 'num', 'data-field': 'violations' }, total(b, VKINDS, 'violations_')),
      h('td', { 'data-label': t('pub.f.sanctions'), class: 'num', 'data-field': 'sanctions' }, total(b, LEVELS, 'sanctions_')))))));
}

export async function publicPage({ main, query, alive }) {
  const month = query.get('month') || new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 7);
  const bodyCode = query.get('body') || '';
  const go = (m, b) => { location.hash = `#/transparansi${qs({ month: m, body: b })}`; };
  const picker = h('input', { type: 'month', id: 'pub-month', name: 'month', value: month,
    onchange: (e) => { if (e.target.value) go(e.target.value, bodyCode); } });
  const bodySel = h('select', { id: 'pub-bodysel', name: 'body', onchange: (e) => go(month, e.target.value) },
    h('option', { value: '' }, t('pub.all_bodies')));
  const body = h('section', { id: 'pub-body' }, loading());
  main.append(title(t('pub.title')), h('p', null, t('pub.intro')),
    h('div', { class: 'grid' }, h('label', { for: 'pub-month' }, t('pub.month'), picker),
      h('label', { for: 'pub-bodysel' }, t('pub.body'), bodySel)), body);
  const [all, dict] = await Promise.all([api('GET', `/public/stats${qs({ month })}`), api('GET', '/public/stats/fields')]);
  if (!alive()) return;
  for (const b of all.bodies) bodySel.append(h('option', { value: b.body_code, selected: b.body_code === bodyCode }, b.body_name));
  const bodies = bodyCode ? all.bodies.filter((b) => b.body_code === bodyCode) : all.bodies;
  const totals = bodyCode ? { reports_received: bodies[0]?.reports_received ?? 0, reports_answered: bodies[0]?.reports_answered ?? 0,
    reports_overdue: bodies[0]?.reports_overdue ?? 0 } : all.totals;
  const cp = all.audit_checkpoint;
  const link = (fmt) => `/api/v1/public/stats${fmt === 'csv' ? '.csv' : ''}${qs({ month, body: bodyCode })}`;
  clear(body).append(
    facts([
      [t('pub.f.reports_received'), h('span', { id: 'pub-total-received' }, fmtNumber(totals.reports_received))],
      [t('pub.f.reports_answered'), fmtNumber(totals.reports_answered)],
      [t('pub.f.reports_overdue'), fmtNumber(totals.reports_overdue)],
    ], 'pub-totals'),
    h('p', { class: 'muted', id: 'pub-suppression' }, t('pub.suppression', { n: all.min_group })),
    h('h2', null, t('pub.chart.title')), reportsChart(bodies),
    h('h2', null, t('pub.coverage.title_h')), h('p', { class: 'muted' }, t('pub.coverage.help')), coverageChart(bodies),
    h('h2', null, t('pub.viol.title')), h('p', { class: 'muted' }, t('pub.viol.help')),
    sumChart('pub-violations', bodies, VKINDS, 'violations_', 'pub.viol', COLOURS.violations),
    h('h2', null, t('pub.sanc.title')),
    sumChart('pub-sanctions', bodies, LEVELS, 'sanctions_', 'pub.sanc', COLOURS.sanctions),
    h('h2', null, t('pub.table.title')),
    table(bodies),
    h('h2', null, t('pub.download')),
    h('p', { id: 'pub-downloads' },
      h('a', { href: link('csv'), id: 'pub-csv', download: `fleksi-${month}${bodyCode ? `-${bodyCode}` : ''}.csv` }, 'CSV'), ' · ',
      h('a', { href: link('json'), id: 'pub-json' }, 'JSON'), ' · ',
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
