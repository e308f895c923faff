/**
 * Codemod: an f-string query becomes a parameterised one in the driver's
 * placeholder style. Each interpolated value that is not a constant becomes a
 * placeholder (`%s` for psycopg / Django / MySQL drivers, `?` for sqlite3,
 * `:name` for SQLAlchemy `text()`), the SQL quotes around it go (`'{name}'` ->
 * `%s`), and the values are passed as the driver's parameters. A quoted
 * pattern keeps its wildcards in the value: `LIKE '%{q}%'` -> `LIKE %s` with
 * `f"%{q}%"`. Constant interpolations (a table name from a constant) stay.
 */
import type { Node } from '../../server/src/lang/python/tree';
import type { Fix } from '../../server/src/engine/types';
import { appendArgument } from '../../server/src/lang/python/edits';
import { preferredQuote } from '../../server/src/lang/python/ast';

/** SQL text that a value (not a name, not a fragment) follows. */
export const VALUE_POSITION = /(?:[=<>]|\b(?:like|ilike|limit|offset|between|in\s*\(|values\s*\())\s*$/i;

export type Placeholder = '%s' | '?' | ':name';

interface Piece {
  literal: string | null;
  interp: Node | null;
}

/** The f-string's parts in order; null when it uses a format spec or conversion on a value to move (`{x!r}`, `{x:>10}`). */
function pieces(fstring: Node, text: string): { prefix: string; quote: string; parts: Piece[] } | null {
  const start = fstring.children[0];
  const end = fstring.children[fstring.children.length - 1];
  if (start?.type !== 'string_start' || end?.type !== 'string_end') return null;
  const parts: Piece[] = [];
  let pos = start.endIndex;
  for (const c of fstring.children.slice(1, -1)) {
    if (c.type === 'interpolation') {
      if (c.startIndex > pos) parts.push({ literal: text.slice(pos, c.startIndex), interp: null });
      parts.push({ literal: null, interp: c });
      pos = c.endIndex;
    }
  }
  if (end.startIndex > pos) parts.push({ literal: text.slice(pos, end.startIndex), interp: null });
  const m = /^([A-Za-z]*)(.*)$/s.exec(start.text)!;
  return { prefix: m[1], quote: m[2], parts };
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
 * The edits that parameterise `fstring`, passing the values as a new last argument of
 * `paramsCall`. `moves(e)` says which interpolated values become parameters. Null when the
 * string cannot be rewritten without guessing (a format spec, an unbalanced quote).
 */
export function parameteriseFix(text: string, fstring: Node, paramsCall: Node, style: Placeholder, moves: (e: Node) => boolean, driver: string): Fix | null {
  const p = pieces(fstring, text);
  if (!p || p.quote.length !== 1 && p.quote.length !== 3) return null;
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
    const e = part.interp!.namedChildren[0];
    if (!e) return null;
    if (!moves(e)) {
      keptInterp = true;
      out.push(part.interp!.text);
      literal.push(false);
      continue;
    }
    if (part.interp!.namedChildren.length > 1) return null; // `{x!r}`, `{x:>5}`
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
      out.push(before.slice(0, open));
      literal.push(true);
      next.literal = next.literal!.slice(close + 1);
      inQuote = false;
      if (lead || trail) valueText = `f${q}${lead}{${e.text}}${trail}${q}`;
    }
    if (style === ':name') {
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
  // with parameters, a `%s` driver reads every `%` of the SQL as a placeholder: literal ones are doubled
  let body = out.map((t, i) => (style === '%s' && literal[i] ? t.replace(/%/g, '%%') : t)).join('');
  let prefix = p.prefix;
  if (!keptInterp) {
    prefix = prefix.replace(/[fF]/, '');
    body = body.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
  }
  const newString = `${prefix}${p.quote}${body}${p.quote}`;
  const paramsText = style === ':name' ? `{${values.join(', ')}}` : `[${values.join(', ')}]`;
  return {
    title: `Pass the values as query parameters (\`${style === ':name' ? ':name' : style}\`, ${driver})`,
    applicability: 'unsafe',
    edits: [{ start: fstring.startIndex, end: fstring.endIndex, newText: newString }, appendArgument(text, paramsCall, paramsText)],
  };
}
