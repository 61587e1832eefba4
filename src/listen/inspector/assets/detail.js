// The detail of one delivery: its attempts (the platform's retries of the body) on a
// timeline against the 10 s limit, what the platform does next, the body with its findings,
// the headers as masked by flowhook, the raw bytes, the answer, the forward result, and what
// can be done with it (replay, replay with edits, copy, download, compare).

import { el, clearNode, time, bytes, ms } from './dom.js';
import { state, groupOfDelivery, changed, upsert } from './state.js';
import { api, errorText } from './api.js';
import { parse, render } from './json.js';
import { answerText, verdictText, references } from './list.js';
import { curlCommand, sendCommand, copy, download, hexDump, bodyBytes } from './actions.js';

let shown = null;  // {id, node, version, attempts, timeline}
const askedFor = new Set();

function limitMs() { return (state.info && state.info.timeout_ms) || 10000; }
function retries() { return (state.info && typeof state.info.retries === 'number') ? state.info.retries : 10; }

function failed(d) {
  return d.status === null || d.status === undefined || d.status >= 500 || d.status < 200 ||
    (typeof d.answer_ms === 'number' && d.answer_ms > limitMs());
}

export function nextStep(group) {
  const d = group.last;
  const n = group.attempts.length;
  if (!failed(d) && d.status < 300) return { cls: 'done', text: 'done: the platform stops here' };
  if (!failed(d) && d.status >= 400) return { cls: 'final', text: `failed for good: ${d.status} is a 4xx, the platform does not retry` };
  if (!failed(d)) return { cls: 'final', text: `failed for good: ${d.status}` };
  if (n > retries()) return { cls: 'final', text: `failed for good: gave up after ${retries()} retries` };
  return { cls: 'retry', text: `the platform retries: retry ${n} of ${retries()}` };
}

function timeline(group, current) {
  const limit = limitMs();
  const box = el('ol', { class: 'timeline' });
  let previous = null;
  group.attempts.forEach((a, n) => {
    const at = Date.parse(a.received);
    const later = previous !== null && !Number.isNaN(at) ? `, ${Math.round(at - previous)} ms later` : '';
    previous = at;
    const bar = el('span', { class: 'bar-fill' });
    const share = Math.min(1, (a.answer_ms || 0) / limit);
    bar.style.width = `${Math.max(0.5, share * 100)}%`;
    if (share >= 1) bar.classList.add('over');
    box.append(el('li', { class: a.id === current.id ? 'current' : '' },
      el('a', { href: `#/deliveries/${a.id}`, text: `attempt ${n + 1}` }),
      `: ${answerText(a)} at ${time(a.received)}${later}`,
      el('span', { class: 'bar', title: `answered in ${ms(a.answer_ms)} of the platform's ${limit / 1000} s` }, bar),
      el('span', { class: 'bar-label', text: `${ms(a.answer_ms)} / ${limit / 1000} s` })));
  });
  return box;
}

function attemptsBlock(group, d) {
  const next = nextStep(group);
  return section('Attempts', timeline(group, d), el('p', { class: `next n-${next.cls}`, text: next.text }));
}

function section(title, ...children) {
  return el('section', { class: 'block' }, el('h3', { text: title }), ...children);
}

function highlight(container, pointer) {
  for (const old of container.querySelectorAll('.highlight')) old.classList.remove('highlight');
  let p = pointer;
  let target = null;
  for (;;) {
    target = [...container.querySelectorAll('.j-value')].find((n) => n.dataset.pointer === p);
    if (target || p === '') break;
    p = p.slice(0, p.lastIndexOf('/'));
  }
  if (!target) return;
  target.classList.add('highlight');
  target.scrollIntoView({ block: 'center', behavior: 'smooth' });
}

function bodyView(d) {
  const pre = el('pre', { class: 'json', tabindex: '0' });
  let tree = null;
  if (typeof d.raw === 'string') {
    try { tree = parse(d.raw); } catch { tree = null; }
  }
  if (tree) render(tree, pre);
  else if (typeof d.raw === 'string') pre.textContent = d.raw;
  else pre.textContent = '(not UTF-8: see the raw bytes below)';
  const findings = el('ul', { class: 'findings' });
  for (const f of d.findings || []) {
    const item = el('li', { class: `finding s-${f.severity || 'error'}` },
      el('button', { type: 'button', class: 'link', text: f.pointer || '(whole body)', dataset: { pointer: f.pointer || '' } }),
      ` ${f.message || ''}`, f.code ? el('span', { class: 'code', text: ` [${f.code}]` }) : null);
    item.querySelector('button').addEventListener('click', () => highlight(pre, f.pointer || ''));
    findings.append(item);
  }
  return [findings, pre];
}

