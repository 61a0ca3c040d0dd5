// Special circumstances (Permen PANRB 4/2025 Pasal 30).
// #/keadaan-khusus: the employee's own requests and the form to file one (the
// evidence file goes as the raw request body); for a head of a body, admin BKD
// and inspektorat, the requests awaiting a decision.
// #/keadaan-khusus/ID: one request with its plan, evidence, history and the
// actions the server says the user may take now (revise, add evidence,
// submit; approve, refuse, ask for changes with a note).
import { h, clear, fill } from '../dom.js';
import { t, fmtDate } from '../i18n.js';
import { api, qs } from '../api.js';
import { state, hasRole, isAdmin } from '../state.js';
import { title, loading, esc, errorBox, badge, facts } from '../ui.js';
import { today } from './eligibility.js';

const TYPES = ['application/pdf', 'image/jpeg', 'image/png'];
const MAX_BYTES = 2 * 1024 * 1024;
let flash = null; // a message for the next render of a request

export const canDecideSpecial = () => isAdmin() || hasRole('inspektorat') || (hasRole('kepala_opd') && !!state.user?.opd_unit);

const shift = (days) => new Date(Date.now() + 7 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);
const statusBadge = (s) => badge(t(`sp.status.${s}`), s === 'approved' ? 'on' : s === 'refused' ? 'off' : '');
const lines = (text) => text.split('\n').map((l) => l.trim()).filter(Boolean).map((output) => ({ output }));
const fileOk = (f) => !!f && TYPES.includes(f.type) && f.size > 0 && f.size <= MAX_BYTES;
const alertBox = (key, ok) => h('div', { role: ok ? 'status' : 'alert', class: ok ? 'alert ok' : 'alert' }, t(key));

// Send one evidence file as the raw body, with its type and name.
export function uploadEvidence(id, file) {
  return api('POST', `/special-requests/${id}/evidence${qs({ filename: file.name })}`, { body: file, type: file.type });
}

// The table of requests; `who` adds the employee column.
export function requestsTable(items, id, who) {
  return h('table', { class: 'rows', id },
    h('thead', null, h('tr', null, who ? h('th', null, t('sp.col.employee')) : null,
      ['sp.col.period', 'sp.col.status', 'sp.col.reason', 'sp.col.files'].map((k) => h('th', null, t(k))), h('th', null, ''))),
    h('tbody', null, items.map((r) => h('tr', { 'data-id': String(r.id), 'data-status': r.status },
      who ? h('td', { 'data-label': t('sp.col.employee') }, [r.name, ' ', h('code', { class: 'small' }, r.nip)]) : null,
      h('td', { 'data-label': t('sp.col.period') }, `${fmtDate(r.period_from)} – ${fmtDate(r.period_to)}`),
      h('td', { 'data-label': t('sp.col.status') }, statusBadge(r.status)),
      h('td', { 'data-label': t('sp.col.reason') }, r.reason.length > 80 ? `${r.reason.slice(0, 80)}…` : r.reason),
      h('td', { 'data-label': t('sp.col.files'), class: 'num' }, String(r.evidence_files)),
      h('td', null, h('a', { href: `#/keadaan-khusus/${r.id}`, class: 'open' }, t('sp.open')))))));
}

function fileForm() {
  const reason = h('textarea', { id: 'sp-reason', name: 'reason', rows: 3, minlength: 10, maxlength: 4000, required: true });
  const from = h('input', { type: 'date', id: 'sp-from', name: 'period_from', value: shift(1), min: today(), required: true });
  const to = h('input', { type: 'date', id: 'sp-to', name: 'period_to', value: shift(14), min: today(), required: true });
  const plan = h('textarea', { id: 'sp-plan', name: 'work_plan', rows: 3, placeholder: t('sp.plan.placeholder'), required: true });
  const file = h('input', { type: 'file', id: 'sp-file', name: 'evidence', accept: TYPES.join(','), required: true });
  const msg = h('div', { id: 'sp-msg', 'aria-live': 'polite' });
  const btn = h('button', { type: 'submit', id: 'sp-submit' }, t('sp.submit_new'));
  const form = h('form', { id: 'sp-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    clear(msg);
    const body = { reason: reason.value.trim(), period_from: from.value, period_to: to.value, work_plan: lines(plan.value) };
    const f = file.files[0];
    if (body.reason.length < 10 || !from.value || !to.value || !body.work_plan.length || !f) {
      msg.append(alertBox('sp.need')); return;
    }
    if (!fileOk(f)) { msg.append(alertBox('sp.file.bad')); return; }
    btn.setAttribute('aria-busy', 'true'); btn.disabled = true;
    let id = null;
    try {
      id = (await api('POST', '/special-requests', { json: body })).id;
      await uploadEvidence(id, f);
      await api('POST', `/special-requests/${id}/submit`);
      flash = ['sp.filed', true];
      location.hash = `#/keadaan-khusus/${id}`;
    } catch (err) {
      // A draft that was created stays; its page lets the employee finish it.
      if (id) { flash = err; location.hash = `#/keadaan-khusus/${id}`; return; }
      msg.append(errorBox(err));
    } finally { btn.removeAttribute('aria-busy'); btn.disabled = false; }
  } },
  h('label', null, t('sp.reason'), reason),
  h('div', { class: 'grid' }, h('label', null, t('sp.from'), from), h('label', null, t('sp.to'), to)),
  h('label', null, t('sp.plan'), plan),
  h('label', null, t('sp.evidence'), file),
  msg, btn);
  return h('section', { id: 'sp-new' }, h('h2', null, t('sp.new')), form);
}

