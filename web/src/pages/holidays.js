// #/hari-libur: the working calendar of a year (any signed-in user): where
// the list comes from (shipped, amended, or weekdays only) and its legal
// reference, working days per month, the days off; admin BKD amends the year
// (the whole list, one day a line, with the legal reference) and sees the
// stored versions.
import { h, clear, fill } from '../dom.js';
import { t, fmtDate } from '../i18n.js';
import { api, qs } from '../api.js';
import { isAdmin } from '../state.js';
import { title, loading, errorBox, badge, facts } from '../ui.js';

const thisYear = () => new Date(Date.now() + 7 * 3600e3).getUTCFullYear();
const KINDS = ['libur_nasional', 'cuti_bersama'];

// "YYYY-MM-DD | kind | name" lines <-> days_off; null names the bad line.
const toLines = (days) => days.map((d) => `${d.date} | ${d.kind} | ${d.name}`).join('\n');
function fromLines(text) {
  const out = [];
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  for (let i = 0; i < lines.length; i++) {
    const [date, kind, ...rest] = lines[i].split('|').map((x) => x.trim());
    const name = rest.join('|').trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date || '') || !KINDS.includes(kind) || !name) return { bad: i + 1 };
    out.push({ date, kind, name });
  }
  return { days: out };
}

function summary(c) {
  return facts([
    [t('hol.source'), badge(t(`hol.source.${c.source}`), c.source === 'weekdays_only' ? 'off' : 'on')],
    [t('hol.version'), c.version ? String(c.version) : t('common.none')],
    [t('hol.legal'), c.legal_reference || t('common.none')],
    [t('hol.working_days'), String(c.working_days)],
  ], 'hol-facts');
}

function monthsTable(c) {
  return h('table', { class: 'rows', id: 'hol-months' },
    h('thead', null, h('tr', null, h('th', null, t('hol.col.month')), h('th', null, t('hol.working_days')))),
    h('tbody', null, c.months.map((m) => h('tr', { 'data-month': String(m.month) },
      h('td', { 'data-label': t('hol.col.month') }, fmtDate(`${c.year}-${String(m.month).padStart(2, '0')}-01`).replace(/^1 /, '')),
      h('td', { 'data-label': t('hol.working_days'), class: 'num' }, String(m.working_days))))));
}

function daysTable(c) {
  if (!c.days_off.length) return h('p', { class: 'muted', id: 'hol-days' }, t('hol.none'));
  return h('table', { class: 'rows', id: 'hol-days' },
    h('thead', null, h('tr', null, ['hol.col.date', 'hol.col.name', 'hol.col.kind'].map((k) => h('th', null, t(k))))),
    h('tbody', null, c.days_off.map((d) => h('tr', { 'data-date': d.date, 'data-kind': d.kind },
      h('td', { 'data-label': t('hol.col.date') }, fmtDate(d.date)),
      h('td', { 'data-label': t('hol.col.name') }, d.name),
      h('td', { 'data-label': t('hol.col.kind') }, t(`hol.kind.${d.kind}`))))));
}

function versionsTable(v) {
  if (!v.versions.length) return h('p', { class: 'muted', id: 'hol-versions' }, t('hol.versions.none'));
  return h('table', { class: 'rows', id: 'hol-versions' },
    h('thead', null, h('tr', null, ['hol.version', 'hol.legal', 'hol.col.count', 'hol.col.by', 'hol.col.at'].map((k) => h('th', null, t(k))))),
    h('tbody', null, v.versions.map((x) => h('tr', { 'data-version': String(x.version) },
      h('td', { 'data-label': t('hol.version'), class: 'num' }, String(x.version)),
      h('td', { 'data-label': t('hol.legal') }, x.legal_reference),
      h('td', { 'data-label': t('hol.col.count'), class: 'num' }, String(x.days_off)),
      h('td', { 'data-label': t('hol.col.by') }, x.created_by),
      h('td', { 'data-label': t('hol.col.at') }, fmtDate(x.created_at))))));
}

function amendForm(c, reload) {
  const list = h('textarea', { id: 'hol-list', rows: 10, value: toLines(c.days_off) });
  const ref = h('input', { id: 'hol-ref', maxlength: 200, value: '' });
  const note = h('input', { id: 'hol-note', maxlength: 1000 });
  const msg = h('div', { id: 'hol-msg', 'aria-live': 'polite' });
  const btn = h('button', { type: 'submit', id: 'hol-save' }, t('hol.save'));
  const form = h('form', { id: 'hol-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    clear(msg);
    const parsed = fromLines(list.value);
    if (parsed.bad) { msg.append(h('div', { role: 'alert', class: 'alert' }, t('hol.bad_line', { n: parsed.bad }))); return; }
    btn.setAttribute('aria-busy', 'true'); btn.disabled = true;
    try {
      await api('POST', `/calendar/${c.year}`, { json: { days_off: parsed.days, legal_reference: ref.value.trim(), note: note.value.trim() } });
      reload(true);
    } catch (err) { msg.append(errorBox(err)); } finally { btn.removeAttribute('aria-busy'); btn.disabled = false; }
  } },
  h('p', { class: 'muted' }, t('hol.amend.help')),
  h('label', null, t('hol.list'), list),
  h('div', { class: 'grid' }, h('label', null, t('hol.legal'), ref), h('label', null, t('hol.note'), note)),
  msg, btn);
  return h('section', { id: 'hol-amend' }, h('h2', null, t('hol.amend')), form);
}

export async function holidaysPage({ main, query, alive }) {
  const year = Number(query.get('tahun')) || thisYear();
  const input = h('input', { type: 'number', id: 'hol-year', min: 1900, max: 9999, value: String(year) });
  const box = h('div', { id: 'hol-box' }, loading());
  main.append(title(t('hol.title')), h('p', { class: 'muted' }, t('hol.intro')),
    h('form', { id: 'hol-year-form', class: 'inline', onsubmit: (e) => {
      e.preventDefault();
      location.hash = `#/hari-libur${qs({ tahun: input.value })}`;
    } }, h('label', null, t('hol.year'), input), h('button', { type: 'submit', id: 'hol-show' }, t('hol.show'))),
    box);
  const load = async (saved) => {
    const [c, v] = await Promise.all([api('GET', `/calendar${qs({ year })}`), api('GET', `/calendar/${year}/versions`)]);
    if (!alive()) return;
    fill(box, saved ? h('div', { role: 'status', class: 'alert ok', id: 'hol-saved' }, t('hol.saved', { v: c.version })) : null,
      summary(c),
      h('div', { class: 'grid' },
        h('section', null, h('h2', null, t('hol.days')), daysTable(c)),
        h('section', null, h('h2', null, t('hol.months')), monthsTable(c))),
      h('h2', null, t('hol.versions')), versionsTable(v),
      isAdmin() ? amendForm(c, (ok) => load(ok)) : null);
  };
  await load(false);
}