function headersTable(d) {
  const table = el('table', { class: 'headers' });
  for (const [name, value] of d.headers || []) table.append(el('tr', {}, el('th', { text: name }), el('td', { text: value })));
  return table;
}

function rawView(d) {
  if (typeof d.raw_base64 === 'string') {
    return el('pre', { class: 'raw hex', text: hexDump(bodyBytes(d)) });
  }
  return el('details', {}, el('summary', { text: `${bytes(d.size)} as received (UTF-8)` }),
    el('pre', { class: 'raw', text: d.raw ?? '' }));
}

function attemptsList(result) {
  const data = result.data || {};
  const items = (data.attempts || []).map((a, n) => el('li', {
    text: `attempt ${n + 1}: ${a.status ?? 'no answer'}${a.error ? ` (${a.error})` : ''} in ${ms(a.latency_ms)}` }));
  return [el('p', { class: `outcome o-${data.outcome || 'error'}`,
    text: data.outcome ? `${data.outcome}${data.url ? ` to ${data.url}` : ''}` : errorText(result) }),
  el('ol', { class: 'attempts' }, items)];
}

// A text box turns every CRLF (and lone CR) into LF. A body left as it came is sent as it came,
// byte for byte; an edited one gets CRLF back when every line break of the original was one.
function bodyToSend(original, text) {
  if (text === original.replace(/\r\n?/g, '\n')) return original;
  const breaks = (original.match(/\n/g) || []).length;
  const crlfs = (original.match(/\r\n/g) || []).length;
  return breaks > 0 && crlfs === breaks ? text.replace(/\n/g, '\r\n') : text;
}

function replayForm(d) {
  const out = el('div', { class: 'replay-result', 'aria-live': 'polite' });
  const url = el('input', { type: 'url', class: 'replay-url', name: 'url', placeholder: 'http://127.0.0.1:3000/webhooks',
    value: (state.info && state.info.forward_to) || '', 'aria-label': 'Replay to URL' });
  const editor = el('textarea', { class: 'editor', rows: 12, spellcheck: 'false', 'aria-label': 'Edited body', hidden: true });
  const findings = el('ul', { class: 'findings edit-findings' });
  const sendEdited = el('button', { type: 'button', class: 'send-edited', text: 'Validate and send', hidden: true });
  let validatedText = null;

  async function replay(body) {
    clearNode(out).append(el('p', { text: 'replaying...' }));
    const options = {};
    if (url.value.trim()) options.url = url.value.trim();
    if (body !== undefined) options.body = body;
    const result = await api.replay(d.id, options);
    clearNode(out).append(...attemptsList(result));
  }
  const button = el('button', { type: 'button', class: 'replay', text: 'Replay', title: 'Re-deliver the body byte for byte (r)' });
  button.addEventListener('click', () => replay().catch((e) => { out.textContent = String(e); }));
  const edit = el('button', { type: 'button', class: 'replay-edit', text: 'Replay with edits' });
  edit.addEventListener('click', () => {
    editor.hidden = !editor.hidden;
    sendEdited.hidden = editor.hidden;
    if (!editor.hidden && !editor.value) editor.value = d.raw ?? '';
    if (!editor.hidden) editor.focus();
  });
  editor.addEventListener('input', () => { validatedText = null; sendEdited.textContent = 'Validate and send'; });
  sendEdited.addEventListener('click', async () => {
    const text = bodyToSend(d.raw ?? '', editor.value);
    if (validatedText === text) { await replay(text); return; }
    clearNode(findings);
    const result = await api.validate(text);
    if (!result.ok) { findings.append(el('li', { text: errorText(result) })); return; }
    if (result.data.valid) { validatedText = text; await replay(text); return; }
    for (const f of result.data.findings || []) findings.append(el('li', { class: 'finding', text: `${f.pointer || '(whole body)'} ${f.message}` }));
    validatedText = text;
    sendEdited.textContent = 'Send anyway';
  });
  return el('div', { class: 'replay-box' }, el('div', { class: 'row-inline' }, url, button, edit), editor, findings, sendEdited, out);
}

function previousOfAction(d) {
  let best = null;
  for (const other of state.byId.values()) {
    if (other.id < d.id && other.action === d.action && (best === null || other.id > best.id) &&
        (other.first_id ?? other.id) !== (d.first_id ?? d.id)) best = other;
  }
  return best;
}

