// The live list: one row per delivery (a body and its platform retries), newest first. Only
// the rows in view are in the DOM, so ten thousand deliveries cost a few dozen elements.

import { el, time, bytes, ms } from './dom.js';
import { state, visibleGroups, verdictOf, answerClass, changed } from './state.js';

export const ROW = 30;
const list = () => document.getElementById('list');

export function references(d) {
  const body = d.body;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return '';
  const out = [];
  for (const [name, value] of Object.entries(body)) {
    if (value && typeof value === 'object' && Number.isInteger(value.Id)) out.push(`${name}=${value.Id}`);
  }
  return out.join(' ');
}

// The row's key references: the entities the action is about (order=7123), leaving out the
// context every payload carries (tenant, store, user) unless nothing else is there.
const CONTEXT = /^(tenant|tenantUser|store)=/;
export function keyReferences(d) {
  const all = references(d).split(' ').filter(Boolean);
  const key = all.filter((r) => !CONTEXT.test(r));
  return (key.length ? key : all).join(' ');
}

export function verdictText(d) {
  const v = verdictOf(d);
  if (v === 'valid') return 'valid';
  if (v === 'notjson') return 'not JSON';
  const n = (d.findings || []).length;
  return n === 1 ? '1 finding' : `${n} findings`;
}

export function answerText(d) {
  const status = d.status === null || d.status === undefined ? 'dropped' : String(d.status);
  return d.step && d.step !== status ? `${status} (${d.step})` : status;
}

function row(group, index) {
  const d = group.last;
  const first = group.attempts[0];
  const selected = state.selected === group.id;
  const action = d.action ? (d.spelling && d.spelling !== d.action ? `${d.action} (${d.spelling})` : d.action) : '-';
  const attempts = group.attempts.length;
  const repeat = typeof d.repeat === 'number' && d.repeat > 1
    ? el('a', { href: `#/deliveries/${d.first_id ?? first.id}`, class: 'repeat', title: 'the first delivery of this body', text: `#${d.repeat}` })
    : '';
  let app = '';
  if (d.forward) {
    app = d.forward.status ? `${d.forward.status} ${ms(d.forward.latency_ms)}` : (d.forward.error || 'failed');
  }
  const node = el('div', {
    class: `row c-${answerClass(d)}${selected ? ' selected' : ''}`,
    role: 'row',
    'aria-selected': selected ? 'true' : 'false',
    dataset: { deliveryId: String(group.id), lastId: String(d.id) },
  },
  el('span', { class: 'time', text: time(d.received) }),
  el('span', { class: 'req', title: `${d.method} ${d.path}`, text: `${d.method} ${d.path}` }),
  el('span', { class: 'action', text: action }),
  el('span', { class: 'refs', title: references(d), text: keyReferences(d) }),
  el('span', { class: `verdict v-${verdictOf(d)}`, text: verdictText(d) }),
  el('span', { class: 'answer', text: answerText(d) + (attempts > 1 ? `  x${attempts}` : '') }),
  el('span', { class: 'rep' }, repeat),
  el('span', { class: 'size', text: bytes(d.size) }),
  el('span', { class: 'app', text: app }));
  node.style.top = `${index * ROW}px`;  // CSSOM, not a style attribute: the CSP allows it
  node.addEventListener('click', (event) => {
    if (event.target.closest('a')) return;
    state.selected = group.id;
    location.hash = `#/deliveries/${d.id}${location.hash.includes('?') ? location.hash.slice(location.hash.indexOf('?')) : ''}`;
  });
  return node;
}

export function renderList() {
  const box = list();
  const groups = visibleGroups();
  const spacer = document.getElementById('list-spacer');
  spacer.style.height = `${groups.length * ROW}px`;
  const top = box.scrollTop;
  const height = box.clientHeight || 600;
  const from = Math.max(0, Math.floor(top / ROW) - 5);
  const to = Math.min(groups.length, Math.ceil((top + height) / ROW) + 5);
  for (const old of [...box.querySelectorAll('.row')]) old.remove();
  const fragment = document.createDocumentFragment();
  for (let i = from; i < to; i++) fragment.append(row(groups[i], i));
  box.append(fragment);
  const status = document.getElementById('list-status');
  const total = state.groups.size;
  status.textContent = total === 0
    ? 'Waiting for deliveries...'
    : groups.length === total ? `${total} deliveries (${state.byId.size} attempts)` : `${groups.length} of ${total} deliveries match`;
}

export function moveSelection(step) {
  const groups = visibleGroups();
  if (groups.length === 0) return;
  let i = groups.findIndex((g) => g.id === state.selected);
  i = i < 0 ? 0 : Math.max(0, Math.min(groups.length - 1, i + step));
  state.selected = groups[i].id;
  const box = list();
  const y = i * ROW;
  if (y < box.scrollTop) box.scrollTop = y;
  else if (y + ROW > box.scrollTop + box.clientHeight) box.scrollTop = y + ROW - box.clientHeight;
  changed();
}

export function selectedGroup() {
  return state.selected === null ? null : state.groups.get(state.selected) || null;
}

export function initList() {
  const box = list();
  box.addEventListener('scroll', () => renderList(), { passive: true });
  window.addEventListener('resize', () => renderList());
}
