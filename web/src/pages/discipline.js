// #/disiplin (one's own) and #/disiplin/NIP: an employee's discipline in a
// calendar year, computed by the server from the closed days (PP 94/2021
// Pasal 15): unexcused days, late/early minutes converted at the set minutes
// per day, the counted days, the longest run of unexcused days (10 in a row
// stops the salary), the sanction the ladder proposes, and the year's cases.
import { h, fill } from '../dom.js';
import { t, fmtDate, fmtNumber, label } from '../i18n.js';
import { api, qs } from '../api.js';
import { state } from '../state.js';
import { title, loading, facts, badge, breadcrumb, esc } from '../ui.js';
import { todayJkt } from '../month.js';
import { casesTable, byDeadline, sanctionName } from './cases.js';

export async function disciplinePage({ main, params, query, alive }) {
  const nip = params[0] ? decodeURIComponent(params[0]) : state.user.nip;
  const thisYear = +todayJkt().slice(0, 4);
  const y = /^\d{4}$/.test(query.get('tahun') || '') ? +query.get('tahun') : thisYear;
  const own = nip === state.user.nip;
  if (!nip) { main.append(title(t('disc.mine')), h('p', { class: 'muted' }, t('disc.no_nip'))); return; }
  // Someone else's record is headed by their name (the discipline reply has only the NIP).
  const name = own ? state.user.name : await api('GET', `/employees/${esc(nip)}`).then((e) => e.name, () => nip);
  if (!alive()) return;
  if (!own) main.append(breadcrumb([[t('nav.employees'), '#/pegawai'], [name, `#/pegawai/${esc(nip)}`], [t('disc.title')]]));
  main.append(title(own ? t('disc.mine') : t('disc.of', { name })), h('p', { class: 'muted' }, t('disc.intro')));
  const base = own ? '#/disiplin' : `#/disiplin/${esc(nip)}`;
  const yearSel = h('select', { id: 'disc-year', name: 'year', onchange: (e) => { location.hash = `${base}${qs({ tahun: e.target.value })}`; } },
    [0, 1, 2, 3].map((k) => thisYear - k).map((v) => h('option', { value: v, selected: v === y }, String(v))));
  const box = h('div', { id: 'disc-box' }, loading());
  main.append(h('form', { id: 'disc-form', onsubmit: (e) => e.preventDefault() }, h('label', { for: 'disc-year' }, t('disc.year'), yearSel)), box);
  const d = await api('GET', `/employees/${esc(nip)}/discipline${qs({ year: y })}`);
  if (!alive()) return;
  fill(box,
    facts([
      [t('disc.unexcused'), h('span', { id: 'disc-unexcused' }, t('case.days', { n: fmtNumber(d.unexcused_days) }))],
      [t('disc.late_early'), t('disc.minutes', { n: fmtNumber(d.late_early_minutes), per: fmtNumber(d.minutes_per_day) })],
      [t('case.counted'), h('strong', { id: 'disc-counted' }, t('case.days', { n: fmtNumber(d.counted_days) }))],
      [t('disc.streak'), h('span', { id: 'disc-streak' }, t('case.days', { n: fmtNumber(d.longest_streak) }))],
      [t('case.salary_stop'), d.salary_stop ? h('strong', { class: 'overdue-text' }, t('case.salary_stop.from', { date: fmtDate(d.salary_stop_from) })) : t('common.no')],
      [t('disc.proposed'), h('span', { id: 'disc-proposed' }, d.proposed ? [sanctionName(d.proposed), ' ', badge(label('case.level', d.proposed.level))] : t('disc.proposed.none'))],
    ], 'disc-facts'),
    h('p', { class: 'muted small' }, t('disc.basis')),
    h('h2', null, t('disc.cases', { year: y })),
    d.cases?.length ? casesTable(d.cases.slice().sort(byDeadline), 'disc-cases', { assignee: true })
      : h('p', { class: 'muted', id: 'disc-cases' }, t('disc.cases.none')));
}
