// Compliance of the disciplinary procedure (issue 6 item 7).
// #/kepatuhan: a head of a body (kepala_opd) sees, for their body, how many
// cases are open, how many steps are overdue, how many deadlines were let
// pass (escalations) and how many supervisors now have an inaction case of
// their own, with the lists behind the numbers and a row per sub-unit;
// admin BKD and the inspectorate may look at any unit or the whole province.
// #/pengawasan: the inspectorate's list of overdue cases across units, most
// overdue first, filtered by unit and kind, and the escalations.
import { h, fill } from '../dom.js';
import { t, label, fmtNumber, fmtDate } from '../i18n.js';
import { api, qs } from '../api.js';
import { state, hasRole, isAdmin, unitIndex } from '../state.js';
import { title, loading, breadcrumb } from '../ui.js';
import { casesTable, byDeadline, escalationsTable, KINDS, STAGES } from './cases.js';

export const canSeeCompliance = () => isAdmin() || hasRole('inspektorat') || (hasRole('kepala_opd') && !!state.user?.opd_unit);
export const canOversee = () => isAdmin() || hasRole('inspektorat');

// A select of the units the user may look at ('' = everywhere for readers).
async function unitSelect(id, current, onchange) {
  const idx = await unitIndex().catch(() => null);
  const reader = canOversee();
  const head = state.user.opd_unit;
  let rows = idx ? idx.flat : [];
  if (!reader && idx) {
    const root = idx.byCode.get(head);
    const inside = new Set();
    const walk = (u) => { inside.add(u.code); for (const c of u.children || []) walk(c); };
    if (root) walk(root);
    rows = rows.filter((r) => inside.has(r.u.code));
  }
  return h('select', { id, name: 'unit', onchange },
    reader ? h('option', { value: '' }, t('cp.all_units')) : null,
    rows.map(({ u, depth }) => h('option', { value: u.code, selected: u.code === current },
      `${'\u00a0\u00a0'.repeat(Math.min(depth, 6))}${u.name}`)));
}

function counter(id, n, key, bad, href) {
  const body = [h('span', { class: 'count-n' }, fmtNumber(n)), h('span', { class: 'count-label' }, t(key))];
  return h('article', { class: `count${bad && n > 0 ? ' bad' : ''}`, id, 'data-n': String(n) },
    href ? h('a', { href }, body) : body);
}

function byUnitTable(rows) {
  if (!rows.length) return null;
  return h('table', { class: 'rows', id: 'cp-units' },
    h('thead', null, h('tr', null, ['cp.col.unit', 'cp.open', 'cp.overdue', 'cp.escalations'].map((k, i) =>
      h('th', { scope: 'col', class: i ? 'num' : null }, t(k))))),
    h('tbody', null, rows.map((u) => h('tr', { 'data-unit': u.code, class: u.overdue_steps ? 'overdue' : null },
      h('td', { 'data-label': t('cp.col.unit') }, h('a', { href: `#/kepatuhan${qs({ unit: u.code })}` }, u.name)),
      h('td', { 'data-label': t('cp.open'), class: 'num' }, fmtNumber(u.open_cases)),
      h('td', { 'data-label': t('cp.overdue'), class: `num${u.overdue_steps ? ' overdue-text' : ''}` }, fmtNumber(u.overdue_steps)),
      h('td', { 'data-label': t('cp.escalations'), class: 'num' }, fmtNumber(u.escalations))))));
}

function byStatusList(by) {
  const rows = STAGES.filter((s) => by && by[s]);
  if (!rows.length) return null;
  return h('ul', { class: 'by-stage', id: 'cp-stages' }, rows.map((s) =>
    h('li', { 'data-stage': s }, label('case.stage', s), ': ', h('strong', null, fmtNumber(by[s])))));
}

