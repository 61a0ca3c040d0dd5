// Disciplinary cases (issue 6 item 7; PP 94/2021, RULES.md section 4).
// #/kasus: the supervisor's inbox, the cases assigned to them ordered by the
// nearest deadline with the overdue ones first; "all" shows every case the
// user may see (a head's body, the inspectorate everywhere, an employee their
// own). #/kasus/ID: one case: the employee and the violations counted, the
// legal steps with their deadlines (done, due, overdue in red), the form for
// the next step the signed-in user may take, the escalations and the letters.
// Who may take which step is decided by the server; the page only offers the
// steps the case's data says are the user's (assignee, deciding official,
// the employee for a response) and shows the server's refusal otherwise.
import { h, add, clear, fill } from '../dom.js';
import { t, label, fmtDate, fmtNumber, getLang } from '../i18n.js';
import { api, qs } from '../api.js';
import { state, hasRole, isAdmin } from '../state.js';
import { title, loading, errorBox, facts, badge, breadcrumb, esc } from '../ui.js';
import { todayJkt, addDays, isWeekend, daysOffBetween, isDate } from '../month.js';

export const SANCTIONS = ['teguran_lisan', 'teguran_tertulis', 'pernyataan_tidak_puas', 'potongan_tpp_25_6',
  'potongan_tpp_25_9', 'potongan_tpp_25_12', 'penurunan_jabatan', 'pembebasan_jabatan', 'pemberhentian'];
export const STAGES = ['open', 'summoned', 'missed', 'summoned_again', 'examined', 'decided', 'delivered', 'closed', 'withdrawn'];
export const KINDS = ['absence', 'supervisor_inaction', 'official_inaction'];
// The legal order of the steps after opening, for the steps still ahead.
const ORDER = ['summon', 'examine', 'decide', 'deliver', 'close'];
const COUNTED = ['unexcused_absence', 'late', 'early_leave'];
const PAGE = 200;

const okBox = (text) => h('div', { role: 'status', class: 'alert ok' }, text);
const person = (p) => (p ? [p.name, ' ', h('code', { class: 'small' }, p.nip)] : null);

// The Jakarta date of a server timestamp (UTC, ISO 8601).
const wibDate = (at) => (Number.isNaN(Date.parse(at)) ? '' : new Date(Date.parse(at) + 7 * 3600e3).toISOString().slice(0, 10));
// Whole days from a to b ('YYYY-MM-DD').
const daysFrom = (a, b) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400e3);

export function stageBadge(s) {
  const cls = s === 'closed' || s === 'withdrawn' ? '' : s === 'missed' ? 'off' : 'wait';
  return h('span', { class: `badge ${cls}`.trim(), 'data-stage': s }, label('case.stage', s));
}

export function sanctionName(p) {
  if (!p) return t('common.none');
  if (p.name_id || p.name_en) return getLang() === 'en' ? p.name_en || p.name_id : p.name_id || p.name_en;
  return label('case.sanction', p.code);
}

// The next step and its deadline; overdue ones in red with the days late.
export function deadlineView(c, today = todayJkt()) {
  const n = c.next;
  if (!n) return h('span', { class: 'muted' }, t('case.no_deadline'));
  const late = n.overdue ? Math.max(1, daysFrom(n.deadline, today)) : 0;
  return h('span', { class: `deadline${n.overdue ? ' overdue' : ''}`, 'data-deadline': n.deadline, 'data-overdue': String(!!n.overdue) },
    h('strong', null, fmtDate(n.deadline)), ' ', h('span', { class: 'muted' }, label('case.action', n.action)),
    n.overdue ? [' ', badge(t('case.late_days', { n: fmtNumber(late) }), 'off')] : null);
}

// Overdue first, then the nearest deadline; cases waiting for nothing last.
export function byDeadline(a, b) {
  const ao = a.next?.overdue ? 0 : 1;
  const bo = b.next?.overdue ? 0 : 1;
  if (ao !== bo) return ao - bo;
  const ad = a.next?.deadline || '9999-12-31';
  const bd = b.next?.deadline || '9999-12-31';
  return ad < bd ? -1 : ad > bd ? 1 : a.id - b.id;
}

