// Citizens' reports (issue 7): tracking by request id (#/lacak, #/lacak/ID),
// public and without an account. Shows the status, the body answering, the
// deadlines and the public notes; never a reporter's or an official's name.
import { h, clear } from '../dom.js';
import { t, label } from '../i18n.js';
import { api } from '../api.js';
import { title, loading, errorBox, facts, badge } from '../ui.js';

const when = (s) => (s ? new Date(s).toLocaleString(undefined, { timeZone: 'Asia/Jakarta' }) : null);

export function reportStatusBadge(s) {
  return badge(label('rp.status', s), ['answered', 'closed'].includes(s) ? 'on' : s === 'not_our_authority' ? 'off' : '');
}

export async function trackPage({ main, params, alive }) {
  const id = params[0] || '';
  const input = h('input', { id: 'tr-id', name: 'id', inputmode: 'numeric', value: id, required: true,
    placeholder: '123' });
  main.append(title(t('tr.title')),
    h('form', { id: 'tr-form', role: 'search', onsubmit: (e) => {
      e.preventDefault();
      if (input.value.trim()) location.hash = `#/lacak/${encodeURIComponent(input.value.trim())}`;
    } }, h('fieldset', { role: 'group' }, input, h('button', { type: 'submit', id: 'tr-go' }, t('tr.go')))));
  if (!id) return;
  const box = h('section', { id: 'tr-result' }, loading());
  main.append(box);
  let r;
  try { r = await api('GET', `/public/reports/${encodeURIComponent(id)}`); } catch (e) {
    if (!alive()) return;
    clear(box).append(e.status === 404 ? h('div', { role: 'alert', class: 'alert' }, t('tr.none')) : errorBox(e));
    return;
  }
  if (!alive()) return;
  clear(box).append(
    h('h2', null, `${t('tr.report')} #${r.id}`),
    facts([
      [t('tr.status'), h('span', { id: 'tr-status', 'data-status': r.status }, reportStatusBadge(r.status),
        r.overdue ? [' ', badge(t('rq.overdue'), 'off')] : null)],
      [t('tr.service'), r.service_name],
      [t('tr.agency'), r.agency_responsible],
      [t('tr.received'), when(r.requested_at)],
      [t('tr.verify_due'), when(r.verify_due)],
      [t('tr.answer_due'), when(r.answer_due)],
      r.answered_at ? [t('tr.answered'), when(r.answered_at)] : null,
      [t('tr.desc'), r.in_moderation ? h('em', null, t('tr.moderation')) : (r.description || null)],
      r.status_notes ? [t('tr.notes'), h('span', { id: 'tr-notes' }, r.status_notes)] : null,
    ], 'tr-facts'),
    h('h3', null, t('tr.history')),
    r.history.length ? h('ol', { id: 'tr-history' }, r.history.map((e) =>
      h('li', null, h('strong', null, label('rp.status', e.status)), ` · ${when(e.at)}`, e.note ? h('p', null, e.note) : null)))
      : h('p', { class: 'muted', id: 'tr-history' }, t('tr.no_history')));
}
