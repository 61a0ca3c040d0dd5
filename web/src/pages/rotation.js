// #/rotasi?unit=CODE&bulan=YYYY-MM[&id=N]: the head of a body proposes a fair
// rotation for one of their units and a month (POST /rotations), sees who
// would be away on which day, the coverage per day with every shortfall in
// words ("kurang 2 orang pada 10:00-11:00"), the fairness (days per person
// and the spread), toggles a cell (PATCH; a refusal names its rules), and
// publishes: the proposed days become approved plans, shown on the roster.
import { h, clear, fill } from '../dom.js';
import { t, fmtNumber } from '../i18n.js';
import { api, qs } from '../api.js';
import { state, isAdmin, unitIndex } from '../state.js';
import { title, esc } from '../ui.js';
import {
  isMonth, todayJkt, monthOf, addMonths, firstOfMonth, lastOfMonth, monthName, dayLabel,
  daysOffBetween, refusalBox, okBox,
} from '../month.js';
import { heatTable, legend, shortfallList } from '../heat.js';
import { normRoster } from './roster.js';

// The proposal as the page draws it: the roster form of normRoster plus the
// rotation's own figures (days per person, spread, coverage met).
export function normRotation(r) {
  const x = normRoster(r);
  x.counts = new Map(x.people.map((p) => [p.nip, p.days ?? p.cells.size]));
  x.spread = r.fairness_spread ?? null;
  x.id = r.id;
  x.status = r.status || 'draft';
  x.coverageMet = !!r.coverage_met;
  x.proposed = r.proposed_days ?? null;
  x.from = r.from;
  x.fewer = new Set((r.people || []).filter((p) => p.asked_fewer).map((p) => p.nip));
  return x;
}

// The units a head may rotate: their body and everything under it (admin: all).
async function unitChoices() {
  const idx = await unitIndex();
  const top = state.user.opd_unit;
  if (isAdmin() || !top) return idx.flat;
  const under = (code) => { for (let u = idx.byCode.get(code); u; u = idx.parentOf.get(u.code)) if (u.code === top) return true; return false; };
  return idx.flat.filter((x) => under(x.u.code));
}

function fairnessTable(x) {
  const rows = x.people.map((p) => [p, x.counts.get(p.nip) ?? p.cells.size]);
  return h('table', { class: 'fairness', id: 'rot-fair' },
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('rot.col.person')), h('th', { scope: 'col', class: 'num' }, t('rot.col.days')))),
    h('tbody', null, rows.map(([p, n]) => h('tr', { 'data-nip': p.nip },
      h('td', { 'data-label': t('rot.col.person') }, p.name || p.nip,
        x.fewer.has(p.nip) ? h('small', { class: 'muted block' }, t('rot.asked_fewer')) : null),
      h('td', { 'data-label': t('rot.col.days'), class: 'num' }, fmtNumber(n))))));
}

function proposalView(x, off, onToggle, onPublish) {
  const published = x.status === 'published';
  const control = published ? null : (p, d, c, content) => {
    const away = !!(c && c.mode && c.mode !== 'office');
    if (c?.fixed || !x.working(d)) return content;
    return h('button', { type: 'button', class: 'cell', 'aria-pressed': String(away), 'data-nip': p.nip, 'data-date': d,
      'aria-label': t(away ? 'rot.toggle.off' : 'rot.toggle.on', { name: p.name || p.nip, date: dayLabel(d) }),
      onclick: (e) => onToggle(p, d, away, e.currentTarget) }, content);
  };
  const spreadText = x.spread == null ? t('common.none') : fmtNumber(x.spread);
  return [
    h('p', { id: 'rot-status', 'data-status': x.status, 'data-coverage': String(!!x.coverageMet) },
      h('span', { class: `badge ${published ? 'on' : 'wait'}` }, published ? `✓ ${t('rot.status.published')}` : t('rot.status.draft')), ' ',
      x.coverageMet ? h('span', { class: 'badge on' }, `✓ ${t('rot.cov.met')}`) : h('span', { class: 'badge off' }, `⚠ ${t('rot.cov.not_met')}`), ' ',
      h('span', { id: 'rot-spread' }, t('rot.spread', { n: spreadText })),
      x.proposed != null && !published ? h('span', { class: 'block muted small', id: 'rot-proposed' }, t('rot.proposed', { n: fmtNumber(x.proposed) })) : null),
    published ? null : h('p', { class: 'muted small' }, t('rot.toggle.help')),
    legend('rot-legend'),
    heatTable({ id: 'rot-grid', caption: t('rot.caption'), days: x.days, working: x.working, off, officeOnly: x.officeOnly, people: x.people, cov: x.cov, cellControl: control }),
    h('h2', null, t('roster.short')),
    shortfallList(x.days, x.cov, 'rot-short'),
    h('h2', null, t('rot.fair')),
    h('p', { class: 'muted' }, t('rot.fair.intro')),
    fairnessTable(x),
    published ? null : h('div', { class: 'actions' }, h('button', { type: 'button', id: 'rot-publish', onclick: onPublish }, t('rot.publish')),
      h('small', { class: 'muted' }, t('rot.publish.help'))),
  ];
}

