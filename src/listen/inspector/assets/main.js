// The inspector page: wires the store, the stream, the views and the URL together.
// Route and filters live in the hash: #/ , #/deliveries/ID , #/compare/A/B , then ?q=&action=&verdict=&answer=

import { el, clearNode } from './dom.js';
import { state, subscribe, changed } from './state.js';
import { api, errorText } from './api.js';
import { start } from './stream.js';
import { initList, renderList } from './list.js';
import { renderDetail, forgetShown } from './detail.js';
import { renderCompare } from './compare.js';
import { renderOverview, renderChart } from './overview.js';
import { initKeys } from './keys.js';

const FILTERS = ['q', 'action', 'verdict', 'answer'];
const $ = (id) => document.getElementById(id);

function readHash() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = hash.split('?');
  const params = new URLSearchParams(query);
  for (const key of FILTERS) state.filters[key] = params.get(key) || '';
  let m;
  if ((m = /^\/deliveries\/(\d+)$/.exec(path))) state.route = { view: 'detail', id: Number(m[1]) };
  else if ((m = /^\/compare\/(\d+)\/(\d+)$/.exec(path))) state.route = { view: 'compare', id: Number(m[1]), other: Number(m[2]) };
  else state.route = { view: 'list' };
  if (state.route.view === 'detail') {
    const d = state.byId.get(state.route.id);
    if (d) state.selected = d.first_id ?? d.id;
  }
  $('search').value = state.filters.q;
  $('filter-action').value = state.filters.action;
  $('filter-verdict').value = state.filters.verdict;
  $('filter-answer').value = state.filters.answer;
  changed();
}

function writeFilters() {
  const params = new URLSearchParams();
  for (const key of FILTERS) if (state.filters[key]) params.set(key, state.filters[key]);
  const hash = location.hash.replace(/^#/, '') || '/';
  const path = hash.split('?')[0];
  const query = params.toString();
  history.replaceState(null, '', `#${path}${query ? '?' + query : ''}`);
  changed();
}

function syncActions() {
  const select = $('filter-action');
  const have = new Set([...select.options].map((o) => o.value));
  const wanted = [...state.actions];
  if (state.filters.action) wanted.push(state.filters.action);
  for (const action of wanted.sort()) {
    if (!have.has(action)) { select.append(el('option', { value: action, text: action })); have.add(action); }
  }
  select.value = state.filters.action;
}

function render() {
  syncActions();
  renderList();
  const side = $('side');
  document.body.classList.toggle('has-side', state.route.view !== 'list');
  if (state.route.view === 'detail') renderDetail(side, state.route.id);
  else if (state.route.view === 'compare') renderCompare(side, state.route.id, state.route.other);
  else { clearNode(side); forgetShown(); }
  const c = $('connection');
  c.textContent = state.connection;
  c.className = `connection ${state.connection === 'live' ? 'live' : 'down'}`;
}

// At most twice a second, and always once after the last change: a change that comes too soon
// is drawn when its half second is up, or the counts would stay stale once deliveries stop.
let overviewDue = 0;
let overviewTimer = null;
function renderOverviewSometimes() {
  const now = Date.now();
  if (now < overviewDue) {
    overviewTimer ??= setTimeout(() => { overviewTimer = null; renderOverviewSometimes(); }, overviewDue - now);
    return;
  }
  overviewDue = now + 500;
  renderOverview();
}

function initFilters() {
  let typing = null;
  $('search').addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => { state.filters.q = $('search').value.trim(); writeFilters(); }, 120);
  });
  $('search').addEventListener('search', () => { state.filters.q = $('search').value.trim(); writeFilters(); });
  for (const [id, key] of [['filter-action', 'action'], ['filter-verdict', 'verdict'], ['filter-answer', 'answer']]) {
    $(id).addEventListener('change', () => { state.filters[key] = $(id).value; writeFilters(); });
  }
  window.addEventListener('flowhook-filter', (event) => { Object.assign(state.filters, event.detail); writeFilters(); readHash(); });
}

function initRespond() {
  const form = $('respond');
  const input = $('respond-script');
  const note = $('respond-note');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    note.textContent = 'setting...';
    try {
      const typed = input.value.trim();
      const result = await api.respond(typed);
      if (result.ok) {
        // A single status is not a script to the server (respond: null), yet it is the answer now.
        const plain = typed === '' || typed === '200';
        const now = (result.data && result.data.respond) || (plain ? null : typed);
        note.textContent = now ? `now: ${now}` : 'now: plain answer';
        note.className = 'note ok';
        if (state.info) state.info.respond = now ?? null;
      } else {
        note.textContent = errorText(result);
        note.className = 'note error';
      }
    } catch (e) {
      note.textContent = String(e);
      note.className = 'note error';
    }
  });
}

async function loadInfo() {
  try {
    const result = await api.info();
    if (result.ok && result.data) {
      state.info = result.data;
      if (result.data.respond) $('respond-script').value = result.data.respond;
      document.title = `flowhook inspector ${result.data.listen_url || ''}`;
    }
  } catch { /* the list still loads */ }
}

async function main() {
  initList();
  initKeys();
  initFilters();
  initRespond();
  subscribe(render);
  subscribe(renderOverviewSometimes);
  window.addEventListener('hashchange', readHash);
  readHash();
  await loadInfo();
  start();
  setInterval(renderChart, 1000);
}

main();
