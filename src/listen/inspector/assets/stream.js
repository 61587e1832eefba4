// The live event stream. The stream is opened before the list is fetched, so nothing that
// arrives in between is missed; an event for a known id replaces it (nothing twice). A stream
// the server closes is reopened by EventSource itself with Last-Event-ID; one that fails for
// good (say, 503: too many streams) is reopened here after a pause, naming the last event seen
// (?last=), and the gap is filled from the API with ?after=. Event ids name the listener's run:
// after a restart of the listener, the server answers an id of the run before with a reset.

import { api, root } from './api.js';
import { state, upsert, trim, clear, changed } from './state.js';

let source = null;
let retryTimer = null;
let pending = Promise.resolve();  // coalesced ranges, fetched in order
let lastEventId = '';

function keep() { return (state.info && state.info.keep) || 1000; }

const FIRST = 100;

function ingest(result) {
  if (!result.ok || !Array.isArray(result.data)) return false;
  for (const d of result.data) if (!state.byId.has(d.id)) upsert(d);
  trim(keep());
  changed();
  return true;
}

const PAGE = 1000;
const pause = () => new Promise((resolve) => setTimeout(resolve, 0));

// The newest hundred first, so the first rows show at once; then all that is kept, oldest
// first a thousand at a time, so the page stays responsive while ten thousand arrive.
async function loadAll() {
  const n = Math.min(FIRST, keep());
  const first = await api.deliveries(undefined, n);
  if (!ingest(first)) return false;
  if (first.data.length < n) return true;
  let after = 0;
  for (;;) {
    await pause();
    const page = await api.deliveries(after, PAGE);
    if (!ingest(page) || page.data.length === 0) break;
    after = page.data[page.data.length - 1].id;
    if (page.data.length < PAGE) break;
  }
  return true;
}

async function loadAfter() {
  let newest = 0;
  for (const id of state.byId.keys()) newest = Math.max(newest, id);
  const result = await api.deliveries(newest, keep());
  if (result.ok && Array.isArray(result.data)) {
    for (const d of result.data) upsert(d);
    trim(keep());
    changed();
  }
}

function setConnection(text) {
  state.connection = text;
  changed();
}

export function start() {
  open(true);
}

function open(first) {
  clearTimeout(retryTimer);
  const last = first || !lastEventId ? '' : `?last=${encodeURIComponent(lastEventId)}`;
  source = new EventSource(root + 'events' + last, { withCredentials: true });
  let loaded = false;
  // A stream that cannot open still leaves the list to show.
  setTimeout(() => {
    if (!loaded) { loaded = true; (first ? loadAll() : loadAfter()).catch(() => {}); }
  }, 1500);
  source.addEventListener('open', () => {
    setConnection('live');
    if (!loaded) {
      loaded = true;
      (first ? loadAll() : loadAfter()).catch(() => {});
    }
  });
  const seen = (event) => { if (event.lastEventId) lastEventId = event.lastEventId; };
  source.addEventListener('delivery', (event) => {
    seen(event);
    let d;
    try { d = JSON.parse(event.data); } catch { return; }
    upsert(d);
    trim(keep());
    changed();
  });
  // Under load the server sends a few deliveries in full and announces the rest of each
  // tenth of a second as one range, fetched here one range after another.
  source.addEventListener('coalesced', (event) => {
    seen(event);
    let range;
    try { range = JSON.parse(event.data); } catch { return; }
    if (!Number.isInteger(range.after) || !Number.isInteger(range.count) || range.count <= 0) return;
    pending = pending.then(() => api.deliveries(range.after, range.count)).then(ingest).catch(() => {});
  });
  source.addEventListener('reset', (event) => {
    seen(event);
    clear();
    loadAll().catch(() => {});
  });
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) {
      setConnection('offline, retrying');
      source.close();
      retryTimer = setTimeout(() => open(false), 2000);
    } else {
      setConnection('reconnecting');
      loaded = true;  // EventSource resumes with Last-Event-ID; nothing to refetch
    }
  });
}