export async function rotationPage({ main, query, alive }) {
  main.append(title(t('rot.title')), h('p', { class: 'muted' }, t('rot.intro')));
  const choices = await unitChoices();
  if (!alive()) return;
  const mine = state.user.unit?.code;
  const want = query.get('unit') || (choices.some((c) => c.u.code === mine) ? mine : state.user.opd_unit) || choices[0]?.u.code || '';
  const month = isMonth(query.get('bulan')) ? query.get('bulan') : addMonths(monthOf(todayJkt()), 1);
  const unitSel = h('select', { id: 'rot-unit', name: 'unit', required: true },
    choices.map((c) => h('option', { value: c.u.code, selected: c.u.code === want }, `${'\u00a0\u00a0'.repeat(c.depth)}${c.u.name}`)));
  const monthIn = h('input', { type: 'month', id: 'rot-month', name: 'bulan', value: month, min: monthOf(todayJkt()), required: true });
  const msg = h('div', { id: 'rot-msg', 'aria-live': 'polite' });
  const out = h('div', { id: 'rot-out' });
  const btn = h('button', { type: 'submit', id: 'rot-propose' }, t('rot.propose'));
  let x = null; let off = new Map();
  const show = () => {
    fill(out, h('h2', null, t('rot.for', { unit: x.unit.name || x.unit.code, month: monthName(monthOf(x.from)) })),
      proposalView(x, off, toggle, publish));
  };
  const load = (r) => { x = normRotation(r); };
  const toggle = async (p, d, away, el) => {
    clear(msg);
    el.disabled = true;
    try {
      const r = await api('PATCH', `/rotations/${x.id}`, { json: { set: [{ nip: p.nip, date: d, mode: away ? null : 'wfh' }] } });
      load(r);
      msg.append(okBox(t(away ? 'rot.toggled.off' : 'rot.toggled.on', { name: p.name || p.nip, date: dayLabel(d) })));
      show();
    } catch (err) { el.disabled = false; msg.append(refusalBox(err, `${p.name || p.nip}, ${dayLabel(d)}`)); }
  };
  const publish = async (e) => {
    clear(msg);
    e.currentTarget.disabled = true;
    try {
      const r = await api('POST', `/rotations/${x.id}/publish`);
      load(r);
      msg.append(h('div', { role: 'status', class: 'alert ok' }, t('rot.published', { n: fmtNumber(r.plans ?? 0) }), ' ',
        h('a', { href: `#/unit/${esc(x.unit.code)}/jadwal${qs({ bulan: monthOf(x.from) })}`, id: 'rot-roster' }, t('rot.see_roster'))));
      show();
    } catch (err) { e.target.disabled = false; msg.append(refusalBox(err)); }
  };
  const form = h('form', { id: 'rot-form', class: 'grid', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    clear(msg);
    if (!unitSel.value || !isMonth(monthIn.value)) { msg.append(h('div', { role: 'alert', class: 'alert' }, t('rot.need'))); return; }
    btn.disabled = true; btn.setAttribute('aria-busy', 'true');
    const from = firstOfMonth(monthIn.value); const to = lastOfMonth(monthIn.value);
    try {
      const [r, o] = await Promise.all([api('POST', '/rotations', { json: { unit: unitSel.value, from, to } }), daysOffBetween(from, to)]);
      if (!alive()) return;
      off = o; load(r);
      // A reload shows this proposal again instead of making a new one.
      history.replaceState(null, '', `#/rotasi${qs({ unit: unitSel.value, bulan: monthIn.value, id: x.id })}`);
      show();
    } catch (err) { msg.append(refusalBox(err)); } finally { btn.disabled = false; btn.removeAttribute('aria-busy'); }
  } },
  h('label', null, t('rot.unit'), unitSel), h('label', null, t('rot.month'), monthIn),
  h('div', { class: 'end' }, btn));
  main.append(form, msg, out);
  if (!choices.length) { fill(out, h('p', { class: 'muted' }, t('rot.no_units'))); return; }
  // #/rotasi?id=N: a proposal made before (a draft to go on with, or a published one).
  if (/^\d+$/.test(query.get('id') || '')) {
    const r = await api('GET', `/rotations/${query.get('id')}`);
    if (!alive()) return;
    off = await daysOffBetween(r.from, r.to);
    if (!alive()) return;
    load(r);
    if (choices.some((c) => c.u.code === x.unit.code)) unitSel.value = x.unit.code;
    monthIn.value = monthOf(x.from);
    show();
  }
}
