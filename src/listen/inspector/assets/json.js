// A small JSON reader over the exact text received: it keeps numbers as written and keys in
// their order, and gives each value its JSON Pointer, so a finding can point at it.

export function parse(text) {
  let i = 0;
  const ws = () => { while (i < text.length && ' \t\r\n'.includes(text[i])) i++; };
  const fail = () => { throw new SyntaxError(`not JSON at ${i}`); };
  function string() {
    const start = i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) fail();
    i++;
    return text.slice(start, i);
  }
  function value(pointer) {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const members = [];
      ws();
      if (text[i] === '}') { i++; return { type: 'object', pointer, members }; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        const keyText = string();
        const key = JSON.parse(keyText);
        ws();
        if (text[i++] !== ':') fail();
        members.push([key, value(`${pointer}/${escape(key)}`)]);
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; break; }
        fail();
      }
      return { type: 'object', pointer, members };
    }
    if (c === '[') {
      i++;
      const items = [];
      ws();
      if (text[i] === ']') { i++; return { type: 'array', pointer, items }; }
      for (;;) {
        items.push(value(`${pointer}/${items.length}`));
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; break; }
        fail();
      }
      return { type: 'array', pointer, items };
    }
    if (c === '"') {
      const raw = string();
      return { type: 'string', pointer, raw, value: JSON.parse(raw) };
    }
    const m = /^(-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) fail();
    i += m[0].length;
    const type = m[0] === 'null' ? 'null' : m[0] === 'true' || m[0] === 'false' ? 'bool' : 'number';
    return { type, pointer, raw: m[0] };
  }
  const root = value('');
  ws();
  if (i !== text.length) fail();
  return root;
}

export function escape(key) { return String(key).replace(/~/g, '~0').replace(/\//g, '~1'); }

// Pointer -> the value's text (a leaf as written; {} / [] for empty containers).
export function flatten(node, out = new Map()) {
  if (node.type === 'object') {
    if (node.members.length === 0) out.set(node.pointer, '{}');
    for (const [, child] of node.members) flatten(child, out);
  } else if (node.type === 'array') {
    if (node.items.length === 0) out.set(node.pointer, '[]');
    for (const child of node.items) flatten(child, out);
  } else {
    out.set(node.pointer, node.raw);
  }
  return out;
}

// Renders the tree pretty-printed into `parent`, every value a span with data-pointer.
export function render(node, parent, indent = '') {
  const span = (cls, text) => {
    const s = document.createElement('span');
    s.className = cls;
    s.textContent = text;
    return s;
  };
  const wrap = document.createElement('span');
  wrap.className = 'j-value';
  wrap.dataset.pointer = node.pointer;
  parent.append(wrap);
  const inner = indent + '  ';
  if (node.type === 'object' || node.type === 'array') {
    const open = node.type === 'object' ? '{' : '[';
    const close = node.type === 'object' ? '}' : ']';
    const entries = node.type === 'object' ? node.members : node.items.map((c) => [null, c]);
    wrap.append(span('j-punct', open));
    if (entries.length === 0) { wrap.append(span('j-punct', close)); return; }
    entries.forEach(([key, child], n) => {
      wrap.append(document.createTextNode('\n' + inner));
      if (key !== null) {
        wrap.append(span('j-key', JSON.stringify(key)), span('j-punct', ': '));
      }
      render(child, wrap, inner);
      if (n < entries.length - 1) wrap.append(span('j-punct', ','));
    });
    wrap.append(document.createTextNode('\n' + indent), span('j-punct', close));
    return;
  }
  wrap.classList.add(`j-${node.type}`);
  wrap.textContent = node.type === 'string' ? JSON.stringify(node.value) : node.raw;
}