// A table of case summaries; opts.assignee adds who handles each one.
export function casesTable(items, id, opts = {}) {
  const today = todayJkt();
  const cols = ['case.col.deadline', 'case.col.employee', 'case.col.case', 'case.col.stage',
    opts.assignee ? 'case.col.assignee' : null, ''].filter((k) => k !== null);
  return h('table', { class: 'rows cases', id },
    h('thead', null, h('tr', null, cols.map((k) => h('th', { scope: 'col' }, k ? t(k) : '')))),
    h('tbody', null, items.map((c) => h('tr', { 'data-id': String(c.id), 'data-stage': c.status, 'data-kind': c.kind,
      'data-overdue': String(!!c.next?.overdue), class: c.next?.overdue ? 'overdue' : null },
    h('td', { 'data-label': t('case.col.deadline') }, deadlineView(c, today)),
    h('td', { 'data-label': t('case.col.employee') }, c.name, ' ', h('code', { class: 'small' }, c.nip),
      c.unit?.name ? h('small', { class: 'block muted' }, c.unit.name) : null),
    h('td', { 'data-label': t('case.col.case') }, label('case.kind', c.kind),
      c.counted_days ? h('small', { class: 'muted' }, ` · ${t('case.days', { n: fmtNumber(c.counted_days) })}`) : null,
      h('small', { class: 'block' }, c.sanction ? label('case.short', c.sanction.code)
        : c.proposed ? t('case.step.proposal', { name: label('case.short', c.proposed.code) }) : null),
      c.salary_stop ? badge(t('case.salary_stopped'), 'off') : null),
    h('td', { 'data-label': t('case.col.stage') }, stageBadge(c.status),
      c.escalations ? [' ', badge(t('case.escalated_n', { n: fmtNumber(c.escalations) }), 'off')] : null),
    opts.assignee ? h('td', { 'data-label': t('case.col.assignee') }, c.assignee ? c.assignee.name : h('span', { class: 'muted' }, t('case.assignee.bkd'))) : null,
    h('td', null, h('a', { href: `#/kasus/${c.id}`, class: 'open', 'aria-label': t('case.open.label', { id: c.id, name: c.name }) }, t('case.open')))))));
}

// ---- the inbox ----

const canBeAssigned = () => !!state.user?.nip && (hasRole('atasan') || hasRole('kepala_opd'));

export async function casesInboxPage({ main, query, alive }) {
  const view = query.get('lihat') === 'semua' || !canBeAssigned() ? 'semua' : 'saya';
  const status = STAGES.includes(query.get('status')) || query.get('status') === 'all' ? query.get('status') : 'active';
  const kind = KINDS.includes(query.get('jenis')) ? query.get('jenis') : '';
  const go = (patch) => {
    const p = { lihat: view === 'semua' ? 'semua' : '', status: status === 'active' ? '' : status, jenis: kind, ...patch };
    location.hash = `#/kasus${qs(p)}`;
  };
  const statusSel = h('select', { id: 'case-status', name: 'status', onchange: (e) => go({ status: e.target.value === 'active' ? '' : e.target.value }) },
    ['active', ...STAGES, 'all'].map((s) => h('option', { value: s, selected: s === status },
      s === 'active' || s === 'all' ? t(`case.filter.${s}`) : label('case.stage', s))));
  const kindSel = h('select', { id: 'case-kind', name: 'kind', onchange: (e) => go({ jenis: e.target.value }) },
    h('option', { value: '' }, t('case.kind.all')), KINDS.map((k) => h('option', { value: k, selected: k === kind }, label('case.kind', k))));
  const tabs = canBeAssigned() ? h('nav', { class: 'tabs', 'aria-label': t('case.views') }, h('ul', null,
    h('li', null, h('a', { href: `#/kasus${qs({ status: status === 'active' ? '' : status, jenis: kind })}`, id: 'case-view-mine',
      'aria-current': view === 'saya' ? 'page' : null }, t('case.view.mine'))),
    h('li', null, h('a', { href: `#/kasus${qs({ lihat: 'semua', status: status === 'active' ? '' : status, jenis: kind })}`, id: 'case-view-all',
      'aria-current': view === 'semua' ? 'page' : null }, t('case.view.all'))))) : null;
  const box = h('section', { id: 'case-inbox-box', 'aria-live': 'polite' }, loading());
  add(main, [title(t('case.title')), h('p', { class: 'muted' }, t(view === 'saya' ? 'case.intro.mine' : 'case.intro.all')),
    tabs,
    h('form', { id: 'case-filter', class: 'grid', onsubmit: (e) => e.preventDefault() },
      h('label', { for: 'case-status' }, t('case.filter.stage'), statusSel),
      h('label', { for: 'case-kind' }, t('case.filter.kind'), kindSel)),
    box,
    state.user.nip ? h('p', null, h('a', { href: '#/disiplin', id: 'case-my-discipline' }, t('disc.mine'))) : null]);
  const r = await api('GET', `/cases${qs({ assignee: view === 'saya' ? 'me' : '', status: status === 'all' ? '' : status,
    kind, per_page: PAGE })}`);
  if (!alive()) return;
  const items = (r.items || []).slice().sort(byDeadline);
  if (!items.length) { fill(box, h('p', { class: 'muted', id: 'case-none' }, t(view === 'saya' ? 'case.none.mine' : 'case.none'))); return; }
  const overdue = items.filter((c) => c.next?.overdue).length;
  fill(box,
    h('p', { id: 'case-count' }, t('case.count', { n: fmtNumber(r.total ?? items.length) }),
      overdue ? [' ', h('strong', { class: 'overdue-text' }, t('case.count.overdue', { n: fmtNumber(overdue) }))] : null),
    (r.total ?? 0) > items.length ? h('p', { class: 'muted small' }, t('case.first_n', { n: fmtNumber(items.length) })) : null,
    casesTable(items, 'case-inbox', { assignee: view === 'semua' }));
}

