/**
 * A TOML 1.0 reader for configuration (`pyproject.toml`): every form of key
 * (bare, quoted, dotted), tables, arrays of tables, inline tables, every
 * string form, numbers, booleans and dates (kept as their text). It records
 * the line of every key, so a configuration error can say where it is.
 * Iterative where input decides the depth, except for nested inline values,
 * whose depth is capped.
 */

export class TomlError extends Error {
  constructor(message: string, readonly line: number) {
    super(`line ${line}: ${message}`);
  }
}

export type TomlValue = string | number | boolean | TomlValue[] | TomlTable;
export interface TomlTable {
  [key: string]: TomlValue;
}

export interface TomlDocument {
  data: TomlTable;
  /** 1-based line of each key, by its dotted path (segments joined with NUL). */
  lines: Map<string, number>;
}

const MAX_VALUE_DEPTH = 64;
const BARE_KEY = /[A-Za-z0-9_-]/;

export function parseToml(text: string): TomlDocument {
  return new Reader(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).document();
}

/** Tables created implicitly by a dotted key or header may be opened again by a header; defined ones may not. */
const DEFINED = Symbol('defined');
const INLINE = Symbol('inline');

class Reader {
  private i = 0;
  private line = 1;
  private readonly lines = new Map<string, number>();

  constructor(private readonly s: string) {}

  private fail(message: string): never {
    throw new TomlError(message, this.line);
  }

  private peek(off = 0): string {
    return this.s[this.i + off] ?? '';
  }

  private skipSpace(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.i++;
  }

