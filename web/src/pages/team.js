// #/kelayakan-tim?unit=CODE&tanggal=…: the team's eligibility for a unit head
// (kepala_opd within their body; admin_bkd and inspektorat anywhere): counts
// per mode, by reason and per sub-unit, the CSV export, the exceptions, and
// (kepala_opd) a form to grant or refuse an individual exception.
import { h, clear, fill, debounce } from '../dom.js';
import { t, label, fmtDate, fmtNumber } from '../i18n.js';
import { api, qs } from '../api.js';
import { state, hasRole } from '../state.js';
import { title, loading, esc, errorBox, badge } from '../ui.js';
import { LOCATION, TIME, today, isDate } from './eligibility.js';
import { requestsTable } from './special.js';

const cell = (lab, v, cls) => h('td', { 'data-label': lab || null, class: cls }, v);
const n = (x) => fmtNumber(x ?? 0);

function totalsTable(s) {
  return h('table', { class: 'rows', id: 'team-totals' },
    h('thead', null, h('tr', null, h('th', null, t('team.mode')),
      h('th', { class: 'num' }, t('team.eligible')), h('th', { class: 'num' }, t('team.not_eligible')))),
    h('tbody', null, [...LOCATION, ...TIME].map((k) => h('tr', { 'data-mode': k },
      cell(t('team.mode'), label('mode', k)),
      cell(t('team.eligible'), n(s.eligible[k]), 'num yes'),
      cell(t('team.not_eligible'), n(s.not_eligible[k]), 'num no')))));
}

function reasonsTable(s) {
  const rows = Object.entries(s.by_reason || {}).sort((a, b) => b[1] - a[1]);
  if (!rows.length) return h('p', { class: 'muted', id: 'team-reasons' }, t('team.reasons.none'));
  return h('table', { class: 'rows', id: 'team-reasons' },
    h('thead', null, h('tr', null, h('th', null, t('team.reason')), h('th', { class: 'num' }, t('team.count')))),
    h('tbody', null, rows.map(([rule, c]) => h('tr', { 'data-rule': rule },
      cell(t('team.reason'), label('rule', rule)), cell(t('team.count'), n(c), 'num')))));
}

function subUnitsTable(s, date) {
  const cols = ['wfh', 'wfa', 'kantor_lain'];
  return h('table', { class: 'rows', id: 'team-subunits' },
    h('thead', null, h('tr', null, h('th', null, t('team.subunit')), h('th', { class: 'num' }, t('team.count')),
      cols.map((k) => h('th', { class: 'num' }, `${t(`mode.short.${k}`)} ✓`)),
      h('th', { class: 'num' }, `${t('mode.short.any_location')} ✗`))),
    h('tbody', null, (s.sub_units || []).map((u) => h('tr', { 'data-code': u.unit.code },
      cell(t('team.subunit'), u.direct
        ? [u.unit.name, ' ', h('small', { class: 'muted' }, t('team.direct'))]
        : h('a', { href: `#/kelayakan-tim${qs({ unit: u.unit.code, tanggal: date })}` }, u.unit.name)),
      cell(t('team.count'), n(u.total), 'num'),
      cols.map((k) => cell(`${t(`mode.short.${k}`)} ✓`, n(u.eligible[k]), 'num')),
      cell(`${t('mode.short.any_location')} ✗`, n(u.not_eligible.any_location), 'num')))));
}

