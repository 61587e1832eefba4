// Two deliveries side by side: their bodies field by field (by JSON Pointer), the changed,
// added and removed fields marked.

import { el, clearNode, time } from './dom.js';
import { state, changed, upsert } from './state.js';
import { api } from './api.js';
import { parse, flatten } from './json.js';

function fields(d) {
  if (typeof d.raw !== 'string') return new Map([['', '(not UTF-8)']]);
  try { return flatten(parse(d.raw)); } catch { return new Map([['', d.raw]]); }
}

export function diff(a, b) {
  const left = fields(a);
  const right = fields(b);
  const pointers = [...new Set([...left.keys(), ...right.keys()])];
  return pointers.map((pointer) => {
    const l = left.get(pointer);
    const r = right.get(pointer);
    const kind = l === undefined ? 'added' : r === undefined ? 'removed' : l === r ? 'same' : 'changed';
    return { pointer, left: l, right: r, kind };
  });
}

export function renderCompare(side, a, b) {
  const left = state.byId.get(a);
  const right = state.byId.get(b);
  for (const [id, d] of [[a, left], [b, right]]) {
    if (!d) api.delivery(id).then((r) => { if (r.ok && r.data) { upsert(r.data); changed(); } }).catch(() => {});
  }
  if (!left || !right) {
    clearNode(side).append(el('div', { class: 'compare' }, el('p', { text: `Loading #${a} and #${b}...` })));
    return;
  }
  if (side.firstChild && side.firstChild.dataset && side.firstChild.dataset.compare === `${a}/${b}`) return;
  const rows = diff(left, right);
  const changes = rows.filter((r) => r.kind !== 'same').length;
  const onlyChanges = el('input', { type: 'checkbox', id: 'only-changes', checked: true });
  const table = el('table', { class: 'diff' },
    el('thead', {}, el('tr', {}, el('th', { text: 'field' }),
      el('th', {}, el('a', { href: `#/deliveries/${a}`, text: `#${a}` }), ` ${left.action || ''} ${time(left.received)}`),
      el('th', {}, el('a', { href: `#/deliveries/${b}`, text: `#${b}` }), ` ${right.action || ''} ${time(right.received)}`))));
  const body = el('tbody');
  for (const r of rows) {
    body.append(el('tr', { class: `d-${r.kind}`, dataset: { pointer: r.pointer } },
      el('td', { class: 'pointer', text: r.pointer || '(body)' }),
      el('td', { text: r.left ?? '' }), el('td', { text: r.right ?? '' })));
  }
  table.append(body);
  const apply = () => table.classList.toggle('only-changes', onlyChanges.checked);
  onlyChanges.addEventListener('change', apply);
  apply();
  const close = el('button', { type: 'button', class: 'close', text: 'Close', title: 'Close (Esc)' });
  close.addEventListener('click', () => { location.hash = `#/deliveries/${b}`; });
  clearNode(side).append(el('article', { class: 'compare', dataset: { compare: `${a}/${b}` } },
    el('header', { class: 'detail-head' }, el('h2', { text: `Compare #${a} with #${b}` }), close),
    el('p', { class: 'meta', text: changes === 0 ? 'The bodies have the same fields and values.' : `${changes} field${changes === 1 ? '' : 's'} differ.` }),
    el('p', {}, onlyChanges, el('label', { for: 'only-changes', text: ' only the fields that differ' })),
    table));
}