  /** Spaces, newlines and comments (inside arrays). */
  private skipAll(): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\r') this.i++;
      else if (c === '\n') {
        this.i++;
        this.line++;
      } else if (c === '#') this.skipComment();
      else return;
    }
  }

  private skipComment(): void {
    while (this.i < this.s.length && this.peek() !== '\n') this.i++;
  }

  /** After a value or header: only a comment may follow on the line. */
  private endOfLine(): void {
    this.skipSpace();
    if (this.peek() === '#') this.skipComment();
    if (this.peek() === '\r') this.i++;
    if (this.i >= this.s.length) return;
    if (this.peek() !== '\n') this.fail(`unexpected ${JSON.stringify(this.peek())} after a value (one key = value per line)`);
    this.i++;
    this.line++;
  }

  document(): TomlDocument {
    const root: TomlTable = {};
    let current = root;
    let currentPath: string[] = [];
    while (this.i < this.s.length) {
      this.skipAll();
      if (this.i >= this.s.length) break;
      if (this.peek() === '[') {
        const array = this.peek(1) === '[';
        this.i += array ? 2 : 1;
        this.skipSpace();
        const keys = this.key();
        this.skipSpace();
        if (this.peek() !== ']' || (array && this.peek(1) !== ']')) this.fail(`expected ${array ? ']]' : ']'} to close the table header`);
        this.i += array ? 2 : 1;
        this.record(keys);
        currentPath = keys;
        current = array ? this.arrayTable(root, keys) : this.table(root, keys);
        this.endOfLine();
        continue;
      }
      const keys = this.key();
      this.skipSpace();
      if (this.peek() !== '=') this.fail(`expected = after the key ${keys.join('.')}`);
      this.i++;
      this.skipSpace();
      this.record([...currentPath, ...keys]);
      const value = this.value(0);
      this.assign(current, keys, value);
      this.endOfLine();
    }
    return { data: root, lines: this.lines };
  }

  /** The line where each key path, and every prefix of it, first appears. */
  private record(path: string[]): void {
    for (let n = 1; n <= path.length; n++) {
      const k = path.slice(0, n).join('\0');
      if (!this.lines.has(k)) this.lines.set(k, this.line);
    }
  }

  private key(): string[] {
    const out: string[] = [];
    for (;;) {
      this.skipSpace();
      const c = this.peek();
      if (c === '"') out.push(this.basicString());
      else if (c === "'") out.push(this.literalString());
      else {
        const start = this.i;
        while (BARE_KEY.test(this.peek())) this.i++;
        if (start === this.i) this.fail(c ? `unexpected ${JSON.stringify(c)} where a key was expected` : 'a key was expected');
        out.push(this.s.slice(start, this.i));
      }
      this.skipSpace();
      if (this.peek() !== '.') return out;
      this.i++;
    }
  }

  private table(root: TomlTable, keys: string[]): TomlTable {
    let t = root;
    keys.forEach((k, n) => {
      let next = t[k];
      if (next === undefined) t[k] = next = {};
      else if (Array.isArray(next)) next = next[next.length - 1];
      if (typeof next !== 'object' || Array.isArray(next) || (next as Tagged)[INLINE]) this.fail(`${keys.slice(0, n + 1).join('.')} is already a value, not a table`);
      t = next as TomlTable;
    });
    if ((t as Tagged)[DEFINED]) this.fail(`table [${keys.join('.')}] is defined twice`);
    Object.defineProperty(t, DEFINED, { value: true });
    return t;
  }

  private arrayTable(root: TomlTable, keys: string[]): TomlTable {
    const parent = this.table0(root, keys.slice(0, -1));
    const last = keys[keys.length - 1];
    const existing = parent[last];
    const t: TomlTable = {};
    if (existing === undefined) parent[last] = [t];
    else if (Array.isArray(existing) && !(existing as Tagged)[INLINE]) existing.push(t);
    else this.fail(`${keys.join('.')} is already a value, not an array of tables`);
    return t;
  }

  /** Walks to a table without defining it. */
  private table0(root: TomlTable, keys: string[]): TomlTable {
    let t = root;
    for (const k of keys) {
      let next = t[k];
      if (next === undefined) t[k] = next = {};
      else if (Array.isArray(next)) next = next[next.length - 1];
      if (typeof next !== 'object' || Array.isArray(next)) this.fail(`${k} is already a value, not a table`);
      t = next as TomlTable;
    }
    return t;
  }

  private assign(table: TomlTable, keys: string[], value: TomlValue): void {
    const parent = this.table0(table, keys.slice(0, -1));
    const last = keys[keys.length - 1];
    if (Object.prototype.hasOwnProperty.call(parent, last)) this.fail(`key ${keys.join('.')} is defined twice`);
    parent[last] = value;
  }

  private value(depth: number): TomlValue {
    if (depth > MAX_VALUE_DEPTH) this.fail(`values nested more than ${MAX_VALUE_DEPTH} levels deep`);
    const c = this.peek();
    if (c === '"') return this.s.startsWith('"""', this.i) ? this.multiline('"') : this.basicString();
    if (c === "'") return this.s.startsWith("'''", this.i) ? this.multiline("'") : this.literalString();
    if (c === '[') return this.array(depth);
    if (c === '{') return this.inlineTable(depth);
    const m = /^(?:true|false|[+-]?(?:inf|nan)|0x[0-9A-Fa-f_]+|0o[0-7_]+|0b[01_]+|[0-9TZtz:.+\-_ eE]+)/.exec(this.s.slice(this.i, this.i + 64));
    if (!m) this.fail(c ? `unexpected ${JSON.stringify(c)} where a value was expected` : 'a value was expected');
    let raw = m[0];
    // a date-time may hold one space; a trailing one belongs to the line
    raw = raw.replace(/\s+$/, '');
    this.i += raw.length;
    if (raw === 'true') return true;
    if (raw === 'false') return false;
    if (/^[+-]?inf$/.test(raw)) return raw.startsWith('-') ? -Infinity : Infinity;
    if (/^[+-]?nan$/.test(raw)) return NaN;
    if (/^0[xob]/.test(raw)) return Number(raw.replace(/_/g, ''));
    if (/^[+-]?(?:0|[1-9](?:_?\d)*)(?:\.\d(?:_?\d)*)?(?:[eE][+-]?\d(?:_?\d)*)?$/.test(raw)) return Number(raw.replace(/_/g, ''));
    // dates and times are kept as written
    if (/^\d{4}-\d{2}-\d{2}|^\d{2}:\d{2}/.test(raw)) return raw;
    this.fail(`${JSON.stringify(raw)} is not a TOML value (strings need quotes)`);
  }

  private array(depth: number): TomlValue[] {
    this.i++;
    const out: TomlValue[] = [];
    for (;;) {
      this.skipAll();
      if (this.peek() === ']') {
        this.i++;
        return out;
      }
      if (this.i >= this.s.length) this.fail('unterminated array');
      out.push(this.value(depth + 1));
      this.skipAll();
      if (this.peek() === ',') this.i++;
      else if (this.peek() !== ']') this.fail(`expected , or ] in an array`);
    }
  }

  private inlineTable(depth: number): TomlTable {
    this.i++;
    const out: TomlTable = {};
    Object.defineProperty(out, INLINE, { value: true });
    this.skipSpace();
    if (this.peek() === '}') {
      this.i++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      const keys = this.key();
      if (this.peek() !== '=') this.fail(`expected = after the key ${keys.join('.')}`);
      this.i++;
      this.skipSpace();
      this.assign(out, keys, this.value(depth + 1));
      this.skipSpace();
      if (this.peek() === ',') this.i++;
      else if (this.peek() === '}') {
        this.i++;
        return out;
      } else this.fail('expected , or } in an inline table (inline tables stay on one line)');
    }
  }

  private basicString(): string {
    this.i++;
    let out = '';
    for (;;) {
      const c = this.peek();
      if (c === '' || c === '\n') this.fail('unterminated string');
      this.i++;
      if (c === '"') return out;
      if (c === '\\') out += this.escape();
      else out += c;
    }
  }

  private literalString(): string {
    this.i++;
    const end = this.s.indexOf("'", this.i);
    const nl = this.s.indexOf('\n', this.i);
    if (end < 0 || (nl >= 0 && nl < end)) this.fail('unterminated string');
    const out = this.s.slice(this.i, end);
    this.i = end + 1;
    return out;
  }

  private multiline(q: string): string {
    this.i += 3;
    if (this.peek() === '\r' && this.peek(1) === '\n') this.i += 2;
    else if (this.peek() === '\n') this.i++;
    let out = '';
    for (;;) {
      if (this.i >= this.s.length) this.fail('unterminated multi-line string');
      if (this.s.startsWith(q.repeat(3), this.i)) {
        // up to two quotes may end the content right before the closing three
        let extra = 0;
        while (extra < 2 && this.s[this.i + 3 + extra] === q) extra++;
        out += q.repeat(extra);
        this.i += 3 + extra;
        return out;
      }
      const c = this.s[this.i++];
      if (c === '\n') this.line++;
      if (q === '"' && c === '\\') {
        if (/^[ \t]*\r?\n/.test(this.s.slice(this.i, this.i + 64))) {
          // line-ending backslash: trim the newline and the whitespace after it
          while (/\s/.test(this.peek())) {
            if (this.peek() === '\n') this.line++;
            this.i++;
          }
        } else out += this.escape();
      } else out += c;
    }
  }

  private escape(): string {
    const c = this.s[this.i++];
    const simple: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\', e: '\x1b' };
    if (c in simple) return simple[c];
    if (c === 'u' || c === 'U') {
      const len = c === 'u' ? 4 : 8;
      const hex = this.s.slice(this.i, this.i + len);
      if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== len) this.fail(`bad \\${c} escape`);
      this.i += len;
      return String.fromCodePoint(parseInt(hex, 16));
    }
    this.fail(`unknown escape \\${c ?? ''}`);
  }
}

type Tagged = { [DEFINED]?: boolean; [INLINE]?: boolean };
