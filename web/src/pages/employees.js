// Employee search: q (name substring or NIP prefix), unit (with sub-units),
// page and per_page, all kept in the hash so Back and reload work.
import { h, clear } from '../dom.js';
import { t, label, fmtNumber } from '../i18n.js';
import { api, qs } from '../api.js';
import { title, loading, esc, errorBox } from '../ui.js';

const PER_PAGE = [20, 50, 100];

function hashFor(p) { return `#/pegawai${qs(p)}`; }

export function positionText(p) {
  if (!p) return null;
  return p.jenjang ? `${p.name} (${p.jenjang})` : p.name;
}

export async function employeesPage({ main, query, alive }) {
  const q = query.get('q') || '';
  const unit = query.get('unit') || '';
  const page = Math.max(1, parseInt(query.get('page'), 10) || 1);
  const per = PER_PAGE.includes(+query.get('per_page')) ? +query.get('per_page') : 50;

  const qIn = h('input', { type: 'search', id: 'emp-q', name: 'q', value: q,
    placeholder: t('emp.search.placeholder'), autocomplete: 'off' });
  const uIn = h('input', { type: 'text', id: 'emp-unit', name: 'unit', value: unit,
    placeholder: t('emp.unit_filter.placeholder'), autocomplete: 'off', autocapitalize: 'characters' });
  const perSel = h('select', { id: 'emp-per-page', name: 'per_page' },
    PER_PAGE.map((n) => h('option', { value: String(n), selected: n === per }, String(n))));
  const submit = (e) => {
    e?.preventDefault();
    location.hash = hashFor({ q: qIn.value.trim(), unit: uIn.value.trim(), per_page: perSel.value === '50' ? '' : perSel.value });
  };
  perSel.addEventListener('change', submit);

  const unitChip = h('p', { id: 'emp-unit-chip', hidden: !unit });
  const out = h('div', { id: 'emp-results', 'aria-live': 'polite' }, loading());
  main.append(title(t('emp.title')),
    h('form', { id: 'emp-search', role: 'search', onsubmit: submit },
      h('div', { class: 'grid' },
        h('label', null, t('emp.search'), qIn),
        h('label', null, t('emp.unit_filter'), uIn)),
      h('div', { class: 'form-row' },
        h('label', { class: 'inline' }, t('emp.per_page'), perSel),
        h('button', { type: 'submit' }, t('emp.submit')))),
    unitChip, out);

  if (unit) {
    api('GET', `/units/${esc(unit)}`).then((u) => {
      if (!alive()) return;
      unitChip.append(t('emp.filter_unit', { name: u.name }), ' ',
        h('a', { href: hashFor({ q, per_page: per === 50 ? '' : per }) }, `✕ ${t('emp.clear_unit')}`));
    }, () => {});
  }

  let r;
  try {
    r = await api('GET', `/employees${qs({ unit, q, page, per_page: per })}`);
  } catch (e) {
    if (!alive()) return;
    clear(out).append(errorBox(e));
    return;
  }
  if (!alive()) return;
  clear(out);
  const items = r.items || [];
  const total = r.total ?? items.length;
  const pages = Math.max(1, Math.ceil(total / (r.per_page || per)));
  const cur = r.page || page;
  out.append(h('p', { id: 'emp-total' }, h('strong', null, t('emp.total', { n: fmtNumber(total) }))));
  if (!items.length) { out.append(h('p', { class: 'muted' }, t('emp.none'))); return; }

  out.append(h('table', { class: 'rows', id: 'emp-table' },
    h('thead', null, h('tr', null, h('th', null, t('emp.name')), h('th', null, t('emp.nip')),
      h('th', null, t('emp.position')), h('th', null, t('emp.unit')))),
    h('tbody', null, items.map((e) => h('tr', { 'data-nip': e.nip },
      h('td', { 'data-label': t('emp.name') }, h('a', { href: `#/pegawai/${esc(e.nip)}` }, e.name)),
      h('td', { 'data-label': t('emp.nip') }, h('code', null, e.nip)),
      h('td', { 'data-label': t('emp.position') }, positionText(e.position) ?? t('common.none'), ' ',
        h('small', { class: 'muted' }, `${label('employment', e.employment)}${e.golongan ? ` · ${e.golongan}` : ''}`)),
      h('td', { 'data-label': t('emp.unit') }, e.unit
        ? h('a', { href: `#/unit/${esc(e.unit.code)}` }, e.unit.name) : t('common.none')))))));

  const link = (p, text, rel) => (p >= 1 && p <= pages && p !== cur
    ? h('a', { href: hashFor({ q, unit, page: p > 1 ? p : '', per_page: per === 50 ? '' : per }), rel, role: 'button', class: 'outline' }, text)
    : h('span', { class: 'disabled', 'aria-disabled': 'true' }, text));
  out.append(h('nav', { class: 'pager', 'aria-label': t('emp.pagination') },
    link(cur - 1, t('emp.prev'), 'prev'),
    h('span', { id: 'emp-page' }, t('emp.page', { page: fmtNumber(cur), pages: fmtNumber(pages) })),
    link(cur + 1, t('emp.next'), 'next')));
}
