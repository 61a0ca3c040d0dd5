import { h, clear } from '../dom.js';
import { t, label, fmtNumber } from '../i18n.js';
import { api } from '../api.js';
import { title, loading, breadcrumb, facts, badge, esc } from '../ui.js';
import { hasRole, isAdmin } from '../state.js';

const hhmm = (s) => (s ? String(s).slice(0, 5) : null);
const coord = (x) => (typeof x === 'number' ? x.toFixed(5) : String(x));

export async function unitPage({ main, params, alive }) {
  main.append(loading());
  const code = decodeURIComponent(params[0]);
  // The unit's own "employees" counts its direct staff; the total with its
  // sub-units is what the employee list filtered by this unit holds.
  const [u, all] = await Promise.all([
    api('GET', `/units/${esc(code)}`),
    api('GET', `/employees?unit=${esc(code)}&per_page=1`).catch(() => null),
  ]);
  const total = all ? all.total : null;
  if (!alive()) return;
  clear(main);

  const path = u.path || [];
  const parent = path.length ? path[path.length - 1] : null;
  const hours = u.service_open || u.service_close
    ? `${hhmm(u.service_open) ?? '…'}–${hhmm(u.service_close) ?? '…'}` : null;
  const office = u.lat != null && u.lon != null ? `${coord(u.lat)}, ${coord(u.lon)}` : null;
  const kids = u.children || [];

  main.append(
    breadcrumb([[t('nav.units'), '#/unit'], ...path.map((p) => [p.name, `#/unit/${esc(p.code)}`]), [u.name]]),
    h('hgroup', null, title(u.name),
      h('p', null, h('code', null, u.code), ' · ', label('kind', u.kind), ' ',
        u.face_to_face ? badge(t('unit.f2f'), 'f2f') : null)),
    facts([
      [t('unit.code'), h('code', null, u.code)],
      [t('unit.kind'), label('kind', u.kind)],
      [t('unit.parent'), parent ? h('a', { href: `#/unit/${esc(parent.code)}` }, parent.name) : t('unit.root')],
      [t('unit.f2f'), u.face_to_face ? t('common.yes') : t('common.no')],
      [t('unit.hours'), hours],
      [t('unit.office'), office],
      [t('unit.radius'), u.radius_m != null ? t('unit.radius_m', { n: fmtNumber(u.radius_m) }) : null],
      [t('unit.employees.direct'), fmtNumber(u.employees ?? 0)],
      total != null ? [t('unit.employees.total'), fmtNumber(total)] : null,
    ], 'unit-facts'),
    h('p', null, h('a', { href: `#/pegawai?unit=${esc(u.code)}`, role: 'button', id: 'unit-employees' },
      total != null ? t('unit.see_employees', { n: fmtNumber(total) }) : t('unit.see_employees.plain'))),
    // schedules (issue 4 web): the unit's roster heat map, for those who may read it
    isAdmin() || hasRole('inspektorat') || hasRole('kepala_opd') || hasRole('atasan') ? h('p', null, h('a', { href: `#/unit/${esc(u.code)}/jadwal`, role: 'button', class: 'secondary outline', id: 'unit-roster' }, t('unit.roster'))) : null,
    h('h2', null, `${t('unit.children')} (${fmtNumber(kids.length)})`),
    kids.length
      ? h('table', { class: 'rows', id: 'unit-children' },
        h('thead', null, h('tr', null, h('th', null, t('unit.name')), h('th', null, t('unit.kind')),
          h('th', null, t('unit.f2f.short')), h('th', { class: 'num' }, t('unit.employees.direct')))),
        h('tbody', null, kids.map((c) => h('tr', null,
          h('td', { 'data-label': t('unit.name') }, h('a', { href: `#/unit/${esc(c.code)}` }, c.name)),
          h('td', { 'data-label': t('unit.kind') }, label('kind', c.kind)),
          h('td', { 'data-label': t('unit.f2f.short') }, c.face_to_face ? t('common.yes') : t('common.no')),
          h('td', { 'data-label': t('unit.employees.direct'), class: 'num' }, fmtNumber(c.employees ?? 0))))))
      : h('p', { class: 'muted' }, t('unit.children.none')),
  );
}
