import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { state, go } from '../state.js';
import { errorBox, title } from '../ui.js';

// Kept so that switching language (which re-renders the page) keeps what was typed.
let typedName = '';

export function loginPage({ main }) {
  const msg = h('div', { id: 'login-error', 'aria-live': 'polite' });
  if (state.flash) { msg.append(errorBox(state.flash)); state.flash = null; }
  const user = h('input', { id: 'username', name: 'username', autocomplete: 'username',
    autocapitalize: 'none', spellcheck: 'false', required: true, value: typedName,
    oninput: (e) => { typedName = e.target.value; } });
  const pass = h('input', { id: 'password', name: 'password', type: 'password',
    autocomplete: 'current-password', required: true });
  const btn = h('button', { type: 'submit' }, t('login.submit'));

  async function submit(ev) {
    ev.preventDefault();
    clear(msg);
    const username = user.value.trim();
    if (!username || !pass.value) { msg.append(h('div', { role: 'alert', class: 'alert' }, h('strong', null, t('login.required')))); return; }
    btn.disabled = true;
    btn.setAttribute('aria-busy', 'true');
    try {
      const r = await api('POST', '/session', { json: { username, password: pass.value } });
      state.token = r?.token || null;
      state.user = r?.user || await api('GET', '/me');
      typedName = '';
      const next = state.next;
      state.next = null;
      go(next && next !== '/masuk' ? `#${next}` : '#/unit');
    } catch (e) {
      msg.append(errorBox(e));
      pass.value = '';
      pass.focus();
    } finally {
      btn.disabled = false;
      btn.removeAttribute('aria-busy');
    }
  }

  main.append(h('article', { class: 'login' },
    h('header', null, title(t('login.title')), h('p', null, t('app.tagline')),
      h('p', { class: 'muted' }, t('login.intro'))),
    msg,
    h('form', { onsubmit: submit, novalidate: true },
      h('label', { for: 'username' }, t('login.username')), user,
      h('label', { for: 'password' }, t('login.password')), pass,
      btn)));
  user.focus();
}
