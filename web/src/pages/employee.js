import { h, clear } from '../dom.js';
import { t, label, fmtDate, fmtNumber } from '../i18n.js';
import { title, loading, breadcrumb, facts, badge, esc } from '../ui.js';
import { api, qs } from '../api.js';
import { hasRole, state } from '../state.js';
import { eligibilityPanel, isDate } from './eligibility.js';

export async function employeePage({ main, params, query, alive }) {
  main.append(loading());
  const nip = decodeURIComponent(params[0]);
  const e = await api('GET', `/employees/${esc(nip)}`);
  if (!alive()) return;
  clear(main);
  const p = e.position || {};
  main.append(
    breadcrumb([[t('nav.employees'), '#/pegawai'],
      e.unit ? [e.unit.name, `#/pegawai?unit=${esc(e.unit.code)}`] : null, [e.name]].filter(Boolean)),
    h('hgroup', null, title(e.name),
      h('p', null, h('code', null, e.nip), ' ',
        e.active === false ? badge(t('emp.active.no'), 'off') : badge(t('emp.active.yes'), 'on'))),
    facts([
      [t('emp.nip'), h('code', null, e.nip)],
      [t('emp.name'), e.name],
      [t('emp.employment'), label('employment', e.employment)],
      [t('emp.golongan'), e.golongan || null],
      [t('emp.position'), p.name || null],
      [t('emp.position_kind'), p.kind ? label('poskind', p.kind) : null],
      [t('emp.jenjang'), p.jenjang || null],
      [t('emp.unit'), e.unit ? h('a', { href: `#/unit/${esc(e.unit.code)}` }, e.unit.name) : null],
      [t('emp.supervisor'), e.supervisor
        ? h('a', { href: `#/pegawai/${esc(e.supervisor.nip)}`, id: 'emp-supervisor' }, e.supervisor.name) : null],
      e.subordinates != null ? [t('emp.subordinates'), t('emp.subordinates_n', { n: fmtNumber(e.subordinates) })] : null,
      [t('emp.appointed'), e.appointed_on ? fmtDate(e.appointed_on) : null],
      [t('emp.domicile'), (e.has_domicile ?? !!e.domicile) ? t('emp.domicile.yes') : t('emp.domicile.no')],
      [t('emp.active'), e.active === false ? t('emp.active.no') : t('emp.active.yes')],
    ], 'emp-facts'),
  );
  // A head of unit may grant or refuse an exception for someone in their body.
  const head = hasRole('kepala_opd') && state.user.opd_unit && state.user.nip !== e.nip;
  const date = isDate(query.get('tanggal')) ? query.get('tanggal') : '';
  const panel = await eligibilityPanel(e.nip, date,
    (d) => { location.hash = `#/pegawai/${esc(e.nip)}${qs({ tanggal: d })}`; });
  if (!alive()) return;
  if (head) main.append(panel, h('p', null, h('a', { id: 'emp-exception', role: 'button', class: 'secondary',
    href: `#/kelayakan-tim${qs({ unit: state.user.opd_unit, nip: e.nip })}` }, t('team.form'))));
  else main.append(panel);
}
