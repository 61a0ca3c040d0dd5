// The unit tree: collapsible, children built only when first opened (a full
// province is ~3,000 units), and a filter by name or code that lists matches
// with their parent chain.
import { h, add, clear, debounce } from '../dom.js';
import { t, label, fmtNumber } from '../i18n.js';
import { unitIndex } from '../state.js';
import { title, loading, badge, esc } from '../ui.js';

const MAX_MATCHES = 100;

export function unitSummary(u, extra) {
  return h('div', { class: 'tree-body' },
    h('a', { href: `#/unit/${esc(u.code)}`, class: 'unit-link' }, u.name), ' ',
    h('span', { class: 'meta' },
      h('small', { class: 'kind' }, label('kind', u.kind)), ' ',
      u.face_to_face ? badge(t('unit.f2f.short'), 'f2f') : null, ' ',
      h('small', { class: 'count' }, t('unit.employees_n', { n: fmtNumber(u.employees ?? 0) }))),
    extra || null);
}

function node(u, open) {
  const kids = u.children || [];
  const li = h('li', { 'data-code': u.code });
  let ul = null;
  let toggle = h('span', { class: 'tree-leaf', 'aria-hidden': 'true' }, '•');
  if (kids.length) {
    toggle = h('button', { type: 'button', class: 'tree-toggle', 'aria-expanded': 'false',
      'aria-label': t('units.expand', { name: u.name }) }, '▸');
    const set = (isOpen) => {
      if (isOpen && !ul) { ul = h('ul', null, kids.map((c) => node(c, false))); li.append(ul); }
      if (ul) ul.hidden = !isOpen;
      toggle.setAttribute('aria-expanded', String(isOpen));
      toggle.setAttribute('aria-label', t(isOpen ? 'units.collapse' : 'units.expand', { name: u.name }));
      toggle.textContent = isOpen ? '▾' : '▸';
    };
    toggle.addEventListener('click', () => set(toggle.getAttribute('aria-expanded') !== 'true'));
    if (open) queueMicrotask(() => set(true));
  }
  li.append(h('div', { class: 'tree-row' }, toggle, unitSummary(u)));
  return li;
}

export async function unitsPage({ main, query, alive }) {
  const heading = title(t('units.title'));
  main.append(heading, loading());
  const idx = await unitIndex();
  if (!alive()) return;
  clear(main);

  const q0 = query.get('q') || '';
  const input = h('input', { type: 'search', id: 'unit-filter', name: 'q', value: q0,
    placeholder: t('units.filter.placeholder'), 'aria-label': t('units.filter'), autocomplete: 'off' });
  const status = h('p', { class: 'muted', id: 'unit-status', 'aria-live': 'polite' });
  const tree = h('ul', { class: 'tree', id: 'unit-tree' });
  const results = h('ul', { class: 'tree matches', id: 'unit-matches', hidden: true });

  // Open the top level (and a lone root's children) so the tree says something at once.
  const openRoots = idx.roots.length <= 3;
  tree.append(...idx.roots.map((u) => node(u, openRoots)));

  function pathText(u) {
    const names = [];
    for (let p = idx.parentOf.get(u.code); p; p = idx.parentOf.get(p.code)) names.unshift(p.name);
    return names.join(' › ');
  }

  function apply() {
    const q = input.value.trim().toLowerCase();
    const url = `#/unit${q ? `?q=${encodeURIComponent(input.value.trim())}` : ''}`;
    if (location.hash !== url) history.replaceState(null, '', url);
    clear(results);
    if (!q) {
      results.hidden = true;
      tree.hidden = false;
      status.textContent = t('units.count', { n: fmtNumber(idx.flat.length) });
      return;
    }
    const hits = [];
    let n = 0;
    for (const f of idx.flat) {
      if (f.lname.includes(q) || f.lcode.startsWith(q)) {
        n++;
        if (hits.length < MAX_MATCHES) hits.push(f.u);
      }
    }
    tree.hidden = true;
    results.hidden = false;
    status.textContent = n === 0 ? t('units.no_match')
      : n > hits.length ? t('units.matches.capped', { n: fmtNumber(n), shown: hits.length })
        : t('units.matches', { n: fmtNumber(n) });
    results.append(...hits.map((u) => {
      const p = pathText(u);
      return h('li', { 'data-code': u.code },
        h('div', { class: 'tree-row' }, unitSummary(u, p ? h('small', { class: 'path' }, p) : null)));
    }));
  }

  input.addEventListener('input', debounce(apply, 150));
  add(main, [heading,
    h('form', { role: 'search', onsubmit: (e) => { e.preventDefault(); apply(); } }, input),
    status,
    idx.roots.length ? null : h('p', null, t('units.empty')),
    tree, results]);
  apply();
}