function exceptionsTable(items, canRevoke, reload) {
  if (!items.length) return h('p', { class: 'muted', id: 'team-exceptions' }, t('team.exceptions.none'));
  return h('table', { class: 'rows', id: 'team-exceptions' },
    h('thead', null, h('tr', null, ['team.exc.employee', 'team.exc.decision', 'team.exc.justification',
      'team.exc.period', 'team.exc.by'].map((k) => h('th', null, t(k))), canRevoke ? h('th', null, '') : null)),
    h('tbody', null, items.map((x) => {
      const live = !x.revoked_at && x.valid_until >= today();
      const status = x.revoked_at ? t('team.exc.revoked', { date: fmtDate(x.revoked_at.slice(0, 10)) })
        : live ? t('team.exc.active') : null;
      return h('tr', { 'data-id': String(x.id), 'data-nip': x.nip, 'data-decision': x.decision },
        cell(t('team.exc.employee'), [h('a', { href: `#/pegawai/${esc(x.nip)}` }, x.name), ' ', h('code', { class: 'small' }, x.nip)]),
        cell(t('team.exc.decision'), [x.decision === 'grant' ? badge(t('elig.exception.grant'), 'on')
          : badge(t('elig.exception.refuse'), 'off'), status ? [' ', h('small', { class: 'muted' }, status)] : null]),
        cell(t('team.exc.justification'), x.justification),
        cell(t('team.exc.period'), `${fmtDate(x.valid_from)} – ${fmtDate(x.valid_until)}`),
        cell(t('team.exc.by'), x.decided_by),
        canRevoke ? cell('', live ? h('button', { type: 'button', class: 'secondary outline small revoke',
          onclick: async (ev) => {
            ev.target.disabled = true;
            try { await api('DELETE', `/employees/${esc(x.nip)}/eligibility/exceptions/${x.id}`); reload(t('team.exc.revoked_ok')); }
            catch (e) { ev.target.disabled = false; ev.target.after(errorBox(e)); }
          } }, t('team.exc.revoke')) : null) : null);
    })));
}

function exceptionForm(unit, nip, reload) {
  const nipIn = h('input', { type: 'text', id: 'exc-nip', name: 'nip', value: nip || '', list: 'exc-nips',
    inputmode: 'search', autocomplete: 'off', placeholder: t('team.form.nip.placeholder'), required: true });
  const list = h('datalist', { id: 'exc-nips' });
  const fill = debounce(async () => {
    const q = nipIn.value.trim();
    if (q.length < 2 || /^\d{18}$/.test(q)) return;
    try {
      const r = await api('GET', `/employees${qs({ unit, q, per_page: 20 })}`);
      fill(list, ...r.items.map((e) => h('option', { value: e.nip }, `${e.name} · ${e.position?.name || ''}`)));
    } catch { /* suggestions only */ }
  }, 250);
  nipIn.addEventListener('input', fill);
  const radio = (v, key, checked) => h('label', null,
    h('input', { type: 'radio', name: 'decision', value: v, id: `exc-${v}`, checked }), t(key));
  const just = h('textarea', { id: 'exc-justification', name: 'justification', rows: 3, minlength: 10, maxlength: 2000, required: true });
  const until = h('input', { type: 'date', id: 'exc-until', name: 'valid_until', min: today(), required: true });
  const msg = h('div', { id: 'exc-msg', 'aria-live': 'polite' });
  const btn = h('button', { type: 'submit', id: 'exc-submit' }, t('team.form.submit'));
  const form = h('form', { id: 'exc-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    clear(msg);
    const body = { decision: form.querySelector('input[name=decision]:checked')?.value || 'grant',
      justification: just.value.trim(), valid_until: until.value };
    const who = nipIn.value.trim();
    if (!/^\d{18}$/.test(who) || body.justification.length < 10 || !isDate(body.valid_until)) {
      msg.append(h('div', { role: 'alert', class: 'alert' }, t('team.form.need'))); return;
    }
    btn.setAttribute('aria-busy', 'true'); btn.disabled = true;
    try {
      await api('POST', `/employees/${esc(who)}/eligibility/exceptions`, { json: body });
      let name = who;
      try { name = (await api('GET', `/employees/${esc(who)}`)).name; } catch { /* keep the NIP */ }
      just.value = ''; until.value = ''; nipIn.value = '';
      reload(t('team.form.ok', { name }));
    } catch (err) {
      msg.append(errorBox(err));
    } finally { btn.removeAttribute('aria-busy'); btn.disabled = false; }
  } },
  h('label', null, t('team.form.nip'), nipIn), list,
  h('fieldset', null, h('legend', null, t('team.form.decision')),
    radio('grant', 'team.form.grant', true), radio('refuse', 'team.form.refuse', false)),
  h('label', null, t('team.form.justification'), just),
  h('label', null, t('team.form.until'), until),
  msg, btn);
  return h('section', { id: 'exc-section' }, h('h2', null, t('team.form')), h('p', { class: 'muted' }, t('team.form.intro')), form);
}