export async function specialListPage({ main, alive }) {
  const u = state.user;
  main.append(title(t('sp.title')), h('p', { class: 'muted' }, t('sp.intro')));
  const jobs = [];
  if (canDecideSpecial()) {
    const box = h('div', { id: 'sp-pending-box' }, loading());
    main.append(h('h2', null, t('sp.pending')), box);
    const unit = hasRole('kepala_opd') && !isAdmin() && !hasRole('inspektorat') ? u.opd_unit : '';
    jobs.push(api('GET', `/special-requests${qs({ status: 'submitted', unit })}`).then((r) => {
      const items = (r.items || []).filter((x) => x.nip !== u.nip);
      if (alive()) fill(box, items.length ? requestsTable(items, 'sp-pending', true) : h('p', { class: 'muted', id: 'sp-pending' }, t('sp.pending.none')));
    }));
  }
  if (u.nip) {
    const box = h('div', { id: 'sp-mine-box' }, loading());
    main.append(h('h2', null, t('sp.mine')), box, fileForm());
    jobs.push(api('GET', `/special-requests${qs({ nip: u.nip })}`).then((r) => {
      if (alive()) fill(box, r.items?.length ? requestsTable(r.items, 'sp-mine', false) : h('p', { class: 'muted', id: 'sp-mine' }, t('sp.mine.none')));
    }));
  }
  await Promise.all(jobs);
}

// ---- one request ----

function decideForm(r, reload) {
  const note = h('textarea', { id: 'sp-note', name: 'note', rows: 3, maxlength: 2000 });
  const msg = h('div', { id: 'sp-decide-msg', 'aria-live': 'polite' });
  const go = (action, path) => async (e) => {
    clear(msg);
    const text = note.value.trim();
    if (action !== 'approve' && text.length < 5) { msg.append(alertBox('sp.note.need')); return; }
    e.target.disabled = true;
    try {
      await api('POST', `/special-requests/${r.id}/${path}`, { json: text ? { note: text } : {} });
      reload(['sp.decided', true]);
    } catch (err) { e.target.disabled = false; msg.append(errorBox(err)); }
  };
  const button = (action, path, cls) => r.actions.includes(action)
    ? h('button', { type: 'button', id: `sp-${action}`, class: cls, onclick: go(action, path) }, t(`sp.${action}`)) : null;
  return h('section', { id: 'sp-decide' }, h('h2', null, t('sp.decide')),
    h('label', null, t('sp.note'), note), msg,
    h('div', { class: 'actions' }, button('approve', 'approve', ''), button('request_changes', 'request-changes', 'secondary'),
      button('refuse', 'refuse', 'secondary outline')));
}