// ---- one case ----

// What the signed-in user may do now, from the case's own data (the server
// checks again): assignee steps (admin_bkd may take them for anyone), the
// decision for the competent official, a response by the employee.
export function allowedActions(c) {
  const me = state.user?.nip || '';
  const admin = isAdmin();
  const self = !!me && c.nip === me;
  const assignee = (!!me && c.assignee?.nip === me) || admin;
  const stepper = assignee && (!self || admin);
  const decider = c.decider?.nip ? c.decider.nip === me && !self : c.decider?.role === 'admin_bkd' && admin;
  switch (c.status) {
    case 'open': case 'missed': return stepper ? ['summon'] : [];
    case 'summoned': case 'summoned_again': return stepper ? ['examine', 'missed'] : [];
    case 'examined': return decider ? ['decide'] : [];
    case 'decided': return stepper ? ['deliver'] : [];
    case 'delivered': return [!c.responded_on && (self || assignee) ? 'respond' : null, stepper ? 'close' : null].filter(Boolean);
    default: return [];
  }
}

// The n-th working day after `from` (weekends and the calendar's days off skipped).
async function workingDayAfter(from, n) {
  const off = await daysOffBetween(from, addDays(from, n * 3 + 20));
  let d = from;
  for (let k = 0; k < n;) {
    d = addDays(d, 1);
    if (!isWeekend(d) && !off.has(d)) k += 1;
  }
  return d;
}

function stepDetails(s) {
  const bits = [];
  if (s.exam_on) bits.push(t('case.step.exam_on', { date: fmtDate(s.exam_on) }));
  if (s.virtual) bits.push(t('case.virtual'));
  if (s.sanction_code) {
    const name = label('case.sanction', s.sanction_code);
    bits.push(SYSTEM.includes(s.action) ? t('case.step.proposal', { name }) : name);
  }
  return bits.join(' · ');
}

// Steps the server records by itself when it processes closed days; their
// notes are the server's English, the facts show elsewhere on the page.
const SYSTEM = ['open', 'raise', 'lower', 'withdraw', 'escalate', 'join'];
const MARK = { missed: '✗', escalate: '↑', withdraw: '–', join: '+' };

function stepItem(s) {
  const more = stepDetails(s);
  const cls = s.action === 'escalate' ? 'done escalated' : 'done';
  return h('li', { class: cls, 'data-step': s.action }, h('span', { class: 'mark', 'aria-hidden': 'true' }, MARK[s.action] || '✓'),
    h('div', null, h('strong', null, label('case.action', s.action)), ' ', fmtDate(s.date),
      more ? h('span', { class: 'block small' }, more) : null,
      s.note && !SYSTEM.includes(s.action) ? h('span', { class: 'block small note' }, s.note) : null,
      h('small', { class: 'block muted' }, t('case.step.by', { who: s.actor, at: fmtDate(wibDate(s.at)) }))));
}

