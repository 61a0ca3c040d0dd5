// #/kalender?bulan=YYYY-MM: the employee's own month (issue 4 item 6). A
// Monday-first grid with the days off named (libur nasional, cuti bersama),
// each working day's plan with its mode and status (and the reason of a
// refusal), a form to ask for wfh, wfa or kantor_lain on a day (wfa declares
// the place: address and lat/lon, optionally from the browser's location),
// cancelling a requested plan, and the private calendar feed URL to
// subscribe from a phone. On a phone the grid becomes a list of days.
import { h, clear, fill } from '../dom.js';
import { t, fmtDate } from '../i18n.js';
import { api, qs } from '../api.js';
import { state, unitIndex } from '../state.js';
import { title, loading, errorBox, esc } from '../ui.js';
import {
  MODES, isMonth, isDate, todayJkt, monthOf, addMonths, firstOfMonth, lastOfMonth, monthWeeks,
  monthName, weekdayNames, dayLabel, dayNum, isWeekend, daysOffBetween, statusBadge, modeShort, refusalBox, okBox,
} from '../month.js';

let flash = null; // a message shown once with the next render


// Plans of a date, the live one (requested or approved) first.
function byDate(items) {
  const m = new Map();
  for (const p of items) {
    if (p.status === 'cancelled') continue;
    if (!m.has(p.date)) m.set(p.date, []);
    m.get(p.date).push(p);
  }
  const rank = { approved: 0, requested: 1, refused: 2 };
  for (const list of m.values()) list.sort((a, b) => (rank[a.status] ?? 3) - (rank[b.status] ?? 3) || b.id - a.id);
  return m;
}

function planLine(p, onCancel) {
  const reason = p.status === 'refused' ? p.refusal_reason || '' : '';
  const where = p.location?.address || p.location?.unit || '';
  return h('div', { class: `plan ${p.status}`, 'data-id': String(p.id), 'data-status': p.status, 'data-mode': p.mode },
    h('span', { class: 'plan-mode' }, modeShort(p.mode)), ' ',
    statusBadge(p.status),
    where ? h('small', { class: 'plan-where muted' }, where) : null,
    reason ? h('small', { class: 'plan-reason' }, `${t('cal.reason')}: ${reason}`) : null,
    (p.status === 'requested' || p.status === 'approved') && p.date > todayJkt() && onCancel
      ? h('button', { type: 'button', class: 'secondary outline small cancel', 'data-id': String(p.id),
        'aria-label': t('cal.cancel.label', { date: dayLabel(p.date) }), onclick: () => onCancel(p) }, t('cal.cancel'))
      : null);
}

function dayCell(d, m, off, plans, today, pick, onCancel) {
  const other = monthOf(d) !== m;
  const weekend = isWeekend(d);
  const free = off.get(d);
  const working = !weekend && !free;
  const cls = ['day', other ? 'other' : '', weekend ? 'weekend' : '', free ? 'off' : '', d === today ? 'today' : ''];
  const list = plans.get(d) || [];
  const live = list.find((p) => p.status === 'requested' || p.status === 'approved');
  const canAsk = !other && working && d >= today && !live;
  return h('td', { class: cls.filter(Boolean).join(' '), 'data-date': d, 'aria-current': d === today ? 'date' : null },
    h('span', { class: 'day-head' },
      h('span', { class: 'num' }, dayNum(d)),
      h('span', { class: 'long' }, dayLabel(d))),
    other ? null : [
      free ? h('span', { class: `dayoff ${free.kind}`, 'data-kind': free.kind },
        h('span', { class: 'badge holiday' }, t(`cal.kind.${free.kind}`)), ' ', h('span', { class: 'dayoff-name' }, free.name)) : null,
      working && !list.length ? h('span', { class: 'office muted' }, t('cal.office')) : null,
      list.map((p) => planLine(p, onCancel)),
      canAsk ? h('button', { type: 'button', class: 'ask outline small', 'data-date': d,
        'aria-label': t('cal.ask.label', { date: dayLabel(d) }), onclick: () => pick(d) }, `+ ${t('cal.ask')}`) : null,
    ]);
}

