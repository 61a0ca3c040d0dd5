// Admin BKD: flexible-work policy versions and position duty profiles. Every
// change is previewed with POST /eligibility/what-if (per unit: how many would
// change from eligible to not and back) before it can be saved.
import { h, clear, fill, debounce } from '../dom.js';
import { t, label, fmtDate, fmtNumber } from '../i18n.js';
import { api, qs } from '../api.js';
import { isAdmin, go } from '../state.js';
import { title, loading, errorBox, facts, badge } from '../ui.js';
import { today } from './eligibility.js';

const KINDS = ['wfh', 'wfa', 'kantor_lain', 'shift', 'dinamis'];
const CRITERIA = ['outside_office', 'no_special_equipment', 'ict_possible', 'minimal_face_to_face', 'no_continuous_supervision'];
const FAMILIES = ['medis', 'pendidikan', 'pemadam_kebakaran', 'ketertiban_keamanan', 'layanan_tatap_muka',
  'kesekretariatan', 'perencanaan', 'penelitian_pengembangan', 'analisis_kebijakan', 'teknologi_informasi',
  'keuangan', 'kepegawaian', 'kearsipan', 'hukum', 'teknis_lapangan', 'manajerial', 'lainnya'];

const n = (x) => fmtNumber(x ?? 0);
const modesText = (m) => (m || []).map((k) => t(`mode.short.${k}`)).join(', ') || t('common.none');
const perMode = (o) => KINDS.filter((k) => o[k]).map((k) => `${t(`mode.short.${k}`)} ${n(o[k])}`).join(', ') || '0';

function forbidden(main) {
  main.append(h('div', { role: 'alert', class: 'alert' }, t('err.forbidden')));
}

// The what-if answer: totals per mode and the units that change.
export function whatIfView(w) {
  const changed = (w.sub_units || []).filter((u) => u.changed > 0).sort((a, b) => b.changed - a.changed);
  return h('section', { id: 'whatif', 'data-changed': String(w.changed) },
    h('h2', null, t('whatif.title')),
    h('p', { id: 'whatif-summary' }, t('whatif.summary', { total: n(w.total), changed: n(w.changed), date: fmtDate(w.date) })),
    h('table', { class: 'rows', id: 'whatif-totals' },
      h('thead', null, h('tr', null, h('th', null, t('team.mode')), h('th', { class: 'num' }, t('whatif.down')),
        h('th', { class: 'num' }, t('whatif.up')))),
      h('tbody', null, KINDS.map((k) => h('tr', { 'data-mode': k },
        h('td', { 'data-label': t('team.mode') }, label('mode', k)),
        h('td', { 'data-label': t('whatif.down'), class: 'num down' }, n(w.to_not_eligible[k])),
        h('td', { 'data-label': t('whatif.up'), class: 'num up' }, n(w.to_eligible[k])))))),
    h('h3', null, t('whatif.units')),
    changed.length ? h('table', { class: 'rows', id: 'whatif-units' },
      h('thead', null, h('tr', null, h('th', null, t('team.subunit')), h('th', { class: 'num' }, t('whatif.changed')),
        h('th', null, t('whatif.down')), h('th', null, t('whatif.up')))),
      h('tbody', null, changed.map((u) => h('tr', { 'data-code': u.unit.code },
        h('td', { 'data-label': t('team.subunit') }, u.unit.name),
        h('td', { 'data-label': t('whatif.changed'), class: 'num' }, `${n(u.changed)} / ${n(u.total)}`),
        h('td', { 'data-label': t('whatif.down') }, perMode(u.to_not_eligible)),
        h('td', { 'data-label': t('whatif.up') }, perMode(u.to_eligible))))))
      : h('p', { class: 'muted', id: 'whatif-units' }, t('whatif.no_change')));
}

