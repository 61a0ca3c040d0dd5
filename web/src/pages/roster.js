// #/unit/CODE/jadwal?bulan=YYYY-MM (or ?dari=YYYY-MM-DD: two weeks, the
// default on a phone): the unit's roster as a heat map, people × days, each
// cell office / wfh / wfa / kantor_lain / requested / day off; the bottom row
// counts the people on site against the minimum, a gap in red with a "!"
// marker; below, every shortfall in words, per service hour for
// face-to-face units. The head of the body (and admin BKD) edit the unit's
// staffing minimums and mark office-only days.
import { h, clear, fill } from '../dom.js';
import { t, fmtDate } from '../i18n.js';
import { api, qs } from '../api.js';
import { hasRole, isAdmin } from '../state.js';
import { title, loading, breadcrumb, esc } from '../ui.js';
import {
  isMonth, isDate, todayJkt, monthOf, addMonths, addDays, firstOfMonth, lastOfMonth, monthName,
  isoDow, dayLabel, daysOffBetween, refusalBox, okBox,
} from '../month.js';
import { heatTable, legend, shortfallList } from '../heat.js';

let flash = null;
const plusHour = (hm) => `${String(Math.min(24, +hm.slice(0, 2) + 1)).padStart(2, '0')}:${hm.slice(3, 5)}`;

// One cell of GET /units/{code}/roster ("office", "off", "not_scheduled",
// "wfh", "requested:wfa" …) or of a rotation (null, or {mode, status,
// fixed}) as {mode, status[, fixed]} or {state}; undefined for the office.
function cellOf(c) {
  if (c == null || c === 'office' || c === 'wfo') return undefined;
  if (typeof c === 'string') {
    if (c === 'off' || c === 'not_scheduled') return { state: c };
    const [a, b] = c.split(':');
    return b ? { mode: b, status: a } : { mode: a, status: 'approved' };
  }
  if (!c.mode || c.mode === 'wfo' || c.mode === 'office') return undefined;
  return { mode: c.mode, status: c.status || 'approved', fixed: !!c.fixed };
}

// The roster (or a rotation) as the heat map draws it: the dates, whether
// each is a working day, people with a Map of cells, and coverage per day
// {on_site, min (null when none), staff, hour_gaps:[{from, to, short}]}.
export function normRoster(r) {
  const days = r.days || [];
  const dates = days.map((d) => d.date);
  const people = (r.people || []).map((p) => {
    const cells = new Map();
    (p.cells || []).forEach((c, i) => { const x = cellOf(c); if (x) cells.set(c?.date || dates[i], x); });
    return { nip: p.nip, name: p.name, cells, days: typeof p.days === 'number' ? p.days : null };
  });
  const cov = new Map();
  for (const d of days) {
    const hourMin = d.hour_minimum ?? d.min_on_site_per_hour ?? 0;
    // An hour runs to the next start, the last one to closing time.
    const close = r.unit?.service_close;
    const hourGaps = (d.hours || []).filter((x) => x.gap).map((x) => {
      const to = plusHour(x.start);
      return { from: x.start, to: close && close > x.start && close < to ? close : to, short: hourMin - x.on_site };
    });
    // A rotation lists its gaps per day: hour -1 is the whole day's minimum.
    for (const g of d.gaps && Array.isArray(d.gaps) ? d.gaps : []) {
      if (g.hour >= 0) hourGaps.push({ from: g.from, to: g.to, short: g.short_by });
    }
    // Face-to-face units: the emptiest service hour against the hourly minimum.
    const hourLow = d.hours?.length ? Math.min(...d.hours.map((x) => x.on_site)) : null;
    cov.set(d.date, { on_site: d.on_site, min: d.minimum > 0 ? d.minimum : null, staff: d.staff, hour_gaps: hourGaps,
      hour_low: hourLow, hour_min: hourMin > 0 ? hourMin : null });
  }
  const info = new Map(days.map((d) => [d.date, d]));
  const unit = typeof r.unit === 'string' ? { code: r.unit, name: r.unit_name } : (r.unit || {});
  return { unit, days: dates, info, working: (d) => !!info.get(d)?.working, people, cov,
    officeOnly: new Set(days.filter((d) => d.office_only).map((d) => d.date)), staffing: r.staffing || {} };
}

function staffingForm(code, s, reload) {
  const min = h('input', { type: 'number', id: 'staff-min', name: 'min_on_site', min: 0, max: 100000, step: 1, value: String(s.min_on_site ?? 0), inputmode: 'numeric' });
  const perHour = h('input', { type: 'number', id: 'staff-hour', name: 'min_on_site_per_hour', min: 0, max: 100000, step: 1,
    value: String(s.min_on_site_per_hour ?? 0), inputmode: 'numeric' });
  const msg = h('div', { id: 'staff-msg', 'aria-live': 'polite' });
  return h('form', { id: 'staff-form', class: 'grid', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    clear(msg);
    const a = Number(min.value); const b = Number(perHour.value);
    if (!Number.isInteger(a) || a < 0 || !Number.isInteger(b) || b < 0) { msg.append(h('div', { role: 'alert', class: 'alert' }, t('roster.staff.bad'))); return; }
    try {
      await api('PUT', `/units/${esc(code)}/staffing`, { json: { min_on_site: a, min_on_site_per_hour: b } });
      flash = okBox(t('roster.staff.saved'));
      await reload();
    } catch (err) { msg.append(refusalBox(err)); }
  } },
  h('label', null, t('roster.staff.min'), min),
  h('label', null, t('roster.staff.hour'), perHour),
  h('div', { class: 'end' }, h('button', { type: 'submit', id: 'staff-save' }, t('roster.staff.save'))), msg);
}

