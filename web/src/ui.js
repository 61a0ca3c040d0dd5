// Small shared pieces of page.
import { h } from './dom.js';
import { t, has, getLang } from './i18n.js';

export function errorText(err) {
  const code = err?.code || 'internal';
  if (has(`err.${code}`)) return t(`err.${code}`);
  if (err?.status) return t('err.http', { status: err.status });
  return t('common.error');
}

// The translated text for a known code, and the server's own message.
export function errorBox(err) {
  const text = errorText(err);
  const sm = (getLang() === 'id' && err?.serverMessageId) || err?.serverMessage;
  return h('div', { role: 'alert', class: 'alert', 'data-code': err?.code || 'internal' },
    h('strong', null, text),
    sm && sm !== text ? h('small', { class: 'server-msg' }, `${t('common.server_said')}: ${sm}`) : null);
}

export function loading() {
  return h('p', { 'aria-busy': 'true', class: 'loading' }, t('common.loading'));
}

export function title(text) {
  document.title = `${text} · ${t('app.name')}`;
  return h('h1', { tabindex: '-1' }, text);
}

export function breadcrumb(items) {
  return h('nav', { 'aria-label': t('nav.breadcrumb'), class: 'crumbs' },
    h('ol', null, items.map(([text, href]) =>
      h('li', null, href ? h('a', { href }, text) : h('span', { 'aria-current': 'page' }, text)))));
}

// Two-column facts table: [[label, value], ...]; values may be nodes.
export function facts(rows, id) {
  return h('table', { class: 'facts', id },
    h('tbody', null, rows.filter(Boolean).map(([k, v]) =>
      h('tr', null, h('th', { scope: 'row' }, k), h('td', null, v ?? t('common.none'))))));
}

export function badge(text, cls = '') {
  return h('span', { class: `badge ${cls}`.trim() }, text);
}

export function esc(s) { return encodeURIComponent(s); }
