// Who may work flexibly, and why: one employee's decision per mode with every
// reason (rule, legal basis, sentence in the current language), for a date.
import { h, clear, fill } from '../dom.js';
import { t, label, fmtDate, getLang } from '../i18n.js';
import { api, qs } from '../api.js';
import { state } from '../state.js';
import { title, loading, badge, esc, errorBox, facts } from '../ui.js';

export const LOCATION = ['wfh', 'wfa', 'kantor_lain'];
export const TIME = ['shift', 'dinamis'];

// Today in Jakarta (UTC+7), YYYY-MM-DD.
export function today() {
  return new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
}

export const isDate = (s) => /^\d{4}-\d{2}-\d{2}$/.test(s || '');

function reasonItem(r) {
  const msg = getLang() === 'en' ? r.message_en : r.message_id;
  const cls = r.waived ? 'waived' : r.passed ? 'pass' : 'fail';
  return h('li', { class: `reason ${cls}`, 'data-rule': r.rule, 'data-passed': String(!!r.passed) },
    h('span', { class: 'mark', 'aria-hidden': 'true' }, r.waived ? '≈' : r.passed ? '✓' : '✗'),
    h('span', { class: 'reason-body' },
      h('strong', null, label('rule', r.rule)), ' ',
      r.waived ? h('em', null, `(${t('elig.waived')}) `) : null,
      h('span', { class: 'msg' }, msg),
      h('small', { class: 'basis' }, `${t('elig.basis')}: ${r.basis}`)));
}

function verdictCard(kind, v) {
  const reasons = v.reasons || [];
  // An exception and approved special circumstances are always shown; failed
  // rules are shown open; passed ones are folded so five modes fit a phone.
  const shown = (r) => r.rule === 'exception' || r.rule === 'special_circumstances';
  const open = reasons.filter((r) => !r.passed || r.waived || shown(r));
  const passed = reasons.filter((r) => r.passed && !r.waived && !shown(r));
  return h('article', { class: `verdict ${v.eligible ? 'yes' : 'no'}`, id: `elig-${kind}`,
    'data-eligible': String(v.eligible) },
  h('header', null,
    h('h3', null, label('mode', kind)),
    v.eligible ? badge(t('elig.yes'), 'on') : badge(t('elig.no'), 'off')),
  open.length ? h('ul', { class: 'reasons', 'aria-label': t('elig.failed') }, open.map(reasonItem)) : null,
  passed.length ? h('details', { class: 'passed' },
    h('summary', null, t('elig.passed', { n: passed.length })),
    h('ul', { class: 'reasons' }, passed.map(reasonItem))) : null);
}

function exceptionNote(x) {
  return h('div', { class: 'alert info', id: 'elig-exception', 'data-decision': x.decision },
    h('strong', null, t('elig.exception', { decision: t(`elig.exception.${x.decision}`), by: x.decided_by,
      from: fmtDate(x.valid_from), until: fmtDate(x.valid_until) })),
    h('span', { class: 'block' }, x.justification));
}

function profileText(p) {
  const fam = label('family', p.family);
  const src = p.unclassified ? t('elig.profile.unclassified')
    : p.source === 'correction' ? t('elig.profile.correction', { reason: p.correction?.reason || '' })
      : t('elig.profile.table');
  return `${t('elig.profile', { family: fam })} (${src})`;
}

// The decision for `nip` on `date` (or today), with a date picker. `onDate`
// is called with a new date (the page puts it in the hash).
export async function eligibilityPanel(nip, date, onDate) {
  const box = h('section', { id: 'eligibility', 'aria-labelledby': 'elig-h' });
  const dateIn = h('input', { type: 'date', id: 'elig-date', name: 'tanggal', value: date || today(), required: true });
  const form = h('form', { id: 'elig-form', class: 'form-row', onsubmit: (e) => {
    e.preventDefault();
    if (isDate(dateIn.value)) onDate(dateIn.value);
  } },
  h('label', null, t('elig.date'), dateIn),
  h('button', { type: 'submit', id: 'elig-show', class: 'secondary' }, t('elig.show')),
  date && date !== today() ? h('button', { type: 'button', class: 'outline secondary', id: 'elig-today',
    onclick: () => onDate('') }, t('elig.today')) : null);
  const out = h('div', { id: 'elig-result', 'aria-live': 'polite' }, loading());
  box.append(h('h2', { id: 'elig-h' }, t('elig.title')), form, out);
  api('GET', `/employees/${esc(nip)}/eligibility${qs({ date })}`).then((d) => {
    const p = d.policy || {};
    fill(out, 
      h('p', { id: 'elig-meta', class: 'muted' },
        h('span', { class: 'block', id: 'elig-date-shown' }, fmtDate(d.date)),
        h('span', { class: 'block', id: 'elig-policy', 'data-version': String(d.policy_version) },
          t('elig.policy', { v: d.policy_version, from: fmtDate(p.valid_from), ref: p.legal_reference || '' })),
        d.profile ? h('span', { class: 'block', id: 'elig-profile' }, profileText(d.profile)) : null,
        d.date < today() ? h('span', { class: 'block' }, t('elig.past')) : null),
      d.exception ? exceptionNote(d.exception) : null,
      h('h3', { class: 'group' }, t('elig.location')),
      h('div', { class: 'verdicts' }, LOCATION.map((k) => verdictCard(k, d.modes[k]))),
      h('h3', { class: 'group' }, t('elig.time')),
      h('div', { class: 'verdicts' }, TIME.map((k) => verdictCard(k, d.time[k]))));
  }).catch((e) => {
    if (e?.status === 401) return;
    fill(out, errorBox(e));
  });
  return box;
}

// #/kelayakan: the logged-in employee's own decision.
export async function myEligibilityPage({ main, query }) {
  const u = state.user;
  main.append(title(t('elig.my_title')));
  if (!u.nip) { main.append(h('p', { class: 'muted', id: 'elig-no-nip' }, t('elig.no_nip'))); return; }
  const date = isDate(query.get('tanggal')) ? query.get('tanggal') : '';
  main.append(facts([
    [t('emp.name'), h('a', { href: `#/pegawai/${esc(u.nip)}` }, u.name)],
    [t('emp.nip'), h('code', null, u.nip)],
    u.unit ? [t('emp.unit'), u.unit.name] : null,
  ], 'my-facts'),
  await eligibilityPanel(u.nip, date, (d) => { location.hash = `#/kelayakan${qs({ tanggal: d })}`; }));
}
