// What a delivery's detail can do with its bytes: copy as curl or as flowhook send (both
// byte-exact), download, and the clipboard with a fallback where the browser has none.

import { el } from './dom.js';
import { state } from './state.js';

export function quote(text) { return `'${String(text).replace(/'/g, `'\\''`)}'`; }

// The exact bytes of the body.
export function bodyBytes(d) {
  if (typeof d.raw_base64 === 'string') {
    const binary = atob(d.raw_base64);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  }
  return new TextEncoder().encode(d.raw ?? '');
}

function listenUrl() {
  return (state.info && state.info.listen_url) || location.origin;
}

const SKIPPED = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'accept-encoding',
  'authorization', 'proxy-authorization', 'user-agent', 'accept', 'expect', 'te', 'keep-alive', 'upgrade']);

export function curlCommand(d) {
  const url = listenUrl() + (d.path || '/');
  const parts = [];
  const exactText = typeof d.raw === 'string' && !d.raw.includes('\0');
  const input = exactText ? `printf '%s' ${quote(d.raw)}` : `printf '%s' ${quote(d.raw_base64 || '')} | base64 -d`;
  parts.push(`${input} | curl -sS -X ${quote(d.method || 'POST')} ${quote(url)}`);
  for (const [name, value] of d.headers || []) {
    if (SKIPPED.has(name.toLowerCase())) continue;
    parts.push(`-H ${quote(`${name}: ${value}`)}`);
  }
  parts.push('--data-binary @-');
  return parts.join(' \\\n  ');
}

// A --replay record of this delivery: send re-sends its exact body and headers.
export function sendCommand(d) {
  const record = { received: d.received, method: d.method, path: d.path, remote: d.remote, headers: d.headers };
  if (typeof d.raw_base64 === 'string') record.raw_base64 = d.raw_base64; else record.raw = d.raw;
  const file = `flowhook-delivery-${d.id}.ndjson`;
  const url = (state.info && state.info.forward_to) || listenUrl() + (d.path || '/');
  return `cat > ${file} <<'FLOWHOOK_RECORD'\n${JSON.stringify(record)}\nFLOWHOOK_RECORD\n` +
    `flowhook send ${quote(url)} --replay ${file} --no-validate`;
}

export async function copy(text, note) {
  try {
    await navigator.clipboard.writeText(text);
    note.textContent = 'copied';
  } catch {
    note.textContent = 'select and copy:';
    const area = el('textarea', { class: 'copy-fallback', readonly: true, rows: 6 });
    area.value = text;
    note.append(area);
    area.select();
  }
  setTimeout(() => { if (note.textContent === 'copied') note.textContent = ''; }, 2000);
}

export function download(d) {
  const type = (d.headers || []).find(([n]) => n.toLowerCase() === 'content-type');
  const blob = new Blob([bodyBytes(d)], { type: type ? type[1] : 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: `delivery-${d.id}${d.raw_base64 ? '.bin' : '.json'}` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export function hexDump(data) {
  const lines = [];
  for (let offset = 0; offset < data.length; offset += 16) {
    const chunk = data.subarray(offset, offset + 16);
    const hex = [...chunk].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    const text = [...chunk].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${text}`);
  }
  return lines.join('\n');
}
