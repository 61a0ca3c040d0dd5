// Citizens' reports (issue 7): the handlers' queue (#/laporan) and one report
// (#/laporan/ID). The queue shows status, deadlines, overdue and escalated
// reports, and the moderation queue (reports whose description names
// people). A report shows the private contact, what fleksi's records say
// about the unit on that date (staff, plans, check-ins), the history, and the
// actions the status machine allows: change status with a note (public or
// not), forward to another unit, approve (optionally redacted) or reject
// the public description.
import { h, clear } from '../dom.js';
import { t, label } from '../i18n.js';
import { api, qs } from '../api.js';
import { title, loading, errorBox, facts, badge } from '../ui.js';
import { isAdmin } from '../state.js';
import { reportStatusBadge } from './track.js';

const STATUSES = ['received', 'verified', 'forwarded', 'in_progress', 'answered', 'closed', 'postponed', 'not_our_authority'];
const when = (s) => (s ? new Date(s).toLocaleString(undefined, { timeZone: 'Asia/Jakarta' }) : null);
let flash = null;

function queueTable(items) {
  return h('table', { class: 'rows', id: 'rq-table' },
    h('thead', null, h('tr', null, ['rq.col.id', 'rq.col.service', 'rq.col.unit', 'rq.col.status', 'rq.col.due', '']
      .map((k) => h('th', null, k ? t(k) : '')))),
    h('tbody', null, items.map((r) => h('tr', { 'data-id': String(r.id), 'data-status': r.status },
      h('td', { 'data-label': t('rq.col.id') }, `#${r.id}`),
      h('td', { 'data-label': t('rq.col.service') }, r.service_name),
      h('td', { 'data-label': t('rq.col.unit') }, r.unit_name),
      h('td', { 'data-label': t('rq.col.status') }, reportStatusBadge(r.status),
        r.overdue ? [' ', badge(t('rq.overdue'), 'off rq-overdue')] : null,
        r.escalated ? [' ', badge(t('rq.escalated'), 'off')] : null,
        r.moderation === 'pending' ? [' ', badge(t('rq.moderation'), 'rq-mod')] : null),
      h('td', { 'data-label': t('rq.col.due') }, when(r.status === 'received' || r.status === 'forwarded' ? r.verify_due : r.answer_due)),
      h('td', null, h('a', { href: `#/laporan/${r.id}`, class: 'open' }, t('rq.open')))))));
}

export async function reportsQueuePage({ main, query, alive }) {
  const status = h('select', { id: 'rq-status', name: 'status' }, h('option', { value: '' }, t('rq.all')),
    STATUSES.map((s) => h('option', { value: s, selected: query.get('status') === s }, label('rp.status', s))));
  const overdue = h('input', { type: 'checkbox', id: 'rq-overdue', name: 'overdue', checked: query.get('overdue') === '1' });
  const mod = h('input', { type: 'checkbox', id: 'rq-mod', name: 'moderation', checked: query.get('moderation') === 'pending' });
  const apply = () => {
    location.hash = `#/laporan${qs({ status: status.value, overdue: overdue.checked ? '1' : '', moderation: mod.checked ? 'pending' : '' })}`;
  };
  for (const el of [status, overdue, mod]) el.addEventListener('change', apply);
  const list = h('section', { id: 'rq-list' }, loading());
  main.append(title(t('rq.title')), h('p', { class: 'muted' }, t('rq.intro')),
    h('form', { id: 'rq-filter', class: 'grid', onsubmit: (e) => e.preventDefault() },
      h('label', { for: 'rq-status' }, t('rq.status'), status),
      h('label', { for: 'rq-overdue' }, overdue, t('rq.only_overdue')),
      h('label', { for: 'rq-mod' }, mod, t('rq.only_moderation'))), list);
  const r = await api('GET', `/reports${qs({ status: query.get('status'), overdue: query.get('overdue'), moderation: query.get('moderation') })}`);
  if (!alive()) return;
  clear(list).append(r.items.length ? queueTable(r.items) : h('p', { id: 'rq-empty' }, t('rq.empty')));
  if (isAdmin()) main.append(await settingsSection(), await keysSection());
}

