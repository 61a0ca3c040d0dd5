// Session state, kept in memory only.
import { api } from './api.js';

export const state = {
  user: null,     // the /me object, or null when logged out
  token: null,    // returned by POST /session; the cookie does the work
  next: null,     // where to go after logging in
  flash: null,    // an error to show on the next page (e.g. session ended)
  units: null,    // Promise of the unit index, loaded once per session
};

export const hasRole = (r) => !!state.user && (state.user.roles || []).includes(r);
export const isAdmin = () => hasRole('admin_bkd');

export function go(hash) {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}

// The visible unit tree, fetched once and indexed: byCode, parent links, a flat
// list in tree order with depth.
export function unitIndex() {
  if (!state.units) {
    state.units = api('GET', '/units').then((r) => {
      const roots = r.items || [];
      const byCode = new Map();
      const parentOf = new Map();
      const flat = [];
      const walk = (u, parent, depth) => {
        byCode.set(u.code, u);
        parentOf.set(u.code, parent);
        flat.push({ u, depth, lname: (u.name || '').toLowerCase(), lcode: String(u.code).toLowerCase() });
        for (const c of u.children || []) walk(c, u, depth + 1);
      };
      for (const u of roots) walk(u, null, 0);
      return { roots, byCode, parentOf, flat };
    });
    state.units.catch(() => { state.units = null; });
  }
  return state.units;
}

export function resetSession() {
  state.user = null;
  state.token = null;
  state.units = null;
}