function grid(m, off, plans, pick, onCancel) {
  const today = todayJkt();
  return h('table', { class: 'month', id: 'cal-grid', 'aria-label': monthName(m) },
    h('thead', null, h('tr', null, weekdayNames().map((n, i) => h('th', { scope: 'col', class: i >= 5 ? 'weekend' : null }, n)))),
    h('tbody', null, monthWeeks(m).map((w) => h('tr', null, w.map((d) => dayCell(d, m, off, plans, today, pick, onCancel))))));
}

// The form to ask for a plan; wfa (and, optionally, kantor_lain) declares a place.
function askForm(nip, month, reload) {
  const date = h('input', { type: 'date', id: 'plan-date', name: 'date', min: todayJkt(), required: true });
  const mode = h('select', { id: 'plan-mode', name: 'mode', required: true },
    MODES.map((k) => h('option', { value: k }, t(`sched.mode.long.${k}`))));
  const address = h('input', { type: 'text', id: 'plan-address', name: 'address', maxlength: 300, autocomplete: 'street-address' });
  const lat = h('input', { type: 'number', id: 'plan-lat', name: 'lat', step: 'any', min: -90, max: 90, inputmode: 'decimal' });
  const lon = h('input', { type: 'number', id: 'plan-lon', name: 'lon', step: 'any', min: -180, max: 180, inputmode: 'decimal' });
  const geoMsg = h('small', { id: 'plan-geo-msg', 'aria-live': 'polite', class: 'muted' });
  const geoBtn = h('button', { type: 'button', id: 'plan-geo', class: 'secondary outline small', onclick: () => {
    if (!navigator.geolocation) { geoMsg.textContent = t('cal.geo.none'); return; }
    geoMsg.textContent = t('common.loading');
    navigator.geolocation.getCurrentPosition((pos) => {
      lat.value = pos.coords.latitude.toFixed(6);
      lon.value = pos.coords.longitude.toFixed(6);
      geoMsg.textContent = t('cal.geo.ok', { m: Math.round(pos.coords.accuracy) });
    }, () => { geoMsg.textContent = t('cal.geo.denied'); }, { enableHighAccuracy: true, timeout: 15000 });
  } }, t('cal.geo'));
  // kantor_lain: another government office by its unit code (a list of the
  // units the employee can see helps), or a place like wfa.
  const office = h('input', { type: 'text', id: 'plan-office', name: 'office', maxlength: 32, list: 'plan-office-list',
    autocapitalize: 'characters', autocomplete: 'off' });
  const officeList = h('datalist', { id: 'plan-office-list' });
  const officeRow = h('div', { id: 'plan-office-row', hidden: true },
    h('label', null, t('cal.office_code'), office, h('small', { class: 'muted' }, t('cal.office_code.help'))), officeList);
  let listed = false;
  const place = h('fieldset', { id: 'plan-place', hidden: true },
    h('legend', null, t('cal.place')),
    officeRow,
    h('label', null, t('cal.address'), address),
    h('div', { class: 'grid' }, h('label', null, t('cal.lat'), lat), h('label', null, t('cal.lon'), lon)),
    h('p', { class: 'geo' }, geoBtn, ' ', geoMsg));
  const showPlace = () => {
    place.hidden = mode.value === 'wfh';
    officeRow.hidden = mode.value !== 'kantor_lain';
    address.required = lat.required = lon.required = mode.value === 'wfa';
    if (mode.value === 'kantor_lain' && !listed) {
      listed = true;
      unitIndex().then((idx) => fill(officeList, idx.flat.slice(0, 500).map((x) => h('option', { value: x.u.code }, x.u.name)))).catch(() => {});
    }
  };
  mode.addEventListener('change', showPlace);
  const msg = h('div', { id: 'plan-msg', 'aria-live': 'polite' });
  const btn = h('button', { type: 'submit', id: 'plan-submit' }, t('cal.submit'));
  const form = h('form', { id: 'plan-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    clear(msg);
    if (!isDate(date.value)) { msg.append(h('div', { role: 'alert', class: 'alert' }, t('cal.need.date'))); date.focus(); return; }
    const body = { nip, date: date.value, mode: mode.value };
    if (mode.value !== 'wfh') {
      const la = Number(lat.value); const lo = Number(lon.value);
      const point = lat.value !== '' && lon.value !== '' && Number.isFinite(la) && Number.isFinite(lo) && Math.abs(la) <= 90 && Math.abs(lo) <= 180;
      const code = office.value.trim();
      if (mode.value === 'kantor_lain' && code) body.location = { unit: code };
      else if (address.value.trim() && point) body.location = { address: address.value.trim(), lat: la, lon: lo };
      else { msg.append(h('div', { role: 'alert', class: 'alert' }, t(mode.value === 'wfa' ? 'cal.need.place' : 'cal.need.office'))); return; }
    }
    btn.disabled = true; btn.setAttribute('aria-busy', 'true');
    try {
      const p = await api('POST', '/plans', { json: body });
      address.value = lat.value = lon.value = office.value = '';
      geoMsg.textContent = '';
      flash = okBox(t('cal.asked', { date: fmtDate(p?.date || body.date) }));
      const m = monthOf(body.date);
      if (m !== month) location.hash = `#/kalender${qs({ bulan: m })}`; else await reload();
    } catch (err) {
      msg.append(refusalBox(err));
    } finally { btn.disabled = false; btn.removeAttribute('aria-busy'); }
  } },
  h('div', { class: 'grid' }, h('label', null, t('cal.date'), date), h('label', null, t('cal.mode'), mode)),
  place, msg, btn);
  const pick = (d) => {
    date.value = d;
    form.scrollIntoView({ block: 'start' });
    mode.focus();
  };
  return { el: h('section', { id: 'plan-new' }, h('h2', null, t('cal.new')), form), pick };
}