// admin_bkd: the deadlines and limits (report_setting).
async function settingsSection() {
  const cur = await api('GET', '/reports/settings');
  const fields = ['verify_days', 'answer_days', 'kelurahan_hours', 'rate_per_hour', 'min_group'];
  const inputs = Object.fromEntries(fields.map((f) => [f, h('input', { type: 'number', id: `rq-set-${f}`, name: f, min: 1, value: cur[f] })]));
  const msg = h('div', { 'aria-live': 'polite' });
  return h('section', { id: 'rq-settings' }, h('h2', null, t('rq.settings')),
    h('form', { onsubmit: async (e) => {
      e.preventDefault();
      clear(msg);
      try {
        await api('PUT', '/reports/settings', { json: Object.fromEntries(fields.map((f) => [f, Number(inputs[f].value)])) });
        msg.append(h('div', { role: 'status', class: 'alert ok' }, t('rq.saved')));
      } catch (err) { msg.append(errorBox(err)); }
    } }, h('div', { class: 'grid' }, fields.map((f) => h('label', { for: `rq-set-${f}` }, t(`rq.set.${f}`), inputs[f]))),
    msg, h('button', { type: 'submit', id: 'rq-set-save' }, t('rq.save'))));
}

// admin_bkd: api keys of Open311 apps; a new key is shown once.
async function keysSection() {
  const box = h('section', { id: 'rq-keys' });
  const render = async (shown) => {
    const r = await api('GET', '/open311/keys');
    const name = h('input', { id: 'rq-key-name', name: 'name', maxlength: 100, required: true, placeholder: 'JAKI' });
    const msg = h('div', { 'aria-live': 'polite' });
    clear(box).append(h('h2', null, t('rq.keys')), h('p', { class: 'muted' }, t('rq.keys.help')),
      shown ? h('div', { role: 'status', class: 'alert ok', id: 'rq-key-new' }, t('rq.keys.once'), ' ', h('code', { id: 'rq-key-value' }, shown)) : null,
      h('table', { class: 'rows', id: 'rq-key-table' }, h('tbody', null, r.items.map((k) => h('tr', { 'data-id': String(k.id) },
        h('td', null, k.name), h('td', null, k.created_at.slice(0, 10)),
        h('td', null, k.revoked_at ? badge(t('rq.keys.revoked'), 'off') : h('button', { type: 'button', class: 'secondary small',
          onclick: async () => { await api('DELETE', `/open311/keys/${k.id}`); render(); } }, t('rq.keys.revoke'))))))),
      h('form', { id: 'rq-key-form', onsubmit: async (e) => {
        e.preventDefault();
        clear(msg);
        try {
          const k = await api('POST', '/open311/keys', { json: { name: name.value.trim() } });
          render(k.api_key);
        } catch (err) { msg.append(errorBox(err)); }
      } }, h('fieldset', { role: 'group' }, name, h('button', { type: 'submit', id: 'rq-key-add' }, t('rq.keys.add'))), msg));
  };
  await render();
  return box;
}

function statusForm(r, reload) {
  const sel = h('select', { id: 'rq-next', name: 'status', required: true },
    r.next_statuses.filter((s) => s !== 'forwarded').map((s) => h('option', { value: s }, label('rp.status', s))));
  const note = h('textarea', { id: 'rq-note', name: 'note', rows: 2, maxlength: 2000 });
  const pub = h('input', { type: 'checkbox', id: 'rq-public', name: 'public' });
  const msg = h('div', { 'aria-live': 'polite' });
  return h('form', { id: 'rq-status-form', onsubmit: async (e) => {
    e.preventDefault();
    clear(msg);
    try {
      await api('POST', `/reports/${r.id}/status`, { json: { status: sel.value, note: note.value.trim(), public: pub.checked } });
      flash = t('rq.saved');
      reload();
    } catch (err) { msg.append(errorBox(err)); }
  } }, h('h3', null, t('rq.act.status')),
  h('label', { for: 'rq-next' }, t('rq.next'), sel),
  h('label', { for: 'rq-note' }, t('rq.note'), note, h('small', { class: 'muted' }, t('rq.note.help'))),
  h('label', { for: 'rq-public' }, pub, t('rq.public')), msg,
  h('button', { type: 'submit', id: 'rq-save' }, t('rq.save')));
}