// A preview-then-save pair of buttons: saving is enabled only after a
// preview of exactly the values now in the form.
function previewSave({ form, collect, preview, save, ids }) {
  const out = h('div', { id: ids.out, 'aria-live': 'polite' });
  const msg = h('div', { id: ids.msg, 'aria-live': 'polite' });
  const pBtn = h('button', { type: 'button', id: ids.preview, class: 'secondary' }, t('policy.preview'));
  const sBtn = h('button', { type: 'submit', id: ids.save, disabled: true }, t(ids.saveKey || 'policy.save'));
  let previewed = null;
  const busy = (b, on) => { b.disabled = on; if (on) b.setAttribute('aria-busy', 'true'); else b.removeAttribute('aria-busy'); };
  const invalidate = () => {
    if (previewed !== null && JSON.stringify(collect()) !== previewed) { previewed = null; sBtn.disabled = true; }
  };
  form.addEventListener('input', invalidate);
  form.addEventListener('change', invalidate);
  pBtn.addEventListener('click', async () => {
    clear(msg); clear(out);
    const v = collect();
    busy(pBtn, true);
    try {
      out.append(whatIfView(await preview(v)));
      previewed = JSON.stringify(v);
      sBtn.disabled = false;
    } catch (e) { msg.append(errorBox(e)); } finally { busy(pBtn, false); }
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = collect();
    if (JSON.stringify(v) !== previewed) { sBtn.disabled = true; return; }
    clear(msg);
    busy(sBtn, true);
    try {
      const note = await save(v);
      previewed = null;
      if (note) msg.append(h('div', { role: 'status', class: 'alert ok' }, note));
    } catch (err) { msg.append(errorBox(err)); sBtn.disabled = false; } finally { sBtn.removeAttribute('aria-busy'); if (previewed === null) sBtn.disabled = true; }
  });
  return { buttons: h('div', { class: 'actions' }, pBtn, sBtn, h('small', { class: 'muted block' }, t('policy.need_preview'))), out, msg };
}

const check = (id, name, value, checked, text) => h('label', { class: 'check' },
  h('input', { type: 'checkbox', id, name, value, checked: !!checked }), text);

