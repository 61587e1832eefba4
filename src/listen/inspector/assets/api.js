// The page's calls to flowhook's API (same origin; the token travels as the HttpOnly cookie
// the start-up URL set, and the browser adds Origin to every POST).

export const root = '/_flowhook/';

async function call(method, path, body) {
  const init = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(root + path, init);
  let data = null;
  const text = await response.text();
  try { data = text ? JSON.parse(text) : null; } catch { data = { error: text.slice(0, 200) }; }
  return { ok: response.ok, status: response.status, data };
}

export const api = {
  info: () => call('GET', 'api/info'),
  deliveries: (after, limit) => {
    const q = new URLSearchParams();
    if (after !== undefined && after !== null) q.set('after', String(after));
    if (limit) q.set('limit', String(limit));
    const s = q.toString();
    return call('GET', 'api/deliveries' + (s ? '?' + s : ''));
  },
  delivery: (id) => call('GET', `api/deliveries/${encodeURIComponent(id)}`),
  replay: (id, options) => call('POST', `api/deliveries/${encodeURIComponent(id)}/replay`, options),
  validate: (body) => call('POST', 'api/validate', { body }),
  respond: (script) => call('POST', 'api/respond', { script }),
};

export function errorText(result) {
  const text = result.data && typeof result.data.error === 'string' ? `${result.status}: ${result.data.error}` : `HTTP ${result.status}`;
  // Cookies ignore the port: another flowhook's page on this host may have replaced the token.
  return result.status === 401 ? `${text} (open the inspector URL that flowhook printed again)` : text;
}
