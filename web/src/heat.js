// The people × days table shared by the unit roster and the rotation
// proposal: one row per person, one column per day, each cell the day's
// place (office, wfh, wfa, kantor_lain), whether it is only requested, or a
// day off; the bottom row counts the people on site against the minimum and
// marks a gap in red with a text marker (never colour alone). The first
// column stays in view while the table scrolls sideways on a phone.
import { h } from './dom.js';
import { t, fmtNumber } from './i18n.js';
import { dayNum, weekdayNames, isoDow, dayLabel } from './month.js';

// One or two letters per place, in the user's language (K/H/A/L, O/H/A/X).
const code = (m) => t(`heat.code.${m}`);
const wd = () => weekdayNames('short');

// What a cell shows: {mode, status} for a plan (status 'requested' is a
// pending ask, 'proposed' a rotation's day), none for a plain office day.
export function cellText(c) {
  if (!c || !c.mode || c.mode === 'office' || c.mode === 'wfo') return { code: code('office'), cls: 'office', text: t('heat.office') };
  const pending = c.status === 'requested';
  const letters = `${code(c.mode)}${pending ? '?' : ''}`;
  const text = `${t(`sched.mode.${c.mode}`)}${c.status && c.status !== 'proposed' ? ` (${t(`sched.status.${c.status}`)})` : ''}`;
  return { code: letters, cls: `away m-${c.mode}${pending ? ' pending' : ''}`, text };
}

export function legend(id) {
  const item = (cls, letters, key) => h('li', null, h('span', { class: `hc ${cls}`, 'aria-hidden': 'true' }, letters), ' ', t(key));
  return h('ul', { class: 'heat-legend small', id },
    item('office', code('office'), 'heat.office'), item('away m-wfh', code('wfh'), 'sched.mode.wfh'), item('away m-wfa', code('wfa'), 'sched.mode.wfa'),
    item('away m-kantor_lain', code('kantor_lain'), 'sched.mode.kantor_lain'), item('away m-wfh pending', `${code('wfh')}?`, 'sched.status.requested'),
    item('free', '·', 'heat.off'), item('gap', '!', 'heat.gap'), item('only', '*', 'heat.office_only'));
}

