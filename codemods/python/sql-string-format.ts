/**
 * Codemod: a query built with an f-string, `%`, `.format()` or `+` becomes a
 * parameterised one in the driver's placeholder style. Each interpolated value that is not a constant becomes a
 * placeholder (`%s` for psycopg / Django / MySQL drivers, `?` for sqlite3,
 * `:name` for SQLAlchemy `text()`), the SQL quotes around it go (`'{name}'` ->
 * `%s`), and the values are passed as the driver's parameters. A quoted
 * pattern keeps its wildcards in the value: `LIKE '%{q}%'` -> `LIKE %s` with
 * `f"%{q}%"`. Constant interpolations of an f-string (a table name from a constant)
 * stay; a `%` / `.format()` / `+` query with a constant in it is left alone.
 */
import type { Node } from '../../server/src/lang/python/tree';
import type { Fix } from '../../server/src/engine/types';
import { appendArgument } from '../../server/src/lang/python/edits';
import { preferredQuote } from '../../server/src/lang/python/ast';

/** SQL text that a value (not a name, not a fragment) follows. */
export const VALUE_POSITION = /(?:[=<>]|\b(?:like|ilike|limit|offset|between|in\s*\(|values\s*\())\s*$/i;

export type Placeholder = '%s' | '?' | ':name';

interface Piece {
  /** SQL text, as it would be written in a plain string literal of the same quote (format escapes resolved). */
  literal: string | null;
  /** A value the query was built from. */
  value: Node | null;
  /** An f-string interpolation's source text, for a value that stays in the string (a constant). */
  interp?: string;
  /** The key of a `%(key)s` value taken from a dict literal. */
  key?: string;
}

interface Built {
  /** The string prefix without `f` (`r`, `u`, ``), and its quote. */
  prefix: string;
  quote: string;
  /** Whether the query was an f-string (only an f-string can keep an interpolation in place). */
  fstring: boolean;
  parts: Piece[];
  /** `"... %(k)s" % {"k": v}`: the dict, passed on as the parameters with named placeholders. */
  named?: Node;
}

/** The quote and prefix of a plain or f-string literal, and its source text between the quotes. */
function literalOf(s: Node, text: string): { prefix: string; quote: string; body: string; fstring: boolean } | null {
  if (s.type !== 'string') return null;
  const start = s.children[0];
  const end = s.children[s.children.length - 1];
  if (start?.type !== 'string_start' || end?.type !== 'string_end') return null;
  const m = /^([A-Za-z]*)(.*)$/s.exec(start.text)!;
  if (/[bB]/.test(m[1])) return null;
  return { prefix: m[1].replace(/[fF]/, ''), quote: m[2], body: text.slice(start.endIndex, end.startIndex), fstring: /[fF]/.test(m[1]) };
}

/** An f-string's parts in order; null when it uses a format spec or conversion on a value to move (`{x!r}`, `{x:>10}`). */
function fstringParts(fstring: Node, text: string): Built | null {
  const lit = literalOf(fstring, text);
  if (!lit || !lit.fstring) return null;
  const start = fstring.children[0];
  const end = fstring.children[fstring.children.length - 1];
  const parts: Piece[] = [];
  const unescape = (raw: string) => raw.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
  let pos = start.endIndex;
  for (const c of fstring.children.slice(1, -1)) {
    if (c.type === 'interpolation') {
      if (c.startIndex > pos) parts.push({ literal: unescape(text.slice(pos, c.startIndex)), value: null });
      const e = c.namedChildren[0];
      if (!e) return null;
      parts.push({ literal: null, value: c.namedChildren.length === 1 ? e : null, interp: c.text });
      pos = c.endIndex;
    }
  }
  if (end.startIndex > pos) parts.push({ literal: unescape(text.slice(pos, end.startIndex)), value: null });
  return { prefix: lit.prefix, quote: lit.quote, fstring: true, parts };
}

/** Escapes that could spell a format character the parser cannot see (`\x25` is `%`, `\x7b` is `{`). */
const HIDDEN_CHAR = /\\(?:[xuUN0-7])/;

/** `"... '%s' ..." % value`, `% (a, b)`, `% {"k": v}` with `%(k)s`: only `%s` / `%d` / `%i` without flags. */
function percentParts(b: Node, text: string): Built | null {
  const left = b.childForFieldName('left');
  const right = b.childForFieldName('right');
  const lit = left ? literalOf(left, text) : null;
  if (!lit || lit.fstring || !right || HIDDEN_CHAR.test(lit.body)) return null;
  let positional: Node[] | null = null;
  const byKey = new Map<string, Node>();
  if (right.type === 'tuple') positional = right.namedChildren.filter((c) => c.type !== 'comment');
  else if (right.type === 'dictionary') {
    for (const pair of right.namedChildren) {
      if (pair.type === 'comment') continue;
      const k = pair.type === 'pair' ? literalOf(pair.childForFieldName('key')!, text) : null;
      const v = pair.childForFieldName('value');
      if (!k || k.fstring || !v || !/^\w+$/.test(k.body)) return null; // `**extra`, a computed key
      byKey.set(k.body, v);
    }
  } else positional = [right.type === 'parenthesized_expression' && right.namedChildren.length === 1 ? right.namedChildren[0] : right];
  if (positional?.some((v) => v.type === 'list_splat')) return null;
  const parts: Piece[] = [];
  const used = new Set<Node>();
  const spec = /%(?:\((\w+)\))?([^a-zA-Z%]*)([a-zA-Z%])/g;
  let last = 0;
  let i = 0;
  for (let m = spec.exec(lit.body); m; m = spec.exec(lit.body)) {
    parts.push({ literal: lit.body.slice(last, m.index), value: null });
    last = m.index + m[0].length;
    if (m[3] === '%' && !m[1] && !m[2]) {
      parts.push({ literal: '%', value: null });
      continue;
    }
    if (m[2] || !/^[sdi]$/.test(m[3])) return null; // a width, a flag, `%r`, `%f`: the value is formatted, not passed
    const value = m[1] !== undefined ? byKey.get(m[1]) : positional?.[i++];
    if (!value || (m[1] !== undefined) === !!positional) return null;
    if (used.has(value) && !['identifier', 'attribute'].includes(value.type)) return null; // used twice: evaluated twice as a parameter
    used.add(value);
    parts.push({ literal: null, value, key: m[1] });
  }
  parts.push({ literal: lit.body.slice(last), value: null });
  // every value is used: a value the format string does not take would be dropped with the operator
  if (positional ? i !== positional.length : used.size !== byKey.size) return null;
  return { prefix: lit.prefix, quote: lit.quote, fstring: false, parts, named: positional ? undefined : right };
}

/** `"... '{}' ...".format(a)`, `{0}`, `{name}` with keyword arguments; no format spec, conversion or attribute. */
function formatParts(call: Node, text: string): Built | null {
  const fn = call.childForFieldName('function');
  const obj = fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'format' ? fn.childForFieldName('object') : null;
  const lit = obj ? literalOf(obj, text) : null;
  if (!lit || lit.fstring || HIDDEN_CHAR.test(lit.body)) return null;
  const args = call.childForFieldName('arguments')?.namedChildren.filter((c) => c.type !== 'comment') ?? [];
  const positional: Node[] = [];
  const byName = new Map<string, Node>();
  for (const a of args) {
    if (a.type === 'list_splat' || a.type === 'dictionary_splat') return null;
    if (a.type === 'keyword_argument') byName.set(a.childForFieldName('name')!.text, a.childForFieldName('value')!);
    else positional.push(a);
  }
  const parts: Piece[] = [];
  const used = new Set<Node>();
  let auto = 0;
  let literal = '';
  const body = lit.body;
  for (let k = 0; k < body.length; k++) {
    const ch = body[k];
    if ((ch === '{' || ch === '}') && body[k + 1] === ch) {
      literal += ch;
      k++;
      continue;
    }
    if (ch === '}') return null;
    if (ch !== '{') {
      literal += ch;
      continue;
    }
    const close = body.indexOf('}', k);
    if (close < 0) return null;
    const field = body.slice(k + 1, close);
    if (!/^(?:\d+|[A-Za-z_]\w*)?$/.test(field)) return null; // `{0.id}`, `{x!r}`, `{n:>5}`
    const value = field === '' ? positional[auto++] : /^\d+$/.test(field) ? positional[Number(field)] : byName.get(field);
    if (!value) return null;
    if (used.has(value) && !['identifier', 'attribute'].includes(value.type)) return null;
    used.add(value);
    parts.push({ literal, value: null }, { literal: null, value });
    literal = '';
    k = close;
  }
  parts.push({ literal, value: null });
  if (used.size !== positional.length + byName.size) return null; // an argument the string does not take
  return { prefix: lit.prefix, quote: lit.quote, fstring: false, parts };
}

/** `"... '" + a + "' ..."`: plain string literals of one quote and prefix, and the values between them. */
function concatParts(b: Node, text: string): Built | null {
  const leaves: Node[] = [];
  const flatten = (n: Node): boolean => {
    if (n.type === 'binary_operator' && n.childForFieldName('operator')?.text === '+') return flatten(n.childForFieldName('left')!) && flatten(n.childForFieldName('right')!);
    leaves.push(n);
    return true;
  };
  flatten(b);
  let shape: { prefix: string; quote: string } | null = null;
  const parts: Piece[] = [];
  let prevValue = false;
  for (const leaf of leaves) {
    if (leaf.type === 'string') {
      const lit = literalOf(leaf, text);
      if (!lit || lit.fstring) return null;
      if (shape && (shape.prefix !== lit.prefix || shape.quote !== lit.quote)) return null;
      shape = lit;
      parts.push({ literal: lit.body, value: null });
      prevValue = false;
    } else {
      if (prevValue || leaf.type === 'concatenated_string') return null; // `a + b`: no SQL text between them
      parts.push({ literal: null, value: leaf });
      prevValue = true;
    }
  }
  return shape ? { prefix: shape.prefix, quote: shape.quote, fstring: false, parts } : null;
}

/** The parts of a query built with an f-string, `%`, `.format()` or `+`; null for any other shape. */
export function builtParts(e: Node, text: string): Built | null {
  let built: Built | null = null;
  if (e.type === 'string') built = fstringParts(e, text);
  else if (e.type === 'binary_operator') {
    const op = e.childForFieldName('operator')?.text;
    built = op === '%' ? percentParts(e, text) : op === '+' ? concatParts(e, text) : null;
  } else if (e.type === 'call') built = formatParts(e, text);
  if (!built) return null;
  // adjacent SQL text as one literal (`'%%%s%%'` is `'`, `%`, a value, `%`, `'`)
  const parts: Piece[] = [];
  for (const part of built.parts) {
    const last = parts[parts.length - 1];
    if (part.literal !== null && last?.literal != null) last.literal += part.literal;
    else if (part.literal !== '') parts.push({ ...part });
  }
  return { ...built, parts };
}

/** The name a `:name` bind parameter takes from the value's expression. */
function bindName(e: Node, used: Set<string>): string {
  let base = 'value';
  if (e.type === 'identifier') base = e.text;
  else if (e.type === 'attribute') base = e.childForFieldName('attribute')?.text ?? base;
  else if (e.type === 'subscript') base = /["'](\w+)["']\s*\]$/.exec(e.text)?.[1] ?? base;
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base}_${i}`;
  used.add(name);
  return name;
}

/**
 * The edits that parameterise `query` (an f-string, a `%` / `.format()` / `+` query), passing
 * the values as a new last argument of `paramsCall`. `moves(e)` says which values become
 * parameters; a value that stays is only possible in an f-string. Null when the string cannot
 * be rewritten without guessing (a format spec, an unbalanced quote).
 */
export function parameteriseFix(text: string, query: Node, paramsCall: Node, style: Placeholder, moves: (e: Node) => boolean, driver: string): Fix | null {
  const p = builtParts(query, text);
  if (!p || (p.quote.length !== 1 && p.quote.length !== 3)) return null;
  const q = preferredQuote(text);
  const parts = p.parts;
  const out: string[] = [];
  const literal: boolean[] = []; // out[i] is SQL text of the original (not a placeholder or kept interpolation)
  const values: string[] = [];
  const used = new Set<string>();
  let keptInterp = false;
  let inQuote = false; // inside a SQL '...' literal
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part.literal !== null) {
      out.push(part.literal);
      literal.push(true);
      for (const ch of part.literal) if (ch === "'") inQuote = !inQuote;
      continue;
    }
    const e = part.value;
    if (!e || !moves(e)) {
      // a constant stays where it is: only an f-string can hold it (`{TABLE}`)
      if (!p.fstring || part.interp === undefined) return null;
      keptInterp = true;
      out.push(part.interp);
      literal.push(false);
      continue;
    }
    let valueText = e.text;
    // outside quotes a value must stand where SQL takes a value: `{column}` after SELECT is a name, not a value
    if (!inQuote && !VALUE_POSITION.test(literal.at(-1) ? out[out.length - 1] : '')) return null;
    if (inQuote) {
      // the SQL literal around the value: its text before and after become the value's
      const before = literal.at(-1) ? (literal.pop(), out.pop() ?? '') : '';
      const open = before.lastIndexOf("'");
      const next = parts[i + 1];
      const close = next?.literal?.indexOf("'") ?? -1;
      if (open < 0 || !next || close < 0) return null;
      const lead = before.slice(open + 1);
      const trail = next.literal!.slice(0, close);
      if (/[{}\\]/.test(lead + trail)) return null;
      if (p.named && (lead || trail)) return null; // the value is the dict's: it cannot take the wildcards
      out.push(before.slice(0, open));
      literal.push(true);
      next.literal = next.literal!.slice(close + 1);
      inQuote = false;
      if (lead || trail) valueText = `f${q}${lead}{${e.text}}${trail}${q}`;
    }
    if (p.named && part.key !== undefined) {
      // the dict stays the parameters: each value keeps its key
      out.push(style === '%s' ? `%(${part.key})s` : `:${part.key}`);
      literal.push(false);
    } else if (style === ':name') {
      const name = bindName(e, used);
      out.push(`:${name}`);
      literal.push(false);
      values.push(`${q}${name}${q}: ${valueText}`);
    } else {
      out.push(style);
      literal.push(false);
      values.push(valueText);
    }
  }
  // with parameters, a `%s` driver reads every `%` of the SQL as a placeholder: literal ones are doubled;
  // a string that stays an f-string keeps its braces escaped
  const body = out
    .map((t, i) => {
      if (!literal[i]) return t;
      let s = style === '%s' ? t.replace(/%/g, '%%') : t;
      if (keptInterp) s = s.replace(/\{/g, '{{').replace(/\}/g, '}}');
      return s;
    })
    .join('');
  const prefix = keptInterp ? `${p.prefix}f` : p.prefix;
  const newString = `${prefix}${p.quote}${body}${p.quote}`;
  const paramsText = p.named ? p.named.text : style === ':name' ? `{${values.join(', ')}}` : `[${values.join(', ')}]`;
  return {
    title: `Pass the values as query parameters (\`${style === ':name' ? ':name' : style}\`, ${driver})`,
    applicability: 'unsafe',
    edits: [{ start: query.startIndex, end: query.endIndex, newText: newString }, appendArgument(text, paramsCall, paramsText)],
  };
}