function officeDaysForm(code, days, working, officeOnly, reload) {
  const msg = h('div', { id: 'office-msg', 'aria-live': 'polite' });
  const reason = h('input', { type: 'text', id: 'office-reason', name: 'reason', maxlength: 300, value: t('roster.office.reason.default') });
  const today = todayJkt();
  const toggle = async (d, on, btn) => {
    clear(msg);
    const why = reason.value.trim();
    if (on && why.length < 3) { msg.append(h('div', { role: 'alert', class: 'alert' }, t('roster.office.reason.need'))); reason.focus(); return; }
    btn.disabled = true;
    try {
      if (on) await api('PUT', `/units/${esc(code)}/office-days/${d}`, { json: { reason: why } });
      else await api('DELETE', `/units/${esc(code)}/office-days/${d}`);
      flash = okBox(t(on ? 'roster.office.added' : 'roster.office.removed', { date: fmtDate(d) }));
      await reload();
    } catch (err) { btn.disabled = false; msg.append(refusalBox(err)); }
  };
  const list = days.filter((d) => d > today && working(d));
  return h('div', { id: 'office-days' },
    h('label', null, t('roster.office.reason'), reason),
    h('ul', { class: 'office-days' }, list.map((d) => {
      const on = officeOnly.has(d);
      const btn = h('button', { type: 'button', class: `small ${on ? '' : 'secondary outline'}`.trim(), 'aria-pressed': String(on), 'data-date': d,
        onclick: (e) => toggle(d, !on, e.currentTarget) },
      h('span', { 'aria-hidden': 'true' }, on ? '✓ ' : ''), dayLabel(d, { weekday: 'short', day: 'numeric', month: 'short' }));
      return h('li', null, btn);
    })), msg);
}

export async function rosterPage({ main, params, query, alive }) {
  const code = decodeURIComponent(params[0]);
  const phone = window.matchMedia('(max-width: 640px)').matches;
  let from; let to; let prev; let next; let heading;
  if (isDate(query.get('dari')) || (phone && !isMonth(query.get('bulan')))) {
    const start = isDate(query.get('dari')) ? query.get('dari') : addDays(todayJkt(), 1 - isoDow(todayJkt()));
    from = start; to = addDays(start, 13);
    prev = qs({ dari: addDays(start, -14) }); next = qs({ dari: addDays(start, 14) });
    heading = `${fmtDate(from)} – ${fmtDate(to)}`;
  } else {
    const m = isMonth(query.get('bulan')) ? query.get('bulan') : monthOf(todayJkt());
    from = firstOfMonth(m); to = lastOfMonth(m);
    prev = qs({ bulan: addMonths(m, -1) }); next = qs({ bulan: addMonths(m, 1) });
    heading = monthName(m);
  }
  const base = `#/unit/${esc(code)}/jadwal`;
  main.append(loading());
  const note = h('div', { id: 'roster-flash', 'aria-live': 'polite' });
  const body = h('div', { id: 'roster-body' });
  const edit = h('div', { id: 'roster-edit' });
  let first = true;
  const reload = async () => {
    const [r, off] = await Promise.all([api('GET', `/units/${esc(code)}/roster${qs({ from, to })}`), daysOffBetween(from, to)]);
    if (!alive()) return;
    const x = normRoster(r);
    const days = x.days;
    if (first) {
      first = false;
      clear(main).append(
        breadcrumb([[t('nav.units'), '#/unit'], [x.unit.name || code, `#/unit/${esc(code)}`], [t('roster.crumb')]]),
        title(t('roster.title', { unit: x.unit.name || code })),
        h('nav', { class: 'month-nav', 'aria-label': t('cal.months') },
          h('a', { href: `${base}${prev}`, id: 'roster-prev', role: 'button', class: 'secondary outline' }, h('span', { 'aria-hidden': 'true' }, '‹ '), h('span', { class: 'lbl' }, t('roster.prev'))),
          h('h2', { id: 'roster-range' }, heading),
          h('a', { href: `${base}${next}`, id: 'roster-next', role: 'button', class: 'secondary outline' }, h('span', { class: 'lbl' }, t('roster.next')), h('span', { 'aria-hidden': 'true' }, ' ›'))),
        note, body, edit);
    }
    fill(note, flash); flash = null;
    fill(body,
      legend('roster-legend'),
      x.people.length
        ? heatTable({ id: 'roster-grid', caption: t('roster.caption', { unit: x.unit.name || code, range: heading }), days, working: x.working, off, officeOnly: x.officeOnly, people: x.people, cov: x.cov })
        : h('p', { class: 'muted', id: 'roster-empty' }, t('roster.empty')),
      h('h2', null, t('roster.short')),
      shortfallList(days, x.cov, 'roster-short'));
    if (hasRole('kepala_opd') || isAdmin()) {
      fill(edit,
        h('section', { id: 'roster-staffing' }, h('h2', null, t('roster.staff')), h('p', { class: 'muted' }, t('roster.staff.intro')),
          staffingForm(code, x.staffing, reload)),
        h('section', { id: 'roster-office' }, h('h2', null, t('roster.office')), h('p', { class: 'muted' }, t('roster.office.intro')),
          officeDaysForm(code, days, x.working, x.officeOnly, reload)));
    }
  };
  try { await reload(); } catch (e) { if (first) clear(main); throw e; }
}