// #/kebijakan
let savedNote = null;
export async function policyPage({ main, alive }) {
  main.append(title(t('policy.title')));
  if (!isAdmin()) return forbidden(main);
  const box = h('div', null, loading());
  main.append(box);
  const r = await api('GET', '/eligibility/policies');
  if (!alive()) return;
  const items = r.items || [];
  const flash = savedNote ? h('div', { role: 'status', class: 'alert ok', id: 'policy-saved' }, savedNote) : null;
  savedNote = null;
  const td = today();
  const cur = items.find((p) => p.valid_from <= td) || r.builtin_default;
  const latest = items[0] || r.builtin_default;
  const overrides = (latest.unit_overrides || []).map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null)));

  const num = (id, name, min, max, v) => h('input', { type: 'number', id, name, min, max, step: 1, value: String(v), required: true, inputmode: 'numeric' });
  const from = h('input', { type: 'date', id: 'pol-from', name: 'valid_from', min: td, value: td, required: true });
  const enabled = h('input', { type: 'checkbox', id: 'pol-enabled', name: 'flexible_work_enabled', role: 'switch', checked: latest.flexible_work_enabled });
  const days = num('pol-days', 'max_remote_days_per_week', 0, 5, latest.max_remote_days_per_week);
  const share = num('pol-share', 'max_share_away_pct', 0, 100, latest.max_share_away_pct);
  const months = num('pol-months', 'new_employee_months', 0, 120, latest.new_employee_months);
  const ref = h('input', { type: 'text', id: 'pol-ref', name: 'legal_reference', value: latest.legal_reference || 'Permen PANRB 4/2025', maxlength: 300 });
  const note = h('textarea', { id: 'pol-note', name: 'note', rows: 2, maxlength: 1000 });
  const form = h('form', { id: 'policy-form', novalidate: true });
  const collect = () => ({
    flexible_work_enabled: enabled.checked,
    modes: KINDS.filter((k) => form.querySelector(`#pol-mode-${k}`).checked),
    max_remote_days_per_week: parseInt(days.value, 10) || 0,
    max_share_away_pct: parseInt(share.value, 10) || 0,
    new_employee_months: parseInt(months.value, 10) || 0,
    legal_reference: ref.value.trim() || 'Permen PANRB 4/2025',
    unit_overrides: overrides,
    valid_from: from.value,
  });
  const ps = previewSave({
    form, collect,
    ids: { out: 'policy-whatif', msg: 'policy-msg', preview: 'policy-preview', save: 'policy-save' },
    preview: (v) => {
      const { valid_from: date, ...policy } = v;
      return api('POST', '/eligibility/what-if', { json: { date, policy } });
    },
    save: async (v) => {
      const res = await api('POST', '/eligibility/policies', { json: { ...v, note: note.value.trim() || undefined } });
      savedNote = t('policy.saved', { v: res.version, from: fmtDate(res.valid_from) });
      go(location.hash); // show the new version in the list
      return null;
    },
  });
  fill(form,
    h('div', { class: 'grid' }, h('label', null, t('policy.valid_from'), from), h('label', null, t('policy.legal_reference'), ref)),
    h('label', { class: 'check' }, enabled, t('policy.enabled')),
    h('fieldset', { id: 'pol-modes' }, h('legend', null, t('policy.modes')),
      KINDS.map((k) => check(`pol-mode-${k}`, 'modes', k, latest.modes.includes(k), label('mode', k)))),
    h('div', { class: 'grid' }, h('label', null, t('policy.max_days'), days), h('label', null, t('policy.max_share'), share),
      h('label', null, t('policy.new_months'), months)),
    h('label', null, t('policy.note'), note),
    overrides.length ? h('p', { class: 'muted' }, t('policy.overrides', { n: overrides.length })) : null,
    ps.buttons);

  const row = (p) => h('tr', { 'data-version': String(p.version) },
    h('td', { 'data-label': t('policy.version') }, String(p.version)),
    h('td', { 'data-label': t('policy.valid_from') }, fmtDate(p.valid_from)),
    h('td', { 'data-label': t('policy.modes') }, p.flexible_work_enabled ? modesText(p.modes) : badge(t('common.no'), 'off')),
    h('td', { 'data-label': t('policy.max_days'), class: 'num' }, String(p.max_remote_days_per_week)),
    h('td', { 'data-label': t('policy.by') }, p.created_by || t('policy.builtin')));
  fill(box, flash,
    h('h2', null, t('policy.current')),
    facts([
      [t('policy.version'), cur.version ? String(cur.version) : `0 (${t('policy.builtin')})`],
      [t('policy.valid_from'), fmtDate(cur.valid_from)],
      [t('policy.enabled'), cur.flexible_work_enabled ? t('common.yes') : t('common.no')],
      [t('policy.modes'), modesText(cur.modes)],
      [t('policy.max_days'), String(cur.max_remote_days_per_week)],
      [t('policy.max_share'), `${cur.max_share_away_pct}%`],
      [t('policy.new_months'), String(cur.new_employee_months)],
      [t('policy.legal_reference'), cur.legal_reference],
    ], 'policy-current'),
    h('h2', null, t('policy.new')), form, ps.msg, ps.out,
    h('h2', null, t('policy.versions')),
    h('table', { class: 'rows', id: 'policy-versions' },
      h('thead', null, h('tr', null, ['policy.version', 'policy.valid_from', 'policy.modes', 'policy.max_days', 'policy.by']
        .map((k) => h('th', null, t(k))))),
      h('tbody', null, [...items, r.builtin_default].map(row))));
}

function profileForm(p, done) {
  const fam = h('select', { id: 'prof-family', name: 'family' },
    FAMILIES.map((f) => h('option', { value: f, selected: f === p.family }, label('family', f))));
  const unit = h('input', { type: 'text', id: 'prof-unit', name: 'unit', autocapitalize: 'characters', autocomplete: 'off' });
  const reason = h('textarea', { id: 'prof-reason', name: 'reason', rows: 2, minlength: 5, maxlength: 2000, required: true });
  const form = h('form', { id: 'profile-form', novalidate: true, 'data-id': String(p.id) });
  const collect = () => ({
    family: fam.value,
    criteria: Object.fromEntries(CRITERIA.map((c) => [c, form.querySelector(`#prof-${c}`).checked])),
    time: { shift: form.querySelector('#prof-shift').checked, dinamis: form.querySelector('#prof-dinamis').checked },
    unit: unit.value.trim() || undefined,
  });
  const ps = previewSave({
    form, collect,
    ids: { out: 'profile-whatif', msg: 'profile-msg', preview: 'profile-preview', save: 'profile-save' },
    preview: (v) => api('POST', '/eligibility/what-if', { json: { profile: { position_id: p.id, ...v } } }),
    save: async (v) => {
      if (reason.value.trim().length < 5) throw Object.assign(new Error('reason'), { code: 'missing_field' });
      await api('PUT', `/eligibility/positions/${p.id}/profile`, { json: { ...v, reason: reason.value.trim() } });
      done?.();
      return t('prof.saved', { name: p.name });
    },
  });
  form.append(
    h('label', null, t('prof.family'), fam),
    h('fieldset', null, h('legend', null, t('prof.criteria')),
      CRITERIA.map((c) => check(`prof-${c}`, 'criteria', c, p.criteria[c], t(`crit.${c}`)))),
    h('fieldset', null, h('legend', null, t('prof.time')),
      check('prof-shift', 'time', 'shift', p.time.shift, label('mode', 'shift')),
      check('prof-dinamis', 'time', 'dinamis', p.time.dinamis, label('mode', 'dinamis'))),
    h('label', null, t('prof.unit'), unit),
    h('label', null, t('prof.reason'), reason),
    ps.buttons);
  return h('section', { id: 'profile-edit' }, h('h2', null, t('prof.form', { name: p.name })), form, ps.msg, ps.out);
}

