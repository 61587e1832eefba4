// The one state store: every delivery the page knows, grouped by body (a platform retry is
// the same body again), the filters, the route. Views subscribe and re-render on change.

const listeners = new Set();
let scheduled = false;

export const state = {
  info: null,
  byId: new Map(),      // delivery id -> delivery object as the API gives it
  groups: new Map(),    // first_id -> {id, attempts: [delivery...], last}
  order: [],            // groups, newest activity first (rebuilt lazily)
  orderDirty: true,
  filters: { q: '', action: '', verdict: '', answer: '' },
  route: { view: 'list', id: null, other: null },
  selected: null,       // group id under the cursor
  connection: 'connecting',
  actions: new Set(),
};

export function subscribe(fn) { listeners.add(fn); return () => listeners.delete(fn); }

// Coalesces many changes (a burst of events) into one render per frame.
export function changed() {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(() => {
    scheduled = false;
    for (const fn of listeners) fn(state);
  });
}

export function groupIdOf(d) { return typeof d.first_id === 'number' ? d.first_id : d.id; }

// Adds or replaces one delivery (an event for a known id is a change to it).
export function upsert(d) {
  if (!d || typeof d.id !== 'number') return;
  const old = state.byId.get(d.id);
  state.byId.set(d.id, d);
  if (d.action) state.actions.add(d.action);
  const gid = old ? groupIdOf(old) : groupIdOf(d);
  let group = state.groups.get(gid);
  if (!group) {
    group = { id: gid, attempts: [], last: d };
    state.groups.set(gid, group);
  }
  if (old) {
    const i = group.attempts.findIndex((a) => a.id === d.id);
    if (i >= 0) group.attempts[i] = d; else group.attempts.push(d);
  } else {
    group.attempts.push(d);
    group.attempts.sort((a, b) => a.id - b.id);
  }
  group.last = group.attempts[group.attempts.length - 1];
  group.haystack = null;
  state.orderDirty = true;
}

// Forgets what the server no longer keeps (keeps the newest `keep` deliveries).
// Trims in small batches (1% over the limit, exact below 100), so a full page does not sort
// every id per event.
export function trim(keep) {
  if (state.byId.size <= keep + Math.floor(keep / 100)) return;
  const ids = [...state.byId.keys()].sort((a, b) => a - b);
  for (const id of ids.slice(0, ids.length - keep)) {
    const d = state.byId.get(id);
    state.byId.delete(id);
    const group = state.groups.get(groupIdOf(d));
    if (!group) continue;
    group.attempts = group.attempts.filter((a) => a.id !== id);
    if (group.attempts.length === 0) state.groups.delete(group.id);
    else group.last = group.attempts[group.attempts.length - 1];
  }
  state.orderDirty = true;
}

export function clear() {
  state.byId.clear();
  state.groups.clear();
  state.orderDirty = true;
}

export function answerClass(d) {
  if (d.status === null || d.status === undefined) return 'dropped';
  return `${Math.floor(d.status / 100)}xx`;
}

const jsonness = new WeakMap();

export function isJson(d) {
  if (jsonness.has(d)) return jsonness.get(d);
  // The validator says so in its findings; only a body without findings is parsed here.
  const findings = d.findings || [];
  let ok = false;
  if (typeof d.raw_base64 === 'string' || findings.some((f) => f.code === 'invalid-json')) ok = false;
  else if (findings.length > 0 || d.valid) ok = true;
  else if (typeof d.raw === 'string') {
    try { JSON.parse(d.raw); ok = true; } catch { ok = false; }
  }
  jsonness.set(d, ok);
  return ok;
}

export function verdictOf(d) {
  if (d.valid) return 'valid';
  return isJson(d) ? 'invalid' : 'notjson';
}

function haystackOf(group) {
  if (group.haystack) return group.haystack;
  const parts = [];
  const d = group.last;
  parts.push(d.path || '', d.method || '', d.raw || '', d.action || '', d.spelling || '');
  for (const a of group.attempts) for (const [name, value] of a.headers || []) parts.push(`${name}: ${value}`);
  group.haystack = parts.join('\n').toLowerCase();
  return group.haystack;
}

export function matches(group, f = state.filters) {
  const d = group.last;
  if (f.action && d.action !== f.action) return false;
  if (f.verdict && verdictOf(d) !== f.verdict) return false;
  if (f.answer && answerClass(d) !== f.answer) return false;
  if (f.q) {
    const hay = haystackOf(group);
    for (const word of f.q.toLowerCase().split(/\s+/)) if (word && !hay.includes(word)) return false;
  }
  return true;
}

// Groups that pass the filters, newest activity first.
export function visibleGroups() {
  if (state.orderDirty) {
    state.order = [...state.groups.values()].sort((a, b) => b.last.id - a.last.id);
    state.orderDirty = false;
    state.filteredKey = null;
  }
  const key = JSON.stringify(state.filters);
  if (state.filteredKey !== key) {
    state.filtered = state.order.filter((g) => matches(g));
    state.filteredKey = key;
  }
  return state.filtered;
}

export function groupOfDelivery(id) {
  const d = state.byId.get(id);
  return d ? state.groups.get(groupIdOf(d)) : null;
}