function ownerForms(r, reload) {
  const out = [];
  if (r.actions.includes('revise')) {
    const reason = h('textarea', { id: 'sp-rev-reason', rows: 3, value: r.reason });
    const plan = h('textarea', { id: 'sp-rev-plan', rows: 3, value: r.work_plan.map((x) => x.output).join('\n') });
    const msg = h('div', { 'aria-live': 'polite' });
    out.push(h('section', { id: 'sp-revise' }, h('h2', null, t('sp.revise')),
      h('form', { id: 'sp-rev-form', novalidate: true, onsubmit: async (e) => {
        e.preventDefault();
        clear(msg);
        try {
          // Due dates of outputs whose text is unchanged are kept.
          const due = new Map(r.work_plan.map((x) => [x.output, x.due]));
          const work_plan = lines(plan.value).map((x) => (due.get(x.output) ? { ...x, due: due.get(x.output) } : x));
          await api('PATCH', `/special-requests/${r.id}`, { json: { reason: reason.value.trim(), work_plan } });
          reload(['sp.saved', true]);
        } catch (err) { msg.append(errorBox(err)); }
      } }, h('label', null, t('sp.reason'), reason), h('label', null, t('sp.plan'), plan), msg,
      h('button', { type: 'submit', id: 'sp-save', class: 'secondary' }, t('sp.save')))));
  }
  if (r.actions.includes('add_evidence')) {
    const file = h('input', { type: 'file', id: 'sp-more-file', accept: TYPES.join(',') });
    const msg = h('div', { 'aria-live': 'polite' });
    out.push(h('form', { id: 'sp-upload', novalidate: true, onsubmit: async (e) => {
      e.preventDefault();
      clear(msg);
      const f = file.files[0];
      if (!fileOk(f)) { msg.append(alertBox('sp.file.bad')); return; }
      try { await uploadEvidence(r.id, f); reload(['sp.uploaded', true]); } catch (err) { msg.append(errorBox(err)); }
    } }, h('label', null, t('sp.file'), file), msg, h('button', { type: 'submit', class: 'secondary outline' }, t('sp.file.upload'))));
  }
  if (r.actions.includes('submit')) {
    const msg = h('div', { 'aria-live': 'polite' });
    out.push(h('p', null, msg, h('button', { type: 'button', id: 'sp-resubmit', onclick: async (e) => {
      e.target.disabled = true;
      try { await api('POST', `/special-requests/${r.id}/submit`); reload(['sp.submitted', true]); }
      catch (err) { e.target.disabled = false; clear(msg).append(errorBox(err)); }
    } }, t(r.status === 'draft' ? 'sp.submit_new' : 'sp.submit'))));
  }
  return out;
}

function requestView(r, reload) {
  const d = r.decision;
  return [
    facts([
      [t('sp.col.employee'), [r.name, ' ', h('code', { class: 'small' }, r.nip)]],
      [t('emp.unit'), r.unit.name],
      [t('sp.col.status'), h('span', { id: 'sp-status', 'data-status': r.status }, statusBadge(r.status))],
      [t('sp.col.period'), `${fmtDate(r.period_from)} – ${fmtDate(r.period_to)}`],
      [t('sp.col.reason'), r.reason],
      [t('sp.revision'), String(r.revision)],
      d ? [t('sp.decision'), h('span', { id: 'sp-decision' }, t('sp.decision.text', { note: d.note || '—', by: d.by, at: fmtDate(d.at.slice(0, 10)) }))] : null,
    ], 'sp-facts'),
    h('p', { class: 'muted small' }, t('sp.basis', { basis: r.basis })),
    h('h2', null, t('sp.work_plan')),
    h('ol', { id: 'sp-plan-list' }, r.work_plan.map((x) => h('li', null, x.output,
      x.due ? h('small', { class: 'muted' }, ` (${t('sp.due', { date: fmtDate(x.due) })})`) : null))),
    h('h2', null, t('sp.files')),
    r.evidence.length ? h('ul', { id: 'sp-files' }, r.evidence.map((e) => h('li', null,
      h('a', { href: e.url, download: '' }, e.filename || `#${e.n}`), ' ',
      h('small', { class: 'muted' }, `${e.media_type}, ${Math.ceil(e.size / 1024)} KiB, SHA-256 ${e.sha256.slice(0, 12)}…`))))
      : h('p', { class: 'muted', id: 'sp-files' }, t('sp.files.none')),
    ownerForms(r, reload),
    r.actions.some((a) => ['approve', 'refuse', 'request_changes'].includes(a)) ? decideForm(r, reload) : null,
    h('h2', null, t('sp.history')),
    h('ul', { id: 'sp-history' }, r.history.map((x) => h('li', { 'data-action': x.action },
      `${fmtDate(x.at.slice(0, 10))} · ${x.by} · ${t(`sp.action.${x.action}`)}`, x.note && x.action !== 'add_evidence' ? `: ${x.note}` : ''))),
  ];
}

export async function specialPage({ main, params, alive }) {
  const id = params[0];
  main.append(title(t('sp.detail', { id })));
  const note = h('div', { id: 'sp-flash', 'aria-live': 'polite' });
  const body = h('div', { id: 'sp-request' }, loading());
  main.append(note, body);
  // The message and the request as it is now appear together.
  const reload = async (msg) => {
    const r = await api('GET', `/special-requests/${esc(id)}`);
    if (!alive()) return;
    clear(note);
    if (Array.isArray(msg)) note.append(alertBox(msg[0], msg[1]));
    else if (msg) note.append(errorBox(msg));
    fill(body, requestView(r, reload));
  };
  const first = flash;
  flash = null;
  await reload(first);
}