// #/profil-jabatan?q=…
export async function profilesPage({ main, query, alive }) {
  main.append(title(t('prof.title')));
  if (!isAdmin()) return forbidden(main);
  const q = query.get('q') || '';
  const only = query.get('belum') === '1';
  const qIn = h('input', { type: 'search', id: 'prof-q', name: 'q', value: q, placeholder: t('prof.search.placeholder'), autocomplete: 'off' });
  const onlyIn = h('input', { type: 'checkbox', id: 'prof-only', checked: only });
  const edit = h('div', { id: 'profile-slot' });
  const out = h('div', { id: 'prof-results' }, loading());
  let seq = 0;
  // Searching redraws the list only (the hash is replaced without a reload),
  // so an open correction form stays.
  const load = async () => {
    const my = ++seq;
    const cq = qIn.value.trim();
    const conly = onlyIn.checked;
    history.replaceState(null, '', `#/profil-jabatan${qs({ q: cq, belum: conly ? '1' : '' })}`);
    try {
      const r = await api('GET', `/eligibility/positions${qs({ q: cq, unclassified: conly ? 'true' : '' })}`);
      if (!alive() || my !== seq) return;
      results(r);
      out.dataset.q = cq;
    } catch (e) { if (alive() && my === seq && e.status !== 401) fill(out, errorBox(e)); }
  };
  qIn.addEventListener('input', debounce(load, 300));
  onlyIn.addEventListener('change', load);
  main.append(h('p', { class: 'muted' }, t('prof.intro')),
    h('form', { role: 'search', onsubmit: (e) => { e.preventDefault(); load(); } },
      h('label', null, t('prof.search'), qIn), h('label', { class: 'check' }, onlyIn, t('prof.only_unclassified'))),
    edit, out);
  const critText = (p) => CRITERIA.filter((c) => p.criteria[c]).length;
  const results = (r) => {
    const shown = r.items.slice(0, 200);
    fill(out,
      h('p', { id: 'prof-stats' }, t('prof.stats', { classified: n(r.classified), positions: n(r.positions) })),
      r.items.length > shown.length ? h('p', { class: 'muted' }, t('prof.more', { shown: shown.length, n: r.items.length })) : null,
      shown.length ? h('table', { class: 'rows', id: 'prof-table' },
        h('thead', null, h('tr', null, ['prof.name', 'prof.family', 'prof.criteria', 'prof.employees'].map((k) => h('th', null, t(k))), h('th', null, ''))),
        h('tbody', null, shown.map((p) => h('tr', { 'data-id': String(p.id) },
          h('td', { 'data-label': t('prof.name') }, p.name, p.unclassified ? [' ', badge(t('elig.profile.unclassified'), 'off')] : null),
          h('td', { 'data-label': t('prof.family') }, label('family', p.family)),
          h('td', { 'data-label': t('prof.criteria') }, `${critText(p)}/5`),
          h('td', { 'data-label': t('prof.employees'), class: 'num' }, n(p.employees)),
          h('td', null, h('button', { type: 'button', class: 'secondary outline small edit', onclick: () => {
            fill(edit, profileForm(p));
            edit.querySelector('h2').scrollIntoView();
          } }, t('prof.edit')))))))
        : h('p', { class: 'muted' }, t('prof.none')));
  };
  await load();
}