export async function teamPage({ main, query, alive }) {
  const u = state.user;
  const head = hasRole('kepala_opd') && !!u.opd_unit;
  const unit = (query.get('unit') || (head ? u.opd_unit : '')).trim();
  const date = isDate(query.get('tanggal')) ? query.get('tanggal') : '';
  const unitIn = h('input', { type: 'text', id: 'team-unit', name: 'unit', value: unit, autocapitalize: 'characters',
    placeholder: t('team.unit.placeholder'), autocomplete: 'off' });
  const dateIn = h('input', { type: 'date', id: 'team-date', name: 'tanggal', value: date || today() });
  const go = (e) => {
    e?.preventDefault();
    location.hash = `#/kelayakan-tim${qs({ unit: unitIn.value.trim(), tanggal: dateIn.value === today() ? '' : dateIn.value })}`;
  };
  const flash = h('div', { id: 'team-flash', 'aria-live': 'polite' });
  const out = h('div', { id: 'team-summary' }, loading());
  const exc = h('div', { id: 'team-exc-box' }, loading());
  const pending = h('div', { id: 'team-sp-box' }, loading());
  main.append(title(t('team.title')),
    h('form', { id: 'team-form', class: 'grid', onsubmit: go },
      h('label', null, t('team.unit'), unitIn), h('label', null, t('elig.date'), dateIn),
      h('div', { class: 'end' }, h('button', { type: 'submit', class: 'secondary' }, t('elig.show')))),
    flash, out, h('h2', null, t('team.exceptions')), exc,
    h('h2', null, h('a', { href: '#/keadaan-khusus' }, t('sp.pending'))), pending);

  // The note and the refreshed list appear together (a test, or a person,
  // reading the note then sees the list as it is after the change).
  const loadExceptions = async (note) => {
    const say = () => {
      clear(flash);
      if (note) flash.append(h('div', { role: 'status', class: 'alert ok' }, note));
    };
    try {
      const r = await api('GET', `/eligibility/exceptions${qs({ unit })}`);
      if (!alive()) return;
      say();
      fill(exc, exceptionsTable(r.items || [], head, loadExceptions));
    } catch (e) { if (alive()) { say(); if (e.status !== 401) fill(exc, errorBox(e)); } }
  };
  if (head) main.append(exceptionForm(unit, query.get('nip'), loadExceptions));

  // Requests for special circumstances (Pasal 30) of the unit awaiting a decision.
  const loadPending = api('GET', `/special-requests${qs({ unit, status: 'submitted' })}`).then((r) => {
    const items = (r.items || []).filter((x) => x.nip !== u.nip);
    if (alive()) fill(pending, items.length ? requestsTable(items, 'team-sp', true) : h('p', { class: 'muted', id: 'team-sp' }, t('sp.pending.none')));
  }).catch((e) => { if (alive() && e.status !== 401) fill(pending, errorBox(e)); });
  const [s] = await Promise.all([
    api('GET', `/eligibility/summary${qs({ unit, date })}`),
    loadExceptions(),
    loadPending,
  ]);
  if (!alive()) return;
  const csv = `/api/v1/eligibility/export.csv${qs({ unit: s.unit ? s.unit.code : unit, date: s.date })}`;
  fill(out, 
    h('p', { id: 'team-of' }, h('strong', null, t('team.of', { unit: s.unit ? s.unit.name : t('team.unit.placeholder'), date: fmtDate(s.date) })),
      h('span', { class: 'block', id: 'team-total' }, t('team.total', { n: n(s.total) })),
      s.unclassified ? h('span', { class: 'block muted' }, t('team.unclassified', { n: n(s.unclassified) })) : null),
    h('p', null, h('a', { href: csv, id: 'team-csv', download: '', role: 'button', class: 'outline' }, t('team.csv'))),
    h('h2', null, t('team.totals')), totalsTable(s),
    h('h2', null, t('team.reasons')), reasonsTable(s),
    h('h2', null, t('team.subunits')), subUnitsTable(s, date));
}