function tools(d) {
  const note = el('span', { class: 'note' });
  const btn = (text, fn, cls) => {
    const b = el('button', { type: 'button', text, class: cls });
    b.addEventListener('click', fn);
    return b;
  };
  const previous = d.action ? previousOfAction(d) : null;
  const compare = previous
    ? el('a', { class: 'button compare-previous', href: `#/compare/${previous.id}/${d.id}`, text: `Compare with previous ${d.action} (#${previous.id})` })
    : null;
  const marked = state.compareMark;
  const mark = marked && marked !== d.id
    ? el('a', { class: 'button compare-marked', href: `#/compare/${marked}/${d.id}`, text: `Compare with #${marked}` })
    : btn('Mark for compare', () => { state.compareMark = d.id; note.textContent = `#${d.id} marked: open another delivery to compare`; }, 'mark');
  return el('div', { class: 'tools' },
    btn('Copy as curl', () => copy(curlCommand(d), note), 'copy-curl'),
    btn('Copy as flowhook send', () => copy(sendCommand(d), note), 'copy-send'),
    btn('Download', () => download(d), 'download'),
    compare, mark, note);
}

export function renderDetail(side, id) {
  const d = state.byId.get(id);
  if (shown && shown.id === id && shown.version === d && side.contains(shown.node)) {
    // A new attempt of the body only changes the timeline; the rest (an edit, a replay's
    // result) stays as it is.
    const group = groupOfDelivery(id);
    if (group.attempts.length !== shown.attempts) {
      const block = attemptsBlock(group, d);
      shown.timeline.replaceWith(block);
      shown.timeline = block;
      shown.attempts = group.attempts.length;
    }
    return;
  }
  if (!d) {
    clearNode(side).append(el('div', { class: 'detail missing', dataset: { detailId: String(id) } },
      el('p', { text: `Delivery ${id} is not (or no longer) kept.` }), closeButton()));
    if (!askedFor.has(id)) {
      askedFor.add(id);
      api.delivery(id).then((r) => { if (r.ok && r.data) { upsert(r.data); changed(); } }).catch(() => {});
    }
    shown = null;
    return;
  }
  const group = groupOfDelivery(id);
  const attempts = attemptsBlock(group, d);
  const action = d.action ? (d.spelling && d.spelling !== d.action ? `${d.action} (sent as ${d.spelling})` : d.action) : 'no known action';
  const answer = [`answered ${answerText(d)}`, d.step ? `scripted step ${d.step}` : null, `in ${ms(d.answer_ms)}`].filter(Boolean).join(', ');
  const forward = d.forward
    ? section('Your app', el('p', { class: 'forward', text: `${d.forward.url}: ${d.forward.status ?? 'no answer'}${d.forward.error ? ` (${d.forward.error})` : ''} in ${ms(d.forward.latency_ms)}` }))
    : null;
  const node = el('article', { class: 'detail', dataset: { detailId: String(d.id) } },
    el('header', { class: 'detail-head' },
      el('h2', {}, el('a', { href: `#/deliveries/${d.id}`, class: 'permalink', title: 'link to this delivery', text: `#${d.id}` }),
        ` ${action}`), closeButton()),
    el('p', { class: 'meta', text: `${d.method} ${d.path} from ${d.remote} at ${time(d.received)}, ${bytes(d.size)}${d.encoding ? `, ${d.encoding}` : ''}` }),
    el('p', { class: 'meta', text: `${references(d)}  ${verdictText(d)}` }),
    attempts,
    section('Answer', el('p', { class: 'answer-given', text: answer })),
    forward,
    section('Act', replayForm(d), tools(d)),
    section('Body', ...bodyView(d)),
    section('Headers (credentials masked)', headersTable(d)),
    section('Raw bytes', rawView(d)));
  // The same delivery, come again (the stream's copy after the API's, say): what the user typed
  // in the replay form, and a replay's result, stay; a delivery's body never changes.
  const form = shown && shown.id === id && side.contains(shown.node) ? shown.node.querySelector('.replay-box') : null;
  if (form) node.querySelector('.replay-box').replaceWith(form);
  clearNode(side).append(node);
  shown = { id, node, version: d, attempts: group.attempts.length, timeline: attempts };
}

function closeButton() {
  const b = el('button', { type: 'button', class: 'close', text: 'Close', title: 'Close (Esc)' });
  b.addEventListener('click', () => { location.hash = '#/' + hashQuery(); });
  return b;
}

export function hashQuery() {
  const i = location.hash.indexOf('?');
  return i < 0 ? '' : location.hash.slice(i);
}

export function replayShown() {
  const button = document.querySelector('[data-detail-id] button.replay');
  if (button) button.click();
}

export function forgetShown() { shown = null; }
