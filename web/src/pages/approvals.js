// #/persetujuan: the supervisor's queue (atasan, kepala_opd, or a named
// stand-in): the requested plans of their people ordered by date, each with
// what approving it does to the unit's coverage on that day (people on site
// if approved against the minimum, share away against the maximum, per
// service hour for face-to-face units) and a plain warning when approval
// would break a rule. Approve, or refuse with a required reason; the row
// then shows the outcome in place.
import { h, clear, fill } from '../dom.js';
import { t, fmtNumber } from '../i18n.js';
import { api, qs } from '../api.js';
import { title, loading } from '../ui.js';
import { dayLabel, todayJkt, statusBadge, modeShort, refusalBox } from '../month.js';

const pct = (x) => `${fmtNumber(x)}%`;

// What approval does to coverage (the plan's "coverage": on_site_if_approved,
// minimum, unit_staff, share_away_if_approved_pct, max_share_away_pct, ok),
// in words, with a mark that is not only colour.
export function coverageView(c) {
  if (!c) return h('span', { class: 'muted' }, t('common.none'));
  const siteBad = c.minimum > 0 && c.on_site_if_approved < c.minimum;
  const shareBad = c.share_away_if_approved_pct > c.max_share_away_pct;
  const bad = siteBad || shareBad || c.ok === false;
  return h('div', { class: `coverage ${bad ? 'bad' : 'good'}`, 'data-ok': String(!bad) },
    h('span', { class: 'cov-verdict' }, h('span', { 'aria-hidden': 'true' }, bad ? '⚠ ' : '✓ '),
      t(bad ? 'appr.cov.bad' : 'appr.cov.good')),
    h('span', { class: `cov-line${siteBad ? ' short' : ''}`, 'data-k': 'on_site' },
      c.minimum > 0 ? t('appr.cov.on_site', { n: fmtNumber(c.on_site_if_approved), min: fmtNumber(c.minimum) })
        : t('appr.cov.on_site.nomin', { n: fmtNumber(c.on_site_if_approved) })),
    h('span', { class: `cov-line${shareBad ? ' short' : ''}`, 'data-k': 'share' },
      t('appr.cov.share', { share: pct(c.share_away_if_approved_pct), max: pct(c.max_share_away_pct) })),
    c.ok === false && !siteBad && !shareBad ? h('span', { class: 'cov-line short', 'data-k': 'other' }, t('appr.cov.other')) : null);
}

function row(p, done) {
  const reason = h('input', { type: 'text', name: 'reason', class: 'reason', maxlength: 500, id: `refuse-reason-${p.id}`,
    placeholder: t('appr.reason.placeholder') });
  const msg = h('div', { 'aria-live': 'polite', class: 'row-msg' });
  const outcome = h('td', { 'data-label': t('appr.col.action'), class: 'act' });
  const act = (action) => async (e) => {
    clear(msg);
    const json = {};
    if (action === 'refuse') {
      const r = reason.value.trim();
      if (r.length < 3) { msg.append(h('div', { role: 'alert', class: 'alert' }, t('appr.reason.need'))); reason.focus(); return; }
      json.reason = r;
    }
    e.target.disabled = true; e.target.setAttribute('aria-busy', 'true');
    try {
      const r = await api('POST', `/plans/${p.id}/${action}`, { json });
      const status = r?.status || (action === 'approve' ? 'approved' : 'refused');
      tr.dataset.status = status;
      fill(outcome, statusBadge(status), json.reason ? h('small', { class: 'block' }, json.reason) : null);
      done(action);
    } catch (err) {
      e.target.disabled = false; e.target.removeAttribute('aria-busy');
      msg.append(refusalBox(err));
    }
  };
  outcome.append(
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'approve small', 'aria-label': t('appr.approve.label', { name: p.name || p.nip, date: dayLabel(p.date) }),
        onclick: act('approve') }, `✓ ${t('appr.approve')}`)),
    h('label', { class: 'small', for: reason.id }, t('appr.reason')), reason,
    h('button', { type: 'button', class: 'refuse secondary outline small', 'aria-label': t('appr.refuse.label', { name: p.name || p.nip, date: dayLabel(p.date) }),
      onclick: act('refuse') }, `✗ ${t('appr.refuse')}`),
    msg);
  const place = p.location?.address;
  const tr = h('tr', { 'data-id': String(p.id), 'data-status': p.status, 'data-date': p.date },
    h('td', { 'data-label': t('appr.col.date') }, h('strong', null, dayLabel(p.date, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }))),
    h('td', { 'data-label': t('appr.col.employee') }, p.name || '', ' ', h('code', { class: 'small' }, p.nip),
      p.unit?.name ? h('small', { class: 'block muted' }, p.unit.name) : null),
    h('td', { 'data-label': t('appr.col.mode') }, modeShort(p.mode),
      place ? h('small', { class: 'block muted' }, place) : null),
    h('td', { 'data-label': t('appr.col.coverage') }, coverageView(p.coverage)),
    outcome);
  return tr;
}

export async function approvalsPage({ main, alive }) {
  main.append(title(t('appr.title')), h('p', { class: 'muted' }, t('appr.intro')));
  const note = h('div', { id: 'appr-flash', 'aria-live': 'polite' });
  const box = h('div', { id: 'appr-box' }, loading());
  main.append(note, box);
  const r = await api('GET', `/plans${qs({ approver: 'me', status: 'requested', from: todayJkt() })}`);
  if (!alive()) return;
  const items = (r.items || []).slice().sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id));
  if (!items.length) { fill(box, h('p', { class: 'muted', id: 'appr-none' }, t('appr.none'))); return; }
  let left = items.length;
  const count = h('p', { id: 'appr-count' }, t('appr.count', { n: fmtNumber(left) }));
  const done = (action) => {
    left -= 1;
    count.textContent = t('appr.count', { n: fmtNumber(left) });
    fill(note, h('div', { role: 'status', class: 'alert ok' }, t(action === 'approve' ? 'appr.approved' : 'appr.refused')));
  };
  fill(box, count, h('table', { class: 'rows queue', id: 'appr-queue' },
    h('thead', null, h('tr', null, ['appr.col.date', 'appr.col.employee', 'appr.col.mode', 'appr.col.coverage', 'appr.col.action']
      .map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', null, items.map((p) => row(p, done)))));
}
