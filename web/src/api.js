// JSON over fetch. The session lives in an HttpOnly cookie set by the server,
// so every request goes with credentials 'same-origin'; nothing is stored in
// localStorage. Errors become ApiError with the server's code and message.

export class ApiError extends Error {
  constructor(status, body) {
    const e = (body && body.error) || {};
    super(e.message || `HTTP ${status}`);
    this.status = status;
    this.code = e.code || (status === 0 ? 'network' : `http_${status}`);
    this.field = e.field ?? null;
    this.rows = Array.isArray(body?.rows) ? body.rows : null;
    this.totalRows = typeof body?.total_problems === 'number' ? body.total_problems : (this.rows ? this.rows.length : 0);
    // A refused plan or rotation edit names each broken rule (issue 4).
    this.violations = Array.isArray(body?.violations) ? body.violations : [];
    this.serverMessage = e.message || '';     // English
    this.serverMessageId = e.message_id || ''; // Indonesian, when the server gives it
  }
}

let onUnauthorized = null;
export function setUnauthorizedHandler(fn) { onUnauthorized = fn; }

export async function api(method, path, { json, body, type } = {}) {
  const headers = { accept: 'application/json' };
  let payload;
  if (json !== undefined) { headers['content-type'] = 'application/json'; payload = JSON.stringify(json); }
  else if (body !== undefined) { headers['content-type'] = type || 'text/plain'; payload = body; }
  let r;
  try {
    r = await fetch(`/api/v1${path}`, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, null);
  }
  if (r.status === 204) return null;
  let data = null;
  try { data = await r.json(); } catch { /* empty or not JSON */ }
  if (!r.ok) {
    const err = new ApiError(r.status, data);
    // A 401 anywhere but the login call itself means the session is gone.
    if (r.status === 401 && path !== '/session' && onUnauthorized) onUnauthorized(err);
    throw err;
  }
  return data;
}

export function qs(params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v != null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