// The steps taken, the one due (red when overdue) and the ones ahead.
function timeline(c) {
  const today = todayJkt();
  const steps = c.steps || [];
  const has = (a) => steps.some((s) => s.action === a);
  const items = [];
  if (!has('open')) {
    items.push(h('li', { class: 'done', 'data-step': 'open' }, h('span', { class: 'mark', 'aria-hidden': 'true' }, '✓'),
      h('div', null, h('strong', null, label('case.action', 'open')), ' ', fmtDate(c.opened_on))));
  }
  items.push(...steps.map(stepItem));
  if ((c.status === 'withdrawn' && !has('withdraw')) || (c.status === 'closed' && !has('close'))) {
    items.push(h('li', { class: 'done', 'data-step': c.status }, h('span', { class: 'mark', 'aria-hidden': 'true' }, '✓'),
      h('div', null, h('strong', null, label('case.stage', c.status)), ' ', c.closed_on ? fmtDate(c.closed_on) : '')));
  }
  if (c.next) {
    const n = c.next;
    const late = n.overdue ? Math.max(1, daysFrom(n.deadline, today)) : 0;
    items.push(h('li', { class: n.overdue ? 'overdue' : 'due', id: 'case-next', 'data-step': n.action, 'data-overdue': String(!!n.overdue) },
      h('span', { class: 'mark', 'aria-hidden': 'true' }, n.overdue ? '!' : '○'),
      h('div', null, h('strong', null, label('case.action', n.action)), ' ',
        t(n.overdue ? 'case.step.overdue' : 'case.step.due', { date: fmtDate(n.deadline), n: fmtNumber(late) }),
        c.assignee || n.action === 'decide' ? h('small', { class: 'block muted' }, t('case.step.whose', {
          who: n.action === 'decide' ? deciderName(c) : c.assignee.name })) : null)));
    const i = ORDER.indexOf(n.action === 'missed' ? 'examine' : n.action);
    for (const a of i >= 0 ? ORDER.slice(i + 1) : []) {
      items.push(h('li', { class: 'later', 'data-step': a }, h('span', { class: 'mark', 'aria-hidden': 'true' }, '·'),
        h('div', null, label('case.action', a))));
    }
  }
  return h('ol', { class: 'case-steps', id: 'case-steps' }, items);
}

const deciderName = (c) => (c.decider?.nip ? c.decider.name : t('case.assignee.bkd'));