// Preferred weekdays and a monthly limit: the rotation honours them after
// coverage, caps and fairness.
function preferencesSection(nip) {
  const box = h('div', { id: 'pref-box' }, loading());
  const load = async (note) => {
    const p = await api('GET', `/employees/${esc(nip)}/plan-preferences`);
    const days = weekdayNames('long').slice(0, 5).map((n, i) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: 'weekday', value: String(i + 1), checked: p.weekdays.includes(i + 1) }), n));
    const max = h('input', { type: 'number', id: 'pref-max', name: 'max_days_month', min: 0, max: 31, step: 1, inputmode: 'numeric',
      value: p.max_days_month == null ? '' : String(p.max_days_month) });
    const msg = h('div', { id: 'pref-msg', 'aria-live': 'polite' }, note);
    fill(box, h('form', { id: 'pref-form', novalidate: true, onsubmit: async (e) => {
      e.preventDefault();
      clear(msg);
      const weekdays = days.map((l) => l.firstChild).filter((c) => c.checked).map((c) => Number(c.value));
      const m = max.value.trim();
      if (m !== '' && !(Number.isInteger(Number(m)) && Number(m) >= 0 && Number(m) <= 31)) {
        msg.append(h('div', { role: 'alert', class: 'alert' }, t('cal.pref.bad'))); return;
      }
      try {
        await api('PUT', `/employees/${esc(nip)}/plan-preferences`, { json: { weekdays, max_days_month: m === '' ? null : Number(m) } });
        await load(okBox(t('cal.pref.saved')));
      } catch (err) { msg.append(refusalBox(err)); }
    } },
    h('fieldset', { id: 'pref-days' }, h('legend', null, t('cal.pref.days')), h('div', { class: 'pref-days' }, days)),
    h('label', null, t('cal.pref.max'), max, h('small', { class: 'muted' }, t('cal.pref.max.help'))),
    msg, h('button', { type: 'submit', id: 'pref-save', class: 'secondary' }, t('cal.pref.save'))));
  };
  load().catch((err) => fill(box, errorBox(err)));
  return h('section', { id: 'prefs' }, h('h2', null, t('cal.pref')), h('p', { class: 'muted' }, t('cal.pref.intro')), box);
}

