// CSV import for admin_bkd: units or employees, from a file or pasted text,
// optionally as a dry run. Row errors come back in both languages.
import { h, add, clear } from '../dom.js';
import { t, getLang, fmtNumber } from '../i18n.js';
import { api } from '../api.js';
import { isAdmin, state } from '../state.js';
import { title, errorBox } from '../ui.js';

export const COLUMNS = {
  units: [['kode', 1], ['nama', 1], ['induk_kode', 0], ['jenis', 1], ['layanan_tatap_muka', 0],
    ['lat', 0], ['lon', 0], ['radius_m', 0]],
  employees: [['nip', 1], ['nama', 1], ['jenis_pegawai', 1], ['golongan', 1], ['jabatan', 1],
    ['jenis_jabatan', 1], ['unit_kode', 1], ['atasan_nip', 0], ['tmt_jabatan', 1],
    ['domisili_lat', 0], ['domisili_lon', 0]],
};

const EXAMPLE = {
  units: 'CONTOH.01,Dinas Contoh,,dinas,ya,-6.1754,106.8272,100',
  employees: '198503122010011001,Contoh Pegawai,pns,III/a,Perencana Ahli Muda,fungsional,CONTOH.01,197001011995031002,2020-01-02,,',
};

const MAX_ROWS_SHOWN = 500;

// What the admin typed and the last answer, kept while the app is open so a
// language switch (which re-renders the page) loses nothing.
const draft = { kind: 'units', text: '', dry: true, outcome: null };

export function resetImportDraft() {
  Object.assign(draft, { kind: 'units', text: '', dry: true, outcome: null });
}

export function importPage({ main, query }) {
  if (!isAdmin()) {
    main.append(title(t('import.title')),
      errorBox({ code: 'forbidden', serverMessage: '' }), h('p', null, t('import.forbidden')));
    return;
  }
  const asked = query.get('jenis');
  if (asked === 'employees' || asked === 'units') draft.kind = asked;
  let kind = draft.kind;

  const radios = ['units', 'employees'].map((k) => h('label', null,
    h('input', { type: 'radio', name: 'kind', value: k, checked: k === kind, id: `import-kind-${k}`,
      onchange: () => { kind = draft.kind = k; history.replaceState(null, '', `#/impor?jenis=${k}`); showColumns(); } }),
    t(`import.kind.${k}`)));
  const file = h('input', { type: 'file', id: 'import-file', accept: '.csv,text/csv,text/plain' });
  const text = h('textarea', { id: 'import-text', rows: '6', spellcheck: 'false',
    placeholder: t('import.paste.placeholder'), class: 'mono',
    oninput: () => { draft.text = text.value; } });
  text.value = draft.text;
  const dry = h('input', { type: 'checkbox', id: 'import-dry', role: 'switch', checked: draft.dry,
    onchange: () => { draft.dry = dry.checked; } });
  const btn = h('button', { type: 'submit', id: 'import-submit' }, t('import.submit'));
  const result = h('div', { id: 'import-result', 'aria-live': 'polite' });
  const colsBox = h('div', { id: 'import-columns' });

  function showColumns() {
    clear(colsBox).append(
      h('p', null, h('code', { class: 'header-line' }, COLUMNS[kind].map(([c]) => c).join(','))),
      h('dl', { class: 'cols' }, COLUMNS[kind].map(([c, req]) => [
        h('dt', null, h('code', null, c),
          h('span', { class: req ? 'badge req' : 'badge req opt' }, req ? t('import.required') : t('import.optional'))),
        h('dd', null, t(`col.${c}`))])));
    text.placeholder = `${COLUMNS[kind].map(([c]) => c).join(',')}\n…`;
  }

  function example() {
    text.value = draft.text = `${COLUMNS[kind].map(([c]) => c).join(',')}\n${EXAMPLE[kind]}\n`;
  }

  function showOutcome(o) {
    clear(result);
    if (!o) return;
    if (o.ok) {
      const n = fmtNumber(o.ok.imported ?? 0);
      result.append(h('div', { role: 'status', class: 'alert ok', id: 'import-ok' },
        h('strong', null, o.ok.dry_run ? t('import.ok_dry', { n }) : t('import.ok', { n }))));
      return;
    }
    const e = o.error;
    result.append(errorBox(e));
    if (!e.rows || !e.rows.length) return;
    const en = getLang() === 'en';
    const rows = e.rows.slice(0, MAX_ROWS_SHOWN);
    add(result, [h('h2', null, t('import.errors')),
      h('table', { class: 'rows', id: 'import-errors' },
        h('thead', null, h('tr', null, h('th', { class: 'num' }, t('import.line')),
          h('th', null, t('import.column')), h('th', null, t('import.reason')))),
        h('tbody', null, rows.map((r) => h('tr', { 'data-line': r.line },
          h('td', { 'data-label': t('import.line'), class: 'num' }, String(r.line ?? '')),
          h('td', { 'data-label': t('import.column') }, r.column ? h('code', null, r.column) : t('common.none')),
          h('td', { 'data-label': t('import.reason') },
            (en ? r.message_en || r.message_id : r.message_id || r.message_en) || ''))))),
      e.totalRows > rows.length
        ? h('p', { class: 'muted', id: 'import-more' }, t('import.errors.more', { n: fmtNumber(e.totalRows - rows.length) })) : null]);
  }

  async function submit(ev) {
    ev.preventDefault();
    clear(result);
    draft.outcome = null;
    let body = text.value;
    if (file.files && file.files[0]) body = await file.files[0].text();
    if (!body.trim()) {
      result.append(h('div', { role: 'alert', class: 'alert' }, h('strong', null, t('import.need_data'))));
      return;
    }
    btn.disabled = true;
    btn.setAttribute('aria-busy', 'true');
    try {
      const r = await api('POST', `/import/${kind}${dry.checked ? '?dry_run=true' : ''}`,
        { body, type: 'text/csv' });
      draft.outcome = { ok: r || {} };
      if (kind === 'units' && !r?.dry_run) state.units = null;
    } catch (e) {
      draft.outcome = { error: e };
    } finally {
      btn.disabled = false;
      btn.removeAttribute('aria-busy');
    }
    showOutcome(draft.outcome);
  }

  showColumns();
  showOutcome(draft.outcome);
  main.append(title(t('import.title')), h('p', null, t('import.intro')),
    h('form', { id: 'import-form', onsubmit: submit },
      h('fieldset', null, h('legend', null, t('import.kind')), radios),
      h('label', { for: 'import-file' }, t('import.file')), file,
      h('label', { for: 'import-text' }, t('import.paste')), text,
      h('p', null, h('button', { type: 'button', class: 'secondary outline', id: 'import-example', onclick: example },
        t('import.example'))),
      h('label', null, dry, t('import.dry_run')),
      btn),
    result,
    h('details', { open: true, id: 'import-format' }, h('summary', null, t('import.format')),
      h('p', null, t('import.format.text')), colsBox));
}