// The form for the chosen step; fields follow the action.
function actionForm(c, actions, reload) {
  const today = todayJkt();
  const choice = { value: actions[0] };
  const msg = h('div', { id: 'case-act-msg', 'aria-live': 'polite' });
  const fields = h('div', { id: 'case-act-fields' });
  const btn = h('button', { type: 'submit', id: 'case-act-submit' }, t(`case.do.${choice.value}`));
  const date = h('input', { type: 'date', id: 'case-date', name: 'date', value: today, max: today, min: c.opened_on, required: true });
  const examOn = h('input', { type: 'date', id: 'case-exam-on', name: 'exam_on', required: true });
  const place = h('input', { type: 'text', id: 'case-place', name: 'place', maxlength: 300, placeholder: t('case.place.placeholder') });
  const virt = h('input', { type: 'checkbox', id: 'case-virtual', name: 'virtual', role: 'switch' });
  const note = h('textarea', { id: 'case-note', name: 'note', rows: 4, maxlength: 8000 });
  const sanction = h('select', { id: 'case-sanction', name: 'sanction_code' },
    SANCTIONS.map((s) => h('option', { value: s, selected: s === c.proposed?.code }, label('case.sanction', s))),
    h('option', { value: 'none', selected: !c.proposed }, t('case.sanction.none')));
  const setExam = async () => { if (isDate(date.value)) examOn.value = await workingDayAfter(date.value, 3); };
  date.addEventListener('change', () => { if (choice.value === 'summon') setExam(); });
  const noteLabel = { summon: 'case.f.summon_note', examine: 'case.f.bap', missed: 'case.f.note', decide: 'case.f.considerations',
    deliver: 'case.f.delivery', respond: 'case.f.response', close: 'case.f.note' };
  const show = () => {
    const a = choice.value;
    btn.textContent = t(`case.do.${a}`);
    note.required = a === 'examine' || a === 'respond';
    fill(fields,
      h('p', { class: 'muted small', id: 'case-act-help' }, t(`case.help.${a}`)),
      h('div', { class: 'grid' }, h('label', { for: 'case-date' }, t(`case.f.date.${a}`), date),
        a === 'summon' ? h('label', { for: 'case-exam-on' }, t('case.f.exam_on'), examOn) : null,
        a === 'decide' ? h('label', { for: 'case-sanction' }, t('case.f.sanction'), sanction) : null),
      a === 'summon' ? h('label', { for: 'case-place' }, t('case.f.place'), place) : null,
      a === 'summon' || a === 'examine' ? h('label', { for: 'case-virtual', class: 'check' }, virt, t(a === 'summon' ? 'case.f.virtual.summon' : 'case.f.virtual')) : null,
      h('label', { for: 'case-note' }, t(noteLabel[a]), note));
    if (a === 'summon' && !examOn.value) setExam();
  };
  const picker = actions.length > 1 ? h('fieldset', { id: 'case-act-choice' }, h('legend', null, t('case.act.choose')),
    actions.map((a) => h('label', { class: 'check' }, h('input', { type: 'radio', name: 'case-action', value: a, id: `case-choose-${a}`,
      checked: a === choice.value, onchange: () => { choice.value = a; clear(msg); show(); } }), label('case.action', a)))) : null;
  show();
  const form = h('form', { id: 'case-act-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    clear(msg);
    const a = choice.value;
    const text = a === 'summon' ? [place.value.trim(), note.value.trim()].filter(Boolean).join('\n') : note.value.trim();
    if (!isDate(date.value) || (a === 'summon' && !isDate(examOn.value))) { msg.append(h('div', { role: 'alert', class: 'alert' }, t('case.need.date'))); return; }
    if (note.required && text.length < 3) { msg.append(h('div', { role: 'alert', class: 'alert' }, t('case.need.note'))); note.focus(); return; }
    const json = { action: a, date: date.value, note: text };
    if (a === 'summon') json.exam_on = examOn.value;
    if (a === 'summon' || a === 'examine') json.virtual = virt.checked;
    if (a === 'decide') json.sanction_code = sanction.value;
    btn.disabled = true; btn.setAttribute('aria-busy', 'true');
    try {
      const r = await api('POST', `/cases/${c.id}/steps`, { json });
      reload(['case.done', a], r);
    } catch (err) {
      btn.disabled = false; btn.removeAttribute('aria-busy');
      msg.append(errorBox(err));
    }
  } }, picker, fields, msg, btn);
  return h('section', { id: 'case-act' }, h('h2', null, t('case.act.title')), form);
}

// The days that count for an absence case: the year's closed days with an
// unexcused absence, late arrival or early leave, read from the day accounts
// in windows of 62 days (the attendance list's limit), up to the case's end.
async function evidenceDays(c) {
  const year = c.year || +c.opened_on.slice(0, 4);
  const today = todayJkt();
  let upto = c.closed_on || today;
  if (upto > `${year}-12-31`) upto = `${year}-12-31`;
  const windows = [];
  for (let from = `${year}-01-01`; from <= upto; from = addDays(from, 62)) {
    const to = addDays(from, 61) < upto ? addDays(from, 61) : upto;
    windows.push(api('GET', `/attendance${qs({ nip: c.nip, from, to, limit: 100 })}`));
  }
  const pages = await Promise.all(windows);
  return pages.flatMap((p) => p.items || [])
    .filter((d) => d.closed !== false && (d.status === 'alpa' || (d.violations || []).some((v) => COUNTED.includes(v))));
}