function feedSection(nip) {
  const box = h('div', { id: 'feed-box', 'aria-live': 'polite' });
  const show = h('button', { type: 'button', id: 'feed-show', class: 'secondary outline', onclick: async () => {
    show.disabled = true;
    try {
      const r = await api('GET', `/employees/${esc(nip)}/feed`);
      const url = new URL(r.url, location.origin).toString();
      const input = h('input', { type: 'text', id: 'feed-url', readonly: true, value: url, 'aria-label': t('cal.feed.url') });
      const copied = h('small', { 'aria-live': 'polite', id: 'feed-copied' });
      fill(box, h('div', { role: 'group', class: 'copy' }, input,
        h('button', { type: 'button', id: 'feed-copy', class: 'secondary', onclick: async () => {
          input.select();
          try { await navigator.clipboard.writeText(url); copied.textContent = t('cal.feed.copied'); }
          catch { copied.textContent = t('cal.feed.select'); }
        } }, t('cal.feed.copy'))), copied, h('p', { class: 'muted small' }, t('cal.feed.private')));
      show.hidden = true;
    } catch (err) { show.disabled = false; fill(box, errorBox(err)); }
  } }, t('cal.feed.show'));
  return h('section', { id: 'feed' }, h('h2', null, t('cal.feed')), h('p', { class: 'muted' }, t('cal.feed.intro')), show, box);
}

export async function calendarPage({ main, query, alive }) {
  const u = state.user;
  const month = isMonth(query.get('bulan')) ? query.get('bulan') : monthOf(todayJkt());
  main.append(title(t('cal.title')));
  if (!u.nip) { main.append(h('p', { class: 'muted', id: 'cal-none' }, t('cal.no_nip'))); return; }
  const note = h('div', { id: 'cal-flash', 'aria-live': 'polite' });
  const body = h('div', { id: 'cal-body' }, loading());
  const nav = h('nav', { class: 'month-nav', 'aria-label': t('cal.months') },
    h('a', { href: `#/kalender${qs({ bulan: addMonths(month, -1) })}`, id: 'cal-prev', role: 'button', class: 'secondary outline' },
      h('span', { 'aria-hidden': 'true' }, '‹ '), h('span', { class: 'lbl' }, monthName(addMonths(month, -1)))),
    h('h2', { id: 'cal-month', 'aria-live': 'polite' }, monthName(month)),
    h('a', { href: `#/kalender${qs({ bulan: addMonths(month, 1) })}`, id: 'cal-next', role: 'button', class: 'secondary outline' },
      h('span', { class: 'lbl' }, monthName(addMonths(month, 1))), h('span', { 'aria-hidden': 'true' }, ' ›')));
  let form;
  const onCancel = async (p) => {
    clear(note);
    try {
      await api('POST', `/plans/${p.id}/cancel`);
      flash = okBox(t('cal.cancelled', { date: fmtDate(p.date) }));
      await reload();
    } catch (err) { note.append(refusalBox(err)); }
  };
  // The message and the month as it is now appear together.
  const reload = async () => {
    const from = firstOfMonth(month); const to = lastOfMonth(month);
    // The grid shows a few days of the neighbouring months; their plans are not needed.
    const [off, r] = await Promise.all([daysOffBetween(from, to), api('GET', `/plans${qs({ nip: u.nip, from, to })}`)]);
    if (!alive()) return;
    const plans = byDate(r.items || []);
    fill(note, flash); flash = null;
    fill(body, legend(), grid(month, off, plans, (d) => form.pick(d), onCancel));
  };
  form = askForm(u.nip, month, reload);
  main.append(h('p', { class: 'muted' }, t('cal.intro')), nav, note, body, form.el, preferencesSection(u.nip), feedSection(u.nip));
  await reload();
}

function legend() {
  return h('p', { class: 'legend small', id: 'cal-legend' },
    ['requested', 'approved', 'refused'].map((s) => [statusBadge(s), ' ']),
    h('span', { class: 'badge holiday' }, t('cal.kind.libur_nasional')), ' ',
    h('span', { class: 'badge holiday' }, t('cal.kind.cuti_bersama')));
}