function forwardForm(r, reload) {
  const unit = h('input', { id: 'rq-fwd-unit', name: 'unit', required: true, placeholder: 'KEL-GAMBIR' });
  const note = h('input', { id: 'rq-fwd-note', name: 'note', maxlength: 2000 });
  const msg = h('div', { 'aria-live': 'polite' });
  return h('form', { id: 'rq-forward-form', onsubmit: async (e) => {
    e.preventDefault();
    clear(msg);
    try {
      await api('POST', `/reports/${r.id}/forward`, { json: { unit: unit.value.trim(), note: note.value.trim() } });
      flash = t('rq.saved');
      reload();
    } catch (err) { msg.append(errorBox(err)); }
  } }, h('h3', null, t('rq.act.forward')),
  h('div', { class: 'grid' }, h('label', { for: 'rq-fwd-unit' }, t('rq.fwd.unit'), unit), h('label', { for: 'rq-fwd-note' }, t('rq.note'), note)),
  msg, h('button', { type: 'submit', id: 'rq-forward', class: 'secondary' }, t('rq.forward')));
}

function moderationForm(r, reload) {
  const text = h('textarea', { id: 'rq-redacted', name: 'public_description', rows: 3, maxlength: 4000 }, r.description);
  text.value = r.description;
  const msg = h('div', { 'aria-live': 'polite' });
  const send = (decision) => async () => {
    clear(msg);
    try {
      await api('POST', `/reports/${r.id}/moderate`, { json: { decision, public_description: decision === 'approve' ? text.value.trim() : null } });
      flash = t('rq.saved');
      reload();
    } catch (err) { msg.append(errorBox(err)); }
  };
  return h('section', { id: 'rq-moderation' }, h('h3', null, t('rq.act.moderate')),
    h('p', { class: 'muted' }, t('rq.mod.help')),
    h('label', { for: 'rq-redacted' }, t('rq.mod.text'), text), msg,
    h('div', { class: 'grid' },
      h('button', { type: 'button', id: 'rq-approve', onclick: send('approve') }, t('rq.mod.approve')),
      h('button', { type: 'button', id: 'rq-reject', class: 'secondary', onclick: send('reject') }, t('rq.mod.reject'))));
}

// A substantiated report becomes a violation of one employee of the unit
// (POST /reports/{id}/violation): pick the person from the cross-check, the
// day, the finding and the grounds. Internal and audited; never public.
const FINDINGS = ['absent', 'late', 'early_leave', 'conduct', 'other'];
function violationSection(r, reload) {
  const list = r.violations.length ? h('ul', { id: 'rq-viol-list' }, r.violations.map((v) => h('li', { 'data-nip': v.nip },
    h('strong', null, `${v.name} (${v.nip})`), ` · ${v.date} · ${t(`rq.viol.kind.${v.kind}`)} · ${v.created_by}`, h('br'), h('small', null, v.note))))
    : null;
  const box = h('section', { id: 'rq-violation' }, h('h3', null, t('rq.viol.title')), h('p', { class: 'muted' }, t('rq.viol.help')),
    list ? [h('h4', null, t('rq.viol.list')), list] : null);
  if (!r.can_record_violation) {
    box.append(h('p', { id: 'rq-viol-need', class: 'muted' }, t('rq.viol.need')));
    return box;
  }
  const nip = h('select', { id: 'rq-viol-nip', name: 'nip', required: true },
    r.cross_check.staff.map((p) => h('option', { value: p.nip }, `${p.name} · ${p.unit}${p.checked_in ? '' : ` · ${t('rq.cross.none')}`}`)));
  const date = h('input', { type: 'date', id: 'rq-viol-date', name: 'date', required: true, value: r.cross_check.date, max: r.cross_check.date });
  const kind = h('select', { id: 'rq-viol-kind', name: 'kind' }, FINDINGS.map((k) => h('option', { value: k }, t(`rq.viol.kind.${k}`))));
  const note = h('textarea', { id: 'rq-viol-note', name: 'note', rows: 2, minlength: 5, maxlength: 2000, required: true });
  const msg = h('div', { 'aria-live': 'polite' });
  const form = h('form', { id: 'rq-viol-form', hidden: true, onsubmit: async (e) => {
    e.preventDefault();
    clear(msg);
    try {
      await api('POST', `/reports/${r.id}/violation`, { json: { nip: nip.value, date: date.value, kind: kind.value, note: note.value.trim() } });
      flash = t('rq.viol.done');
      reload();
    } catch (err) { msg.append(errorBox(err)); }
  } }, h('div', { class: 'grid' }, h('label', { for: 'rq-viol-nip' }, t('rq.viol.nip'), nip),
    h('label', { for: 'rq-viol-date' }, t('rq.viol.date'), date), h('label', { for: 'rq-viol-kind' }, t('rq.viol.kind'), kind)),
  h('label', { for: 'rq-viol-note' }, t('rq.viol.note'), note), msg,
  h('button', { type: 'submit', id: 'rq-viol-submit', class: 'contrast' }, t('rq.viol.submit')));
  const open = h('button', { type: 'button', id: 'rq-viol-open', class: 'secondary', onclick: () => {
    form.hidden = false;
    open.hidden = true;
    nip.focus();
  } }, t('rq.viol.open'));
  box.append(open, form);
  return box;
}