function evidenceTable(days) {
  if (!days.length) return h('p', { class: 'muted', id: 'case-evidence' }, t('case.evidence.none'));
  let alpa = 0;
  let minutes = 0;
  const rows = days.map((d) => {
    const kinds = (d.violations || []).filter((v) => COUNTED.includes(v));
    if (d.status === 'alpa' && !kinds.includes('unexcused_absence')) kinds.unshift('unexcused_absence');
    const min = (d.late_min || 0) + (d.early_min || 0);
    if (d.status === 'alpa') alpa += 1;
    minutes += min;
    return h('tr', { 'data-date': d.date, 'data-status': d.status },
      h('td', { 'data-label': t('case.ev.date') }, fmtDate(d.date)),
      h('td', { 'data-label': t('case.ev.kind') }, kinds.map((k, i) => [i ? ', ' : '', label('case.viol', k)])),
      h('td', { 'data-label': t('case.ev.minutes'), class: 'num' }, min ? fmtNumber(min) : '—'),
      h('td', { 'data-label': t('case.ev.times'), class: 'small muted' }, [d.in, d.out].some(Boolean) ? `${d.in || '—'} – ${d.out || '—'}` : t('case.ev.no_records')));
  });
  return [h('p', { class: 'small muted', id: 'case-ev-sum' }, t('case.ev.caption', { days: fmtNumber(alpa), min: fmtNumber(minutes) })),
    h('table', { class: 'rows evidence', id: 'case-evidence' },
    h('thead', null, h('tr', null, ['case.ev.date', 'case.ev.kind', 'case.ev.minutes', 'case.ev.times'].map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', null, rows))];
}

export function escalationsTable(rows, id) {
  if (!rows.length) return h('p', { class: 'muted', id }, t('case.esc.none'));
  return h('table', { class: 'rows', id },
    h('thead', null, h('tr', null, ['case.esc.date', 'case.esc.missed', 'case.esc.from', 'case.esc.to', 'case.esc.inaction']
      .map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', null, rows.map((e) => h('tr', { 'data-case': String(e.case_id ?? ''), 'data-inaction': String(e.inaction_case_id ?? '') },
      h('td', { 'data-label': t('case.esc.date') }, fmtDate(e.date)),
      h('td', { 'data-label': t('case.esc.missed') }, label('case.action', e.missed_action), ' ',
        h('small', { class: 'muted' }, t('case.esc.deadline', { date: fmtDate(e.deadline) })),
        e.case_id ? h('small', { class: 'block' }, h('a', { href: `#/kasus/${e.case_id}` }, t('case.ref', { id: e.case_id }))) : null),
      h('td', { 'data-label': t('case.esc.from') }, e.from ? e.from.name : '—'),
      h('td', { 'data-label': t('case.esc.to') }, e.to ? e.to.name : t('case.assignee.bkd')),
      h('td', { 'data-label': t('case.esc.inaction') }, e.inaction_case_id
        ? h('a', { href: `#/kasus/${e.inaction_case_id}` }, t('case.ref', { id: e.inaction_case_id })) : '—')))));
}

// Letter drafts: the server's list when it gives one, else one per step taken.
function lettersOf(c) {
  if (Array.isArray(c.letters)) return c.letters.map((l) => (typeof l === 'string' ? { kind: l } : l));
  const out = [];
  if (c.summons >= 1 || c.summoned_on) out.push({ kind: 'summons' });
  if (c.summons >= 2) out.push({ kind: 'summons_again' });
  if (c.decided_on && c.sanction) out.push({ kind: 'decision' });
  return out;
}

function lettersSection(c) {
  const ls = lettersOf(c);
  if (!ls.length) return null;
  return h('section', { id: 'case-letters' }, h('h2', null, t('case.letters')),
    h('p', { class: 'muted small' }, t('case.letters.help')),
    h('ul', null, ls.map((l) => h('li', null, h('a', { href: l.url || `/api/v1/cases/${c.id}/letters/${l.kind}.pdf`,
      'data-letter': l.kind, target: '_blank', rel: 'noopener' }, label('case.letter', l.kind), ' (PDF)')))));
}

function caseFacts(c) {
  const against = c.against_case_id ? h('a', { href: `#/kasus/${c.against_case_id}`, id: 'case-against' }, t('case.ref', { id: c.against_case_id })) : null;
  return facts([
    [t('case.col.employee'), [h('a', { href: `#/pegawai/${esc(c.nip)}`, id: 'case-employee' }, c.name), ' ', h('code', { class: 'small' }, c.nip)]],
    [t('emp.unit'), c.unit?.name || null],
    [t('case.col.kind'), [label('case.kind', c.kind), against ? [' · ', t('case.against'), ' ', against] : null]],
    [t('case.col.stage'), h('span', { id: 'case-stage', 'data-stage': c.status }, stageBadge(c.status))],
    [t('case.opened'), fmtDate(c.opened_on)],
    c.kind === 'absence' ? [t('case.counted'), h('span', { id: 'case-counted' }, t('case.days', { n: fmtNumber(c.counted_days) }))] : null,
    [t('case.col.proposed'), h('span', { id: 'case-proposed' }, sanctionName(c.proposed),
      c.proposed?.level ? [' ', badge(label('case.level', c.proposed.level))] : null)],
    c.salary_stop ? [t('case.salary_stop'), h('strong', { class: 'overdue-text' }, t('case.salary_stop.from', { date: fmtDate(c.salary_stop_from) }))] : null,
    c.sanction ? [t('case.sanction'), h('span', { id: 'case-sanction-set' }, label('case.sanction', c.sanction.code),
      c.sanction.from ? ` (${fmtDate(c.sanction.from)} – ${c.sanction.until ? fmtDate(c.sanction.until) : t('case.permanent')})` : '')] : null,
    c.decided_on_evidence ? [t('case.on_evidence'), t('common.yes')] : null,
    [t('case.col.assignee'), h('span', { id: 'case-assignee' }, c.assignee ? person(c.assignee) : t('case.assignee.bkd'))],
    [t('case.decider'), h('span', { id: 'case-decider' }, c.decider?.nip ? person(c.decider) : t('case.assignee.bkd'))],
    [t('case.next'), deadlineView(c)],
    c.escalations ? [t('case.escalations'), badge(t('case.escalated_n', { n: fmtNumber(c.escalations) }), 'off')] : null,
  ], 'case-facts');
}

// Evidence: the counted days for an absence case; for an inaction case the
// escalation of the case that was let pass.
async function evidenceSection(c, alive) {
  const box = h('div', { id: 'case-evidence-box' }, loading());
  const sec = h('section', { id: 'case-evidence-sec' }, h('h2', null, t('case.evidence')), box);
  const work = (async () => {
    if (c.kind === 'absence') {
      const [days, disc] = await Promise.all([evidenceDays(c),
        api('GET', `/employees/${esc(c.nip)}/discipline${qs({ year: c.year || c.opened_on.slice(0, 4) })}`).catch(() => null)]);
      if (!alive()) return;
      fill(box, disc ? h('p', { id: 'case-disc' }, t('case.disc.line', { days: fmtNumber(disc.unexcused_days),
        min: fmtNumber(disc.late_early_minutes), per: fmtNumber(disc.minutes_per_day), counted: fmtNumber(disc.counted_days),
        streak: fmtNumber(disc.longest_streak) }), ' ', h('a', { href: `#/disiplin/${esc(c.nip)}${qs({ tahun: disc.year })}` }, t('disc.see'))) : null,
      evidenceTable(days));
      return;
    }
    // every deadline this person let pass while the case was undecided joined it
    const rows = c.failures || [];
    fill(box, h('p', null, t(rows.length > 1 ? 'case.inaction.intro_many' : 'case.inaction.intro',
      { id: c.against_case_id ?? '—', n: fmtNumber(rows.length) })), escalationsTable(rows, 'case-evidence'));
  })().catch((err) => { if (alive()) fill(box, errorBox(err)); });
  return [sec, work];
}

export async function casePage({ main, params, alive }) {
  const id = params[0];
  const note = h('div', { id: 'case-flash', 'aria-live': 'polite' });
  const body = h('div', { id: 'case' }, loading());
  const head = h('div');
  main.append(head, note, body);
  const render = async (c, msg) => {
    clear(note);
    if (Array.isArray(msg)) note.append(okBox(t(msg[0], { action: label('case.action', msg[1]) })));
    fill(head, breadcrumb([[t('case.title'), '#/kasus'], [t('case.ref', { id: c.id })]]),
      h('hgroup', null, title(t('case.detail', { id: c.id, name: c.name })),
        h('p', null, label('case.kind', c.kind), ' · ', stageBadge(c.status))));
    const actions = allowedActions(c);
    const [evSec, evWork] = await evidenceSection(c, alive);
    fill(body,
      caseFacts(c),
      h('h2', null, t('case.steps')), timeline(c),
      actions.length ? actionForm(c, actions, reload) : null,
      evSec,
      h('section', { id: 'case-esc-sec' }, h('h2', null, t('case.escalation_log')),
        escalationsTable((c.escalation_log || []).map((e) => ({ ...e, case_id: null })), 'case-escalations')),
      lettersSection(c));
    await evWork;
  };
  async function reload(msg, fresh) {
    const c = fresh || await api('GET', `/cases/${esc(id)}`);
    if (!alive()) return;
    await render(c, msg);
    if (msg) window.scrollTo(0, 0);
  }
  await reload();
}
