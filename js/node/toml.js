// A TOML reader for what wrangler.toml uses: tables, arrays of tables, dotted
// and quoted keys, basic/literal (and multi-line) strings, integers, floats,
// booleans, arrays (multi-line, trailing comma) and inline tables. Dates are
// kept as their text. Errors name the line: `wrangler.toml:12: ...`.
export class TomlError extends Error {}

export function parseToml(text, file = 'TOML') {
  const root = {};
  let table = root;
  let i = 0, line = 1;
  const fail = (msg) => { throw new TomlError(`${file}:${line}: ${msg}`); };
  const peek = () => text[i];
  const ws = () => { while (text[i] === ' ' || text[i] === '\t') i++; };
  // Whitespace, newlines and comments (inside arrays).
  const blank = () => {
    for (;;) {
      ws();
      if (text[i] === '#') while (i < text.length && text[i] !== '\n') i++;
      else if (text[i] === '\r' && text[i + 1] === '\n') i++;
      else if (text[i] === '\n') { i++; line++; } else return;
    }
  };
  const endOfLine = () => {
    ws();
    if (text[i] === '#') while (i < text.length && text[i] !== '\n') i++;
    if (text[i] === '\r') i++;
    if (i < text.length && text[i] !== '\n') fail(`unexpected '${text[i]}' after a value`);
  };

  const ESC = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };
  function string() {
    const q = text[i];
    const multi = text.startsWith(q.repeat(3), i);
    i += multi ? 3 : 1;
    if (multi && text[i] === '\n') { i++; line++; } else if (multi && text.startsWith('\r\n', i)) { i += 2; line++; }
    let out = '';
    for (;;) {
      if (i >= text.length) fail('unterminated string');
      const c = text[i];
      if (!multi && c === q) { i++; return out; }
      if (multi && text.startsWith(q.repeat(3), i)) {
        // Four or five quotes: the first one or two are content.
        let n = 3;
        while (n < 5 && text[i + n] === q) n++;
        i += n;
        return out + q.repeat(n - 3);
      }
      if (c === '\n') { if (!multi) fail('newline in a string'); line++; out += c; i++; continue; }
      if (c === '\\' && q === '"') {
        const e = text[i + 1];
        if (e in ESC) { out += ESC[e]; i += 2; continue; }
        if (e === 'u' || e === 'U') {
          const n = e === 'u' ? 4 : 8;
          const hex = text.slice(i + 2, i + 2 + n);
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n) fail('bad unicode escape');
          out += String.fromCodePoint(parseInt(hex, 16)); i += 2 + n; continue;
        }
        if (multi && /[ \t\r\n]/.test(e)) {  // line-ending backslash trims whitespace
          i++;
          while (/[ \t\r\n]/.test(text[i] ?? '')) { if (text[i] === '\n') line++; i++; }
          continue;
        }
        fail(`bad escape \\${e}`);
      }
      out += c; i++;
    }
  }

  function key() {
    const parts = [];
    for (;;) {
      ws();
      const c = peek();
      if (c === '"' || c === "'") parts.push(string());
      else {
        const m = /^[A-Za-z0-9_-]+/.exec(text.slice(i, i + 256));
        if (!m) fail(`expected a key, found '${c ?? 'end of file'}'`);
        parts.push(m[0]); i += m[0].length;
      }
      ws();
      if (peek() !== '.') return parts;
      i++;
    }
  }

  function value() {
    const c = peek();
    if (c === '"' || c === "'") return string();
    if (c === '[') {
      i++;
      const arr = [];
      for (;;) {
        blank();
        if (peek() === ']') { i++; return arr; }
        arr.push(value());
        blank();
        if (peek() === ',') { i++; continue; }
        if (peek() === ']') { i++; return arr; }
        fail('expected , or ] in an array');
      }
    }
    if (c === '{') {
      i++;
      const obj = {};
      ws();
      if (peek() === '}') { i++; return obj; }
      for (;;) {
        const k = key();
        if (peek() !== '=') fail('expected = in an inline table');
        i++; ws();
        assign(obj, k, value());
        ws();
        if (peek() === ',') { i++; continue; }
        if (peek() === '}') { i++; return obj; }
        fail('expected , or } in an inline table');
      }
    }
    const m = /^[^\s,\]}#]+(?: \d\d:\d\d[^\s,\]}#]*)?/.exec(text.slice(i, i + 128));
    if (!m) fail('expected a value');
    const raw = m[0];
    i += raw.length;
    if (raw === 'true') return true;
    if (raw === 'false') return false;
    if (/^[+-]?(inf|nan)$/.test(raw)) return raw.endsWith('inf') ? (raw[0] === '-' ? -Infinity : Infinity) : NaN;
    const num = raw.replace(/_/g, '');
    if (/^[+-]?(0|[1-9]\d*)$/.test(num)) return Number(num);
    if (/^0x[0-9a-fA-F]+$|^0o[0-7]+$|^0b[01]+$/.test(num)) return Number(num);
    if (/^[+-]?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(num)) return Number(num);
    if (/^\d{4}-\d\d-\d\d|^\d\d:\d\d/.test(raw)) return raw;  // dates stay text
    fail(`bad value '${raw}'`);
  }

  function assign(obj, keys, v) {
    let t = obj;
    for (const k of keys.slice(0, -1)) {
      if (t[k] === undefined) t[k] = {};
      else if (typeof t[k] !== 'object' || Array.isArray(t[k])) fail(`key ${keys.join('.')} redefines a value`);
      t = t[k];
    }
    const last = keys[keys.length - 1];
    if (last in t) fail(`duplicate key ${keys.join('.')}`);
    t[last] = v;
  }

  // [a.b] / [[a.b]]: walks to the table, the last element of arrays of tables.
  function header(keys, isArray) {
    let t = root;
    keys.forEach((k, n) => {
      const last = n === keys.length - 1;
      if (last && isArray) {
        if (t[k] === undefined) t[k] = [];
        if (!Array.isArray(t[k])) fail(`[[${keys.join('.')}]] is not an array of tables`);
        t[k].push({});
        t = t[k][t[k].length - 1];
        return;
      }
      if (t[k] === undefined) t[k] = {};
      const v = t[k];
      if (Array.isArray(v)) t = v[v.length - 1];
      else if (typeof v === 'object') t = v;
      else fail(`[${keys.join('.')}] redefines a value`);
    });
    return t;
  }

  for (;;) {
    blank();
    if (i >= text.length) return root;
    if (peek() === '[') {
      const isArray = text[i + 1] === '[';
      i += isArray ? 2 : 1;
      const k = key();
      if (!text.startsWith(isArray ? ']]' : ']', i)) fail('expected ] after a table name');
      i += isArray ? 2 : 1;
      table = header(k, isArray);
    } else {
      const k = key();
      if (peek() !== '=') fail(`expected = after ${k.join('.')}`);
      i++; ws();
      assign(table, k, value());
    }
    endOfLine();
  }
}