export async function reportPage({ main, params, alive }) {
  const reload = () => window.dispatchEvent(new HashChangeEvent('hashchange'));
  main.append(loading());
  const r = await api('GET', `/reports/${encodeURIComponent(params[0])}`);
  if (!alive()) return;
  clear(main);
  const attrs = r.attributes || {};
  main.append(h('p', null, h('a', { href: '#/laporan' }, `← ${t('rq.title')}`)),
    title(`${t('tr.report')} #${r.id}`),
    flash ? h('div', { role: 'status', class: 'alert ok', id: 'rq-flash' }, flash) : null,
    facts([
      [t('tr.status'), h('span', { id: 'rq-cur-status', 'data-status': r.status }, reportStatusBadge(r.status),
        r.overdue ? [' ', badge(t('rq.overdue'), 'off')] : null, r.escalated ? [' ', badge(t('rq.escalated'), 'off')] : null)],
      [t('tr.service'), r.service_name],
      [t('rq.col.unit'), `${r.unit_name} (${r.unit}) · ${label('rq.routed', r.routed_by)}`],
      [t('rq.handler'), r.handler || null],
      [t('tr.received'), when(r.requested_at)],
      [t('tr.verify_due'), when(r.verify_due)],
      [t('tr.answer_due'), when(r.answer_due)],
      [t('rq.seen_at'), attrs.seen_at || null],
      [t('rq.place'), [attrs.place, r.address, r.lat != null ? `${r.lat}, ${r.long}` : null].filter(Boolean).join(' · ') || null],
      [t('tr.desc'), h('span', { id: 'rq-desc' }, r.description || t('common.none'))],
      [t('rq.public_desc'), r.moderation === 'pending' ? badge(t('rq.moderation'), 'rq-mod') : (r.public_description || null)],
      [t('rq.contact'), [r.contact.name, r.contact.email, r.contact.phone].filter(Boolean).join(' · ') || null],
    ], 'rq-facts'));
  flash = null;
  if (r.can_act) {
    if (r.moderation === 'pending') main.append(moderationForm(r, reload));
    if (r.next_statuses.some((s) => s !== 'forwarded')) main.append(statusForm(r, reload));
    if (r.next_statuses.includes('forwarded')) main.append(forwardForm(r, reload));
  }
  if (r.can_act || r.violations.length) main.append(violationSection(r, reload));
  const staff = r.cross_check.staff;
  main.append(h('section', { id: 'rq-cross' }, h('h3', null, t('rq.cross', { date: r.cross_check.date })),
    h('p', { class: 'muted' }, t('rq.cross.help')),
    staff.length ? h('table', { class: 'rows' },
      h('thead', null, h('tr', null, ['rq.cross.name', 'rq.col.unit', 'rq.cross.plan', 'rq.cross.in'].map((k) => h('th', null, t(k))))),
      h('tbody', null, staff.map((p) => h('tr', null,
        h('td', { 'data-label': t('rq.cross.name') }, p.name),
        h('td', { 'data-label': t('rq.col.unit') }, p.unit),
        h('td', { 'data-label': t('rq.cross.plan') }, p.plan_mode ? `${p.plan_mode} (${p.plan_status})` : t('rq.cross.onsite')),
        h('td', { 'data-label': t('rq.cross.in') }, p.checked_in ? `${p.checked_in}${p.checked_out ? `–${p.checked_out}` : ''} ${p.checkin_verdict === 'flagged' ? '⚑' : ''}` : t('rq.cross.none')))))) : h('p', null, t('common.none'))),
  h('section', { id: 'rq-history' }, h('h3', null, t('tr.history')),
    h('ol', null, r.events.map((e) => h('li', null, h('strong', null, e.action === 'violation' ? t('rq.viol.event') : label('rp.status', e.to)), ` · ${when(e.at)} · ${e.actor}`,
      e.note ? h('p', null, e.note, e.public ? [' ', badge(t('rq.public.badge'))] : null) : null)))));
}