export async function compliancePage({ main, query, alive }) {
  const reader = canOversee();
  const unit = query.get('unit') || (reader ? '' : state.user.opd_unit || '');
  main.append(title(t('cp.title')), h('p', { class: 'muted' }, t('cp.intro')));
  const sel = await unitSelect('cp-unit', unit, (e) => { location.hash = `#/kepatuhan${qs({ unit: e.target.value })}`; });
  if (!alive()) return;
  const box = h('div', { id: 'cp-box' }, loading());
  main.append(h('form', { id: 'cp-filter', onsubmit: (e) => e.preventDefault() }, h('label', { for: 'cp-unit' }, t('cp.unit'), sel)), box);
  const [r, inaction] = await Promise.all([
    api('GET', `/compliance${qs({ unit })}`),
    Promise.all(['supervisor_inaction', 'official_inaction'].map((kind) =>
      api('GET', `/cases${qs({ unit, kind, status: 'active', per_page: 200 })}`).then((x) => x.items || []))).then((x) => x.flat()),
  ]);
  if (!alive()) return;
  const where = r.unit ? r.unit.name : t('cp.province');
  const overdue = (r.overdue || []).slice().sort(byDeadline);
  fill(box,
    r.unit && reader ? breadcrumb([[t('cp.province'), '#/kepatuhan'], [r.unit.name]]) : null,
    h('p', { id: 'cp-where' }, t('cp.where', { unit: where, date: fmtDate(r.today) })),
    h('div', { class: 'counts', id: 'cp-counts' },
      counter('cp-open', r.open_cases, 'cp.open', false, `#/kasus${qs({ lihat: 'semua' })}`),
      counter('cp-overdue', r.overdue_steps, 'cp.overdue', true),
      counter('cp-esc', r.escalations, 'cp.escalations', true),
      counter('cp-inaction', r.inaction_cases, 'cp.inaction', true)),
    byStatusList(r.by_status),
    r.by_unit?.length ? [h('h2', null, t('cp.by_unit')), byUnitTable(r.by_unit)] : null,
    h('section', { id: 'cp-overdue-sec' }, h('h2', null, t('cp.overdue.list')),
      overdue.length ? casesTable(overdue, 'cp-overdue-list', { assignee: true }) : h('p', { class: 'muted', id: 'cp-overdue-list' }, t('cp.overdue.none'))),
    h('section', { id: 'cp-inaction-sec' }, h('h2', null, t('cp.inaction.list')), h('p', { class: 'muted small' }, t('cp.inaction.help')),
      inaction.length ? casesTable(inaction.sort(byDeadline), 'cp-inaction-list', { assignee: true }) : h('p', { class: 'muted', id: 'cp-inaction-list' }, t('cp.inaction.none'))),
    h('section', { id: 'cp-esc-sec' }, h('h2', null, t('cp.esc.list')),
      escalationsTable(r.recent_escalations || [], 'cp-esc-list')));
}

export async function oversightPage({ main, query, alive }) {
  const unit = query.get('unit') || '';
  const kind = KINDS.includes(query.get('jenis')) ? query.get('jenis') : '';
  const go = (patch) => { location.hash = `#/pengawasan${qs({ unit, jenis: kind, ...patch })}`; };
  main.append(title(t('ov.title')), h('p', { class: 'muted' }, t('ov.intro')));
  const sel = await unitSelect('ov-unit', unit, (e) => go({ unit: e.target.value }));
  if (!alive()) return;
  const kindSel = h('select', { id: 'ov-kind', name: 'kind', onchange: (e) => go({ jenis: e.target.value }) },
    h('option', { value: '' }, t('case.kind.all')), KINDS.map((k) => h('option', { value: k, selected: k === kind }, label('case.kind', k))));
  const list = h('section', { id: 'ov-overdue-sec' }, h('h2', null, t('ov.overdue')), loading());
  const escs = h('section', { id: 'ov-esc-sec' }, h('h2', null, t('cp.esc.list')), loading());
  main.append(h('form', { id: 'ov-filter', class: 'grid', onsubmit: (e) => e.preventDefault() },
    h('label', { for: 'ov-unit' }, t('cp.unit'), sel), h('label', { for: 'ov-kind' }, t('case.filter.kind'), kindSel)), list, escs);
  const [r, c] = await Promise.all([
    api('GET', `/cases${qs({ overdue: 'true', unit, kind, per_page: 200 })}`),
    api('GET', `/compliance${qs({ unit })}`),
  ]);
  if (!alive()) return;
  const items = (r.items || []).slice().sort(byDeadline);
  fill(list, h('h2', null, t('ov.overdue')),
    h('p', { id: 'ov-count' }, t('ov.count', { n: fmtNumber(r.total ?? items.length) })),
    items.length ? casesTable(items, 'ov-overdue', { assignee: true }) : h('p', { class: 'muted', id: 'ov-overdue' }, t('cp.overdue.none')));
  const e = (c.recent_escalations || []);
  fill(escs, h('h2', null, t('cp.esc.list')), escalationsTable(e, 'ov-esc'));
}
