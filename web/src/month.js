// Shared pieces of the schedule pages (issue 4): date arithmetic on
// 'YYYY-MM-DD' strings (always in UTC, so no time zone can shift a day), the
// Monday-first month grid, the working calendar of a year (days off from
// GET /calendar, fetched once per session), plan modes and statuses as text
// plus an icon (colour is never the only signal), and the box that lists a
// refusal's violations in the user's language.
import { h } from './dom.js';
import { t, label, locale, getLang } from './i18n.js';
import { api, qs } from './api.js';
import { errorBox } from './ui.js';

export const MODES = ['wfh', 'wfa', 'kantor_lain'];
const pad = (n) => String(n).padStart(2, '0');

export const ymd = (y, m, d) => `${y}-${pad(m)}-${pad(d)}`;
export const isDate = (s) => /^\d{4}-\d{2}-\d{2}$/.test(s || '');
export const isMonth = (s) => /^\d{4}-(0[1-9]|1[0-2])$/.test(s || '');
const toUtc = (s) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10));
const fromUtc = (ms) => new Date(ms).toISOString().slice(0, 10);

// Today in Jakarta (UTC+7).
export const todayJkt = () => new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
export const addDays = (s, n) => fromUtc(toUtc(s) + n * 86400e3);
// 1 = Monday … 7 = Sunday (ISO).
export const isoDow = (s) => ((new Date(toUtc(s)).getUTCDay() + 6) % 7) + 1;
export const isWeekend = (s) => isoDow(s) >= 6;
export const monthOf = (s) => s.slice(0, 7);
export const firstOfMonth = (m) => `${m}-01`;
export function lastOfMonth(m) {
  const y = +m.slice(0, 4); const mo = +m.slice(5, 7);
  return ymd(y, mo, new Date(Date.UTC(y, mo, 0)).getUTCDate());
}
export function addMonths(m, n) {
  const y = +m.slice(0, 4); const mo = +m.slice(5, 7) - 1 + n;
  const d = new Date(Date.UTC(y, mo, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}
// Every date from..to inclusive.
export function daysBetween(from, to) {
  const out = [];
  for (let d = from; d <= to && out.length < 400; d = addDays(d, 1)) out.push(d);
  return out;
}
// The month as weeks of 7 dates, Monday first, padded with the neighbouring
// months' days (marked by comparing monthOf(date) with the month).
export function monthWeeks(m) {
  const first = firstOfMonth(m);
  const last = lastOfMonth(m);
  const start = addDays(first, 1 - isoDow(first));
  const weeks = [];
  for (let d = start; d <= last; d = addDays(d, 7)) weeks.push(daysBetween(d, addDays(d, 6)));
  return weeks;
}

export function monthName(m) {
  const d = new Date(Date.UTC(+m.slice(0, 4), +m.slice(5, 7) - 1, 1));
  return new Intl.DateTimeFormat(locale(), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}
// Short weekday names, Monday first.
export function weekdayNames(style = 'short') {
  return [1, 2, 3, 4, 5, 6, 7].map((i) => new Intl.DateTimeFormat(locale(), { weekday: style, timeZone: 'UTC' })
    .format(new Date(Date.UTC(2024, 0, i)))); // 1 Jan 2024 was a Monday
}
export function dayLabel(s, opts = { weekday: 'long', day: 'numeric', month: 'long' }) {
  return new Intl.DateTimeFormat(locale(), { ...opts, timeZone: 'UTC' }).format(new Date(toUtc(s)));
}
export const dayNum = (s) => String(+s.slice(8, 10));

// ---- working calendar ----
const years = new Map();
// Days off of a year as Map date → {name, kind}; an unreachable calendar
// gives an empty map (weekends are still known), so a page never fails on it.
export function daysOff(year) {
  if (!years.has(year)) {
    const p = api('GET', `/calendar${qs({ year })}`)
      .then((r) => new Map((r.days_off || []).map((d) => [d.date, d])))
      .catch((e) => { years.delete(year); if (e.status === 401) throw e; return new Map(); });
    years.set(year, p);
  }
  return years.get(year);
}
// Days off of every year a range touches, merged.
export async function daysOffBetween(from, to) {
  const ys = [];
  for (let y = +from.slice(0, 4); y <= +to.slice(0, 4); y++) ys.push(y);
  const maps = await Promise.all(ys.map(daysOff));
  return new Map(maps.flatMap((x) => [...x]));
}

// ---- plan modes and statuses ----
// Marks drawn from fonts every system has (no emoji font is assumed).
export const STATUS_ICON = { requested: '○', approved: '✓', refused: '✗', cancelled: '–' };
export const modeShort = (m) => label('sched.mode', m);
export const statusText = (s) => label('sched.status', s);

export function statusBadge(s) {
  const cls = s === 'approved' ? 'on' : s === 'refused' ? 'off' : s === 'requested' ? 'wait' : '';
  return h('span', { class: `badge ${cls}`.trim(), 'data-status': s },
    h('span', { 'aria-hidden': 'true' }, `${STATUS_ICON[s] || ''} `), statusText(s));
}

// The sentence of a violation in the user's language.
export const violationText = (v) => (getLang() === 'en' ? v.message_en : v.message_id) || v.message_en || v.message_id || v.rule;

// A list of violations, each with its rule named.
export function violationList(vs, id) {
  return h('ul', { class: 'violations', id },
    vs.map((v) => h('li', { 'data-rule': v.rule },
      h('span', { class: 'mark', 'aria-hidden': 'true' }, '✗'), ' ',
      h('strong', null, label('sched.rule', v.rule)), ': ', violationText(v))));
}

// An API error as a box: the translated message, and each violation when the
// server gave them (409/422 refusals of a plan or an edit).
// `what` (optional) names what was refused, e.g. the person and the day.
export function refusalBox(err, what) {
  const vs = err?.violations || [];
  if (!vs.length) return errorBox(err);
  return h('div', { role: 'alert', class: 'alert refusal', 'data-code': err.code || 'refused' },
    h('strong', null, what ? `${what} — ${t('sched.refused_because')}` : t('sched.refused_because')), violationList(vs));
}

// A small live region for messages after an action.
export const okBox = (text) => h('div', { role: 'status', class: 'alert ok' }, text);
