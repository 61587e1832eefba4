// The overview: counts by action, verdict and answer, and deliveries per second by answer
// class over the last 5 minutes, drawn as a small SVG of stacked bars.

import { el, svg, clearNode } from './dom.js';
import { state, verdictOf, answerClass } from './state.js';

const CLASSES = ['2xx', '3xx', '4xx', '5xx', 'dropped'];
const SECONDS = 300;

function counts() {
  const by = { action: new Map(), verdict: new Map(), answer: new Map() };
  const add = (map, key) => map.set(key, (map.get(key) || 0) + 1);
  for (const d of state.byId.values()) {
    add(by.action, d.action || '(none)');
    add(by.verdict, verdictOf(d));
    add(by.answer, answerClass(d));
  }
  return by;
}

function line(title, map, filter) {
  const items = [...map.entries()].sort((a, b) => b[1] - a[1]);
  return el('div', { class: 'count-line' }, el('span', { class: 'count-title', text: title }),
    items.map(([key, n]) => {
      const b = el('button', { type: 'button', class: `chip chip-${filter}-${key}`, text: `${key} ${n}`, title: `filter: ${key}` });
      b.addEventListener('click', () => window.dispatchEvent(new CustomEvent('flowhook-filter', { detail: { [filter]: key === '(none)' ? '' : key } })));
      return b;
    }));
}

export function renderOverview() {
  const box = document.getElementById('counts');
  const by = counts();
  clearNode(box).append(line('actions', by.action, 'action'), line('verdicts', by.verdict, 'verdict'), line('answers', by.answer, 'answer'));
  renderChart();
}

export function renderChart() {
  const box = document.getElementById('chart');
  const now = Math.floor(Date.now() / 1000);
  const start = now - SECONDS + 1;
  const buckets = new Array(SECONDS).fill(null).map(() => ({}));
  for (const d of state.byId.values()) {
    const at = Math.floor(Date.parse(d.received) / 1000);
    if (!(at >= start && at <= now)) continue;
    const b = buckets[at - start];
    const c = answerClass(d);
    b[c] = (b[c] || 0) + 1;
  }
  let max = 1;
  for (const b of buckets) max = Math.max(max, CLASSES.reduce((s, c) => s + (b[c] || 0), 0));
  const W = 600, H = 80, bw = W / SECONDS;
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H + 14}`, class: 'rate', role: 'img', 'aria-label': 'deliveries per second over the last 5 minutes, by answer class' });
  chart.append(svg('line', { x1: 0, y1: H + 0.5, x2: W, y2: H + 0.5, class: 'axis' }));
  buckets.forEach((b, i) => {
    let y = H;
    for (const c of CLASSES) {
      const n = b[c] || 0;
      if (!n) continue;
      const h = (n / max) * (H - 4);
      y -= h;
      chart.append(svg('rect', { x: (i * bw).toFixed(2), y: y.toFixed(2), width: Math.max(bw - 0.3, 0.5).toFixed(2), height: h.toFixed(2), class: `bar-${c}` },
        svg('title', { text: `${SECONDS - i}s ago: ${n} ${c}` })));
    }
  });
  chart.append(svg('text', { x: 0, y: H + 12, class: 'tick', text: '-5 min' }),
    svg('text', { x: W, y: H + 12, class: 'tick end', text: 'now' }),
    svg('text', { x: 2, y: 10, class: 'tick', text: `${max}/s` }));
  const legend = el('div', { class: 'legend' }, CLASSES.map((c) => el('span', { class: `key key-${c}`, text: c })));
  clearNode(box).append(chart, legend);
}