// days: ['YYYY-MM-DD'…]; working(date): a working day of the unit; off:
// Map date → {name} (days off, for the header's title); people: [{nip, name,
// cells: Map date → {mode, status} | {state: 'off'|'not_scheduled'}}]; cov:
// Map date → {on_site, min, hour_gaps}; cellControl(person, date, cell,
// content) may wrap a working cell's content in a button (rotation toggle).
export function heatTable({ id, caption, days, working, off, officeOnly = new Set(), people, cov, cellControl }) {
  const names = wd();
  // Face-to-face units with an hourly minimum get a row of their own for it.
  const hourMins = [...new Set(days.map((d) => cov.get(d)?.hour_min).filter(Boolean))];
  const hourly = hourMins.length > 0;
  return h('div', { class: 'heat-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
    h('table', { class: 'heat', id },
      h('caption', { class: 'sr-only' }, caption),
      h('thead', null, h('tr', null, h('th', { scope: 'col', class: 'who' }, t('heat.person')),
        days.map((d) => {
          const o = off.get(d);
          const only = officeOnly.has(d);
          return h('th', { scope: 'col', class: [working(d) ? '' : 'free', only ? 'office-only' : ''].join(' ').trim() || null, 'data-date': d,
            'data-office-only': only ? 'true' : null, title: o ? o.name : only ? `${dayLabel(d)} · ${t('heat.office_only')}` : dayLabel(d),
            abbr: dayLabel(d) }, h('span', { class: 'wd' }, names[isoDow(d) - 1]), h('span', { class: 'dn' }, dayNum(d), only ? '*' : ''),
          only ? h('span', { class: 'sr-only' }, t('heat.office_only')) : null);
        }))),
      h('tbody', null, people.map((p) => h('tr', { 'data-nip': p.nip },
        h('th', { scope: 'row', class: 'who', title: p.name || p.nip }, h('span', { class: 'pname' }, p.name || p.nip), p.extra || null),
        days.map((d) => {
          const c = p.cells.get(d);
          const state = c?.state || (!working(d) && !c ? 'off' : null);
          if (state) {
            return h('td', { class: 'hc free', 'data-date': d, 'data-mode': state },
              h('span', { 'aria-hidden': 'true' }, state === 'off' ? '·' : '–'),
              h('span', { class: 'sr-only' }, t(state === 'off' ? 'heat.off' : 'heat.not_scheduled')));
          }
          const x = cellText(c);
          const content = [h('span', { 'aria-hidden': 'true' }, x.code), h('span', { class: 'sr-only' }, x.text)];
          return h('td', { class: `hc ${x.cls}`, 'data-date': d, 'data-mode': c?.mode || 'office', 'data-status': c?.status || null,
            title: x.text }, cellControl ? cellControl(p, d, c, content) : content);
        })))),
      h('tfoot', null, h('tr', { class: 'onsite' }, h('th', { scope: 'row', class: 'who' }, t('heat.on_site')),
        days.map((d) => {
          const c = cov.get(d);
          if (!c || (!working(d) && !c.staff)) return h('td', { class: working(d) ? null : 'free', 'data-date': d }, '');
          const gap = (c.min != null && c.on_site < c.min) || (!hourly && c.hour_gaps.length > 0);
          return h('td', { class: gap ? 'gap' : 'met', 'data-date': d, 'data-gap': String(!!gap),
            title: t('heat.count.title', { n: c.on_site, min: c.min ?? '—' }) },
          h('span', { class: 'cnt' }, fmtNumber(c.on_site)),
          c.min != null ? h('span', { class: 'min' }, `/${fmtNumber(c.min)}`) : null,
          gap ? h('span', { class: 'mark' }, '!') : null);
        })),
      // Face-to-face units with an hourly minimum: the emptiest service hour of each day.
      hourly ? h('tr', { class: 'hourly' }, h('th', { scope: 'row', class: 'who' },
        t('heat.hour_low', { min: hourMins.length === 1 ? fmtNumber(hourMins[0]) : hourMins.map(fmtNumber).join('–') })),
        days.map((d) => {
          const c = cov.get(d);
          if (!c || c.hour_low == null || (!working(d) && !c.staff)) return h('td', { class: working(d) ? null : 'free', 'data-date': d }, '');
          const gap = c.hour_gaps.length > 0;
          return h('td', { class: gap ? 'gap' : 'met', 'data-date': d, 'data-gap': String(gap),
            title: t('heat.hour.title', { n: c.hour_low, min: c.hour_min ?? '—' }) },
          h('span', { class: 'cnt' }, fmtNumber(c.hour_low)), gap ? h('span', { class: 'mark' }, '!') : null);
        })) : null)));
}

// The shortfalls in plain words ('kurang 2 orang pada 10:00-11:00'), the
// same shortfall on several days said once with its dates.
export function shortfallList(days, cov, id) {
  const groups = new Map();
  const add = (text, d) => { if (!groups.has(text)) groups.set(text, []); groups.get(text).push(d); };
  for (const d of days) {
    const c = cov.get(d);
    if (!c) continue;
    if (c.min != null && c.on_site < c.min) {
      add(t('heat.short.day', { n: fmtNumber(c.min - c.on_site), min: fmtNumber(c.min), have: fmtNumber(c.on_site) }), d);
    }
    // Consecutive short hours of a day are said once: 'kurang hingga 3 orang pada 07:30-12:30'.
    const runs = [];
    for (const g of [...(c.hour_gaps || [])].sort((x, y) => (x.from < y.from ? -1 : 1))) {
      const last = runs[runs.length - 1];
      if (last && last.to === g.from) { last.to = g.to; last.hi = Math.max(last.hi, g.short); last.lo = Math.min(last.lo, g.short); }
      else runs.push({ from: g.from, to: g.to, hi: g.short, lo: g.short });
    }
    for (const r of runs) {
      add(t(r.hi === r.lo ? 'heat.short.hour' : 'heat.short.hour.upto', { n: fmtNumber(r.hi), from: r.from, to: r.to }), d);
    }
  }
  if (!groups.size) return h('p', { class: 'alert ok', id, role: 'status' }, `✓ ${t('heat.short.none')}`);
  const short = { day: 'numeric', month: 'short' };
  return h('div', { class: 'alert shortfalls', id, role: 'status' }, h('strong', null, `⚠ ${t('heat.short.title')}`),
    h('ul', null, [...groups].map(([text, ds]) => h('li', { 'data-dates': ds.join(' ') },
      h('strong', null, text[0].toUpperCase() + text.slice(1)), ': ',
      ds.length === 1 ? dayLabel(ds[0]) : [t('heat.short.on_days', { n: fmtNumber(ds.length) }), ' ', ds.map((d) => dayLabel(d, short)).join(', ')]))));
}
