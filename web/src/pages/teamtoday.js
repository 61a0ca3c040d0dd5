// #/tim-hari-ini[?unit=CODE]: the supervisor's live team board (issue 5
// item 8): everyone of the team today with the plan's mode, in and out
// times, the verdict and each flag, and how many are on site against the
// unit's minimum. Reloaded every 30 seconds while the page is open.
import './presence.css';
import { h, fill } from '../dom.js';
import { t, label, fmtDate } from '../i18n.js';
import { api, qs } from '../api.js';
import { title, loading, errorBox, badge, esc } from '../ui.js';
import { flagItem } from './absen.js';

const POLL_MS = 30_000;
const cell = (lab, v, cls) => h('td', { 'data-label': lab || null, class: cls }, v);

function summary(b) {
  const short = b.minimum_on_site != null && b.on_site < b.minimum_on_site;
  return h('div', { class: 'board-summary', id: 'board-summary', 'data-on-site': String(b.on_site),
    'data-minimum': b.minimum_on_site == null ? '' : String(b.minimum_on_site) },
    h('span', null, h('span', { class: 'big', id: 'board-on-site' }, String(b.on_site)), ' ',
      b.minimum_on_site != null ? t('board.on_site.of', { min: b.minimum_on_site }) : t('board.on_site')),
    short ? h('span', { class: 'short', id: 'board-short', role: 'status' },
      t('board.short', { n: b.minimum_on_site - b.on_site })) : null,
    b.minimum_on_site == null ? h('small', { class: 'muted' }, t('board.no_minimum')) : null,
    h('span', { class: 'muted' }, t('board.people', { n: b.total })));
}

function planCell(p) {
  if (p.leave) return badge(label('board.leave', p.leave), 'off');
  return label('sched.mode', p.plan_mode);
}

function verdictCell(p) {
  if (!p.verdict) return h('span', { class: 'muted' }, t('board.not_yet'));
  return p.verdict === 'ok' ? badge(t('absen.verdict.ok'), 'on') : badge(t('absen.verdict.flagged'), 'warn');
}

function boardTable(b) {
  if (!b.items.length) return h('p', { class: 'muted', id: 'board' }, t('board.empty'));
  const L = (k) => t(`board.col.${k}`);
  return h('table', { class: 'rows board', id: 'board' },
    h('thead', null, h('tr', null, ['name', 'plan', 'in', 'out', 'verdict', 'flags'].map((k) => h('th', null, L(k))))),
    h('tbody', null, b.items.map((p) => h('tr', { 'data-nip': p.nip, 'data-verdict': p.verdict || '', 'data-on-site': String(p.on_site) },
      cell(L('name'), [h('a', { href: `#/pegawai/${esc(p.nip)}` }, p.name), ' ',
        p.on_site ? badge(t('board.here'), 'on') : null]),
      cell(L('plan'), planCell(p)),
      cell(L('in'), p.in ? [p.in, p.mode && p.mode !== p.plan_mode ? h('small', { class: 'muted' }, ` (${label('sched.mode', p.mode)})`) : null] : '—'),
      cell(L('out'), p.out || '—'),
      cell(L('verdict'), [verdictCell(p), p.distance_m != null ? [' ', h('small', { class: 'muted nowrap' }, t('absen.distance.short', { d: p.distance_m }))] : null]),
      cell(L('flags'), p.flags.length ? h('ul', { class: 'flags compact' }, p.flags.map((f) => flagItem(f, { hint: false }))) : '—')))));
}

export async function teamTodayPage({ main, query, alive }) {
  const unit = query.get('unit') || '';
  const body = h('div', null, loading());
  const stamp = h('p', { class: 'muted', id: 'board-updated', 'aria-live': 'polite' });
  const head = h('p', { class: 'muted', id: 'board-head' });
  main.append(title(t('board.title')), head, body, stamp);
  // Poll while the page is shown: a tick after the page was left (the
  // router's generation moved on) fetches nothing and stops.
  async function load() {
    if (!alive()) return;
    try {
      const b = await api('GET', `/team/today${qs({ unit })}`);
      if (!alive()) return;
      fill(head, fmtDate(b.date), b.unit ? ` · ${b.unit}` : '');
      fill(body, summary(b), boardTable(b));
      fill(stamp, t('board.updated', { time: new Date().toLocaleTimeString('en-GB') }));
    } catch (e) {
      if (alive()) fill(body, errorBox(e));
    }
    if (alive()) setTimeout(load, POLL_MS);
  }
  await load();
}
