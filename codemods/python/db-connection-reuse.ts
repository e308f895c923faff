/**
 * Codemod: keep Django's database connections open between requests and bound the time a
 * connect may take.
 *
 *   "default": {"ENGINE": "django.db.backends.postgresql", ...}
 *     -> ..., "CONN_MAX_AGE": 60, "OPTIONS": {"connect_timeout": 5}   (merged into an OPTIONS literal)
 *   "CONN_MAX_AGE": 0                       -> "CONN_MAX_AGE": 60
 *   dj_database_url.config(default=...)     -> dj_database_url.config(default=..., conn_max_age=60)
 *
 * New pairs go into the dict in its own layout (one per line with the items' indentation, or
 * inline) and with the quote its keys use.
 */
import type { Node } from '../../server/src/lang/python/tree';
import type { Fix } from '../../server/src/engine/types';
import type { TextEdit } from '../../server/src/text/edits';
import { detectEol } from '../../server/src/text/positions';
import { indentAt, preferredQuote } from '../../server/src/lang/python/ast';
import { addArgument } from '../../server/src/lang/python/edits';

export const CONN_MAX_AGE = 60;
export const CONNECT_TIMEOUT = 5;

/** What the detector found missing in one DATABASES entry. */
export interface EntryGap {
  dict: Node;
  /** `"CONN_MAX_AGE": 0`: the value to raise */
  zero: Node | null;
  /** PostgreSQL without a connect timeout: the OPTIONS literal to merge into, or 'add' for none */
  options: Node | 'add' | null;
}

function items(dict: Node): Node[] {
  return dict.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment');
}

/** The quote the dict's keys use (the file's preference when it has no string keys). */
function keyQuote(text: string, dict: Node): string {
  for (const p of items(dict)) {
    const k = p.type === 'pair' ? p.childForFieldName('key') : null;
    if (k?.type === 'string') {
      const m = /^[rbuRBU]*(['"])/.exec(k.text);
      if (m) return m[1];
    }
  }
  return preferredQuote(text);
}

/** Adds pairs as the last items of a dict literal, in its layout; null where a comment after the last item leaves no clean spot. */
export function appendPairs(text: string, dict: Node, pairs: string[]): TextEdit | null {
  const list = items(dict);
  const close = dict.endIndex - 1;
  if (!list.length) return { start: dict.startIndex + 1, end: close, newText: pairs.join(', ') };
  const last = list[list.length - 1];
  const between = text.slice(last.endIndex, close);
  const comma = between.indexOf(',');
  const trailingComma = comma >= 0 && !between.slice(0, comma).includes('#');
  const firstOnOwnLine = /[\r\n][ \t]*$/.test(text.slice(dict.startIndex, list[0].startIndex));
  const commaAt = trailingComma ? last.endIndex + comma + 1 : last.endIndex;
  if (firstOnOwnLine) {
    const eol = detectEol(text);
    const indent = indentAt(text, last.startIndex);
    // a comment after the last item stays on its line: insert after that line
    const rest = text.slice(commaAt);
    const lineComment = /^[ \t]*#[^\r\n]*/.exec(rest);
    const at = lineComment ? commaAt + lineComment[0].length : commaAt;
    const lead = trailingComma ? '' : ',';
    if (lineComment && !trailingComma) return null;
    return { start: at, end: at, newText: `${lead}${pairs.map((p) => `${eol}${indent}${p}`).join(',')}${trailingComma ? ',' : ''}` };
  }
  return { start: commaAt, end: commaAt, newText: `${trailingComma ? ' ' : ', '}${pairs.join(', ')}` };
}

export function entryFix(text: string, gap: EntryGap): Fix | null {
  const q = keyQuote(text, gap.dict);
  const edits: TextEdit[] = [];
  const added: string[] = [];
  const title: string[] = [];
  if (gap.zero) {
    edits.push({ start: gap.zero.startIndex, end: gap.zero.endIndex, newText: String(CONN_MAX_AGE) });
  } else {
    added.push(`${q}CONN_MAX_AGE${q}: ${CONN_MAX_AGE}`);
  }
  title.push(`\`CONN_MAX_AGE: ${CONN_MAX_AGE}\``);
  if (gap.options === 'add') {
    added.push(`${q}OPTIONS${q}: {${q}connect_timeout${q}: ${CONNECT_TIMEOUT}}`);
    title.push(`a ${CONNECT_TIMEOUT}-second \`connect_timeout\``);
  } else if (gap.options) {
    const oq = keyQuote(text, gap.options);
    const e = appendPairs(text, gap.options, [`${oq}connect_timeout${oq}: ${CONNECT_TIMEOUT}`]);
    if (!e) return null;
    edits.push(e);
    title.push(`a ${CONNECT_TIMEOUT}-second \`connect_timeout\``);
  }
  if (added.length) {
    const e = appendPairs(text, gap.dict, added);
    if (!e) return null;
    edits.push(e);
  }
  return { title: `Reuse connections: add ${title.join(' and ')}`, applicability: 'safe', edits };
}

export function dbUrlFix(text: string, call: Node, zero: Node | null, filePath: string | undefined): Fix {
  const edits = zero
    ? [{ start: zero.startIndex, end: zero.endIndex, newText: String(CONN_MAX_AGE) }]
    : addArgument(text, call, `conn_max_age=${CONN_MAX_AGE}`, filePath);
  return { title: `Reuse connections: \`conn_max_age=${CONN_MAX_AGE}\``, applicability: 'safe', edits };
}
