/**
 * Codemod: log a caught exception with its traceback instead of its text.
 *
 *   logger.error(f"Charge failed for {order.id}: {e}")   -> logger.exception(f"Charge failed for {order.id}")
 *   logging.error("Sync failed: " + str(exc))             -> logging.exception("Sync failed")
 *   log.error("Refund %s failed: %s", refund_id, err)     -> log.exception("Refund %s failed", refund_id)
 *   logger.error("Bad payload: {}".format(e))              -> logger.exception("Bad payload")
 *   logger.error(f"Moved {a} " f"to {b}: {e}. Skipping")  -> logger.exception(f"Moved {a} " f"to {b}. Skipping")
 *   logger.error(f"... {e}" if x else f"... {e}")          -> each branch rewritten
 *   logger.error(str(e))                                   -> logger.error(str(e), exc_info=True)
 *   logger.critical(f"DB down: {e}")                        -> logger.critical("DB down", exc_info=True)
 *
 * `logger.exception` logs at ERROR level with the traceback, so only `error` becomes
 * `exception`; `critical` and its alias `fatal` keep their level and gain `exc_info=True`.
 * The exception text is dropped from the message because the traceback's last line already
 * carries it; only the separator or label that introduced it goes with it (`: `, ` - `,
 * `, error=`, ` because: `), every other word, argument and placeholder stays. When the
 * message cannot be rewritten with confidence (it is only the exception, a variable, a
 * call), it is kept as it is and the call gains `exc_info=True`: no message is invented.
 *
 * When the fix removes the last use of the `except ... as e` name, the binding goes too
 * (an unused one is what pyflakes F841 reports).
 *
 * Edit builder over the tree-sitter tree: minimal edits, the file's quotes and layout kept.
 */
import type { Node } from '../../server/src/lang/python/tree';
import type { Fix } from '../../server/src/engine/types';
import type { TextEdit } from '../../server/src/text/edits';
import { addArgument } from '../../server/src/lang/python/edits';
import { callArgs } from '../../server/src/lang/python/ast';

/** 'stdlib': logging.Logger-compatible (percent args, exc_info); 'loguru': `{}` args, no exc_info keyword. */
export type LoggerKind = 'stdlib' | 'loguru';

export interface LogSite {
  call: Node;
  /** the `error` / `critical` / `fatal` attribute name node */
  method: Node;
  /** the name bound by `except ... as <name>` */
  excName: string;
  kind: LoggerKind;
  /** the `except` clause whose block holds the call */
  clause: Node;
  /** its `<types> as <name>` node */
  binding: Node;
}

/** True when `node` mentions the identifier `name` as a value (not as an attribute or keyword name). */
export function refersTo(node: Node | null | undefined, name: string): boolean {
  if (!node) return false;
  if (node.type === 'identifier') return isReference(node, name);
  for (const c of node.namedChildren) if (c && refersTo(c, name)) return true;
  return false;
}

function isReference(node: Node, name: string): boolean {
  if (node.text !== name) return false;
  const p = node.parent;
  if (p?.type === 'attribute' && p.childForFieldName('attribute')?.id === node.id) return false;
  if (p?.type === 'keyword_argument' && p.childForFieldName('name')?.id === node.id) return false;
  return true;
}

/** Attributes that hold the exception's own text (`e.args`, `e.message`, stripe's `e.user_message`). */
const TEXT_ATTRIBUTES = new Set(['args', 'message', 'msg', 'strerror', 'user_message', 'detail', 'details']);

/**
 * The expression carries the exception's text: `e` itself (`{e}`, `str(e)`, `repr(e)`, `"%s", e`,
 * `type(e).__name__`) or a text attribute of it. Other attributes (`e.code`, `e.http_status`,
 * `e.response.status_code`) are details logged next to the exception that the traceback does not
 * show: they stay in the message.
 */
export function interpolatesException(node: Node | null | undefined, name: string): boolean {
  if (!node || !refersTo(node, name)) return false;
  const stack: Node[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'identifier' && isReference(n, name)) {
      const p = n.parent;
      if (p?.type !== 'attribute' || p.childForFieldName('object')?.id !== n.id) return true;
      if (TEXT_ATTRIBUTES.has(p.childForFieldName('attribute')?.text ?? '')) return true;
      continue;
    }
    for (const c of n.namedChildren) if (c) stack.push(c);
  }
  return false;
}

// ------------------------------------------------------------------ message text clean-up

const LABEL = '(?:error|err|exception|exc|reason|details?|message|msg|cause|e)';
/** Words that only introduce the exception when it ends the clause: `... because: {e}`, `failed with error {e}`. */
const CONNECTIVE = '(?:because(?:\\s+of)?|due\\s+to|caused\\s+by|with(?:\\s+(?:error|exception))?)';
const SEPARATOR_END = /[\s:;,=|\-\u2013\u2014]+$/;
const SEPARATOR_START = /^[\s:;,=|\-\u2013\u2014.]+/;
const PAIRS: Record<string, string> = { '(': ')', '[': ']', '<': '>', "'": "'", '"': '"', '`': '`' };

/** Text before a removed interpolation that ends a clause: drop trailing separators and a `, error:` style label. */
function trimBefore(s: string): string {
  // `..., error: {e}`, `(reason={e})`, `subscription 7. Error: {e}`: the label goes with the value
  let out = s.replace(new RegExp(`([,;|(\\[.!?\\-\\u2013\\u2014]\\s*|^\\s*)${LABEL}\\s*[:=]?\\s*$`, 'i'), '$1');
  out = out.replace(new RegExp(`(\\s)${LABEL}=$`, 'i'), '$1');
  out = out.replace(new RegExp(`(\\S)\\s+${CONNECTIVE}\\s*[:=]?\\s*$`, 'i'), '$1');
  return out.replace(SEPARATOR_END, '');
}

/**
 * Joins the text around a removed exception interpolation. `before` / `after` are raw source text
 * (escapes kept); `atStart` says nothing precedes `before` in the message. Brackets or quotes that
 * only wrapped the exception go too: `failed ({e})` -> `failed`. In the middle of a sentence
 * (`Error {e} while syncing`) only the separator goes; at the end of a clause the label goes too.
 */
function joinAround(before: string, after: string, atStart: boolean): [string, string] {
  let b = before;
  let a = after;
  const opener = /([(\[<'"`])[^(\[<'"`]*$/.exec(b);
  if (opener) {
    const inside = b.slice(opener.index + 1);
    const close = PAIRS[opener[1]];
    if (trimBefore(inside) === '' && a.startsWith(close)) {
      b = b.slice(0, opener.index);
      a = a.slice(close.length);
    }
  }
  if (/^\s*[\w{]/.test(a)) {
    // a word follows: keep the words on both sides, one space between them
    const bt = b.replace(/[\s:;,=|\-\u2013\u2014]+$/, '');
    if (bt === '' && atStart) return ['', a.replace(/^\s+/, '')];
    return [bt, ` ${a.replace(/^\s+/, '')}`];
  }
  const bt = trimBefore(b);
  if (bt === '' && atStart) return ['', a.replace(SEPARATOR_START, '')];
  return [bt, a];
}

// ------------------------------------------------------------------ pieces of a message

interface Piece {
  kind: 'text' | 'hole';
  raw: string;
  /** for holes: does it carry the exception's text */
  drop?: boolean;
  /** which string literal of an implicit concatenation the piece belongs to */
  seg?: number;
}

/**
 * Removes the dropped holes and tidies the text around them, in place. Pieces alternate
 * text, hole, text, ... within each segment (string literal); the separator of a hole that
 * opens a segment can sit at the end of the previous one (`"Failed: " f"{e}"`).
 */
function rebuild(list: Piece[]): void {
  const neighbour = (i: number, step: -1 | 1): Piece | null => {
    const p = list[i + step];
    if (!p || p.kind !== 'text') return null;
    const further = list[i + 2 * step];
    if (p.raw === '' && further && further.kind === 'text' && further.seg !== p.seg) return further;
    return p;
  };
  for (let i = 0; i < list.length; i++) {
    const p = list[i];
    if (p.kind !== 'hole' || !p.drop) continue;
    const prev = neighbour(i, -1);
    const next = neighbour(i, 1);
    const prevAt = prev ? list.indexOf(prev) : i;
    const atStart = list.slice(0, prevAt).every((x) => x.kind === 'text' && x.raw === '');
    const [b, a] = joinAround(prev?.raw ?? '', next?.raw ?? '', atStart);
    if (prev) prev.raw = b;
    if (next) next.raw = a;
    p.raw = '';
    p.kind = 'text';
  }
}

function joined(pieces: Piece[]): string {
  return pieces.map((p) => p.raw).join('');
}

// ------------------------------------------------------------------ placeholder parsing (format strings)

/** Percent placeholders of a %-format string: pieces, or null when named (`%(x)s`) placeholders appear. */
function percentPieces(content: string): Piece[] | null {
  const out: Piece[] = [];
  const re = /%(\([^)]*\))?[#0\- +]*(\*|\d+)?(\.(\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])/g;
  let last = 0;
  for (const m of content.matchAll(re)) {
    if (m[5] === '%') continue;
    if (m[1] || m[2] === '*' || m[4] === '*') return null;
    out.push({ kind: 'text', raw: content.slice(last, m.index) });
    out.push({ kind: 'hole', raw: m[0] });
    last = m.index! + m[0].length;
  }
  out.push({ kind: 'text', raw: content.slice(last) });
  return out;
}

/** `{}` / `{name}` placeholders of a str.format string, or null for numbered ones or odd braces. */
function bracePieces(content: string): Piece[] | null {
  const out: Piece[] = [];
  let text = '';
  let i = 0;
  while (i < content.length) {
    const ch = content[i];
    if ((ch === '{' || ch === '}') && content[i + 1] === ch) {
      text += ch + ch;
      i += 2;
      continue;
    }
    if (ch === '}') return null;
    if (ch === '{') {
      const end = content.indexOf('}', i);
      if (end < 0) return null;
      const field = content.slice(i + 1, end);
      if (/^\d/.test(field) || field.includes('{')) return null;
      out.push({ kind: 'text', raw: text });
      text = '';
      out.push({ kind: 'hole', raw: content.slice(i, end + 1) });
      i = end + 1;
      continue;
    }
    text += ch;
    i++;
  }
  out.push({ kind: 'text', raw: text });
  return out;
}

function holeField(raw: string): string {
  return raw.slice(1, -1).split(/[!:]/)[0];
}

// ------------------------------------------------------------------ string literal helpers

interface StrParts {
  prefix: string; // string_start text, e.g. `f"` or `rb'''`
  content: string; // raw text between start and end
  end: string;
}

function strParts(node: Node): StrParts | null {
  if (node.type !== 'string') return null;
  const start = node.namedChildren.find((c) => c?.type === 'string_start') ?? node.children.find((c) => c?.type === 'string_start');
  const endN = node.children.find((c) => c?.type === 'string_end');
  if (!start || !endN) return null;
  const text = node.text;
  const s = start.endIndex - node.startIndex;
  const e = endN.startIndex - node.startIndex;
  return { prefix: text.slice(0, s), content: text.slice(s, e), end: text.slice(e) };
}

function isFString(p: StrParts): boolean {
  return /f/i.test(p.prefix.replace(/['"]+$/, ''));
}

function withoutF(prefix: string): string {
  return prefix.replace(/[fF]/, '');
}

function unescapeBraces(s: string): string {
  return s.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
}

/** A plain string content becomes a literal again with the original prefix (minus `f` when no hole is left). */
function literal(p: StrParts, content: string, keepF: boolean): string {
  const prefix = keepF ? p.prefix : withoutF(p.prefix);
  return `${prefix}${keepF || !isFString(p) ? content : unescapeBraces(content)}${p.end}`;
}

// ------------------------------------------------------------------ the message rewrite

/** Nodes the rewrite removes from the source (interpolations, arguments), to tell which uses of the name remain. */
type Dropped = Node[];

/** The string literals of a message (one, or an implicit concatenation) rewritten as edits; null when unsure. */
function rewriteStrings(msg: Node, site: LogSite, dropped: Dropped): TextEdit[] | null {
  const strings = msg.type === 'concatenated_string' ? msg.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') : [msg];
  if (strings.some((s) => s.type !== 'string')) return null;
  const segs: Array<{ node: Node; p: StrParts; pieces: Piece[]; changed: boolean }> = [];
  const mine: Node[] = [];
  for (const [k, node] of strings.entries()) {
    const p = strParts(node);
    if (!p) return null;
    const pieces: Piece[] = [];
    if (isFString(p)) {
      let pos = 0;
      const base = node.startIndex + p.prefix.length;
      for (const c of node.namedChildren) {
        if (!c || c.type !== 'interpolation') continue;
        const s = c.startIndex - base;
        const e = c.endIndex - base;
        const drop = interpolatesException(c, site.excName);
        if (drop) mine.push(c);
        pieces.push({ kind: 'text', raw: p.content.slice(pos, s), seg: k });
        pieces.push({ kind: 'hole', raw: p.content.slice(s, e), drop, seg: k });
        pos = e;
      }
      pieces.push({ kind: 'text', raw: p.content.slice(pos), seg: k });
    } else {
      pieces.push({ kind: 'text', raw: p.content, seg: k });
    }
    segs.push({ node, p, pieces, changed: pieces.some((x) => x.drop) });
  }
  if (!mine.length) return null;
  const flat = segs.flatMap((s) => s.pieces);
  const before = flat.map((x) => x.raw);
  rebuild(flat);
  flat.forEach((x, i) => {
    if (x.raw !== before[i]) segs[x.seg!].changed = true;
  });
  // a literal left with nothing but blanks after the exception went is removed
  const gone = segs.map((s) => s.changed && joined(s.pieces).trim() === '');
  const keptIdx = segs.map((_, i) => i).filter((i) => !gone[i]);
  if (!keptIdx.length) return null;
  const lastKept = keptIdx[keptIdx.length - 1];
  const edits: TextEdit[] = [];
  for (const i of keptIdx) {
    const s = segs[i];
    if (!s.changed) continue;
    let content = joined(s.pieces);
    if (i === lastKept) content = content.replace(/\s+$/, '');
    if (content.trim() === '') return null;
    const stillF = s.pieces.some((x) => x.kind === 'hole');
    // `f"{msg}: {e}"` leaves `f"{msg}"`: the logger calls str() on its message anyway, so `msg` says it plainly
    const only = segs.length === 1 ? /^\{([^{}!:=]+)\}$/.exec(content) : null;
    if (only && only[1].trim() && !/[\r\n]/.test(only[1])) {
      edits.push({ start: s.node.startIndex, end: s.node.endIndex, newText: only[1].trim() });
      continue;
    }
    edits.push({ start: s.node.startIndex, end: s.node.endIndex, newText: literal(s.p, content, stillF) });
  }
  // runs of removed literals go with the blank between them and their neighbour
  for (let i = 0; i < segs.length; i++) {
    if (!gone[i]) continue;
    let j = i;
    while (j + 1 < segs.length && gone[j + 1]) j++;
    if (i > 0) edits.push({ start: segs[i - 1].node.endIndex, end: segs[j].node.endIndex, newText: '' });
    else edits.push({ start: segs[0].node.startIndex, end: segs[j + 1].node.startIndex, newText: '' });
    i = j;
  }
  dropped.push(...mine);
  return edits;
}

function flattenPlus(node: Node): Node[] | null {
  if (node.type === 'binary_operator' && node.childForFieldName('operator')?.type === '+') {
    const l = node.childForFieldName('left');
    const r = node.childForFieldName('right');
    if (!l || !r) return null;
    const left = flattenPlus(l);
    return left ? [...left, r] : null;
  }
  if (node.type === 'parenthesized_expression' && node.namedChildren[0]) return flattenPlus(node.namedChildren[0]);
  return [node];
}

function rewriteConcat(msg: Node, site: LogSite, dropped: Dropped): string | null {
  const ops = flattenPlus(msg);
  if (!ops || ops.length < 2) return null;
  const parts: Array<{ node: Node; text: string; str: StrParts | null; drop: boolean }> = ops.map((o) => ({
    node: o,
    text: o.text,
    str: strParts(o),
    drop: interpolatesException(o, site.excName),
  }));
  // an operand that mixes the exception with other values (`f"{x}: {e}"`, `fmt(x, e)`): not ours to split
  for (const part of parts) {
    if (part.drop && part.str && isFString(part.str)) {
      if (part.node.namedChildren.some((c) => c?.type === 'interpolation' && !interpolatesException(c, site.excName))) return null;
      // `+ f"{e}. Retrying"`: words beside the exception would go with it
      if (trimBefore(part.str.content.replace(/\{[^{}]*\}/g, '')) !== '') return null;
    }
    if (part.drop && part.node.type === 'call' && callArgs(part.node).some((a) => !interpolatesException(a, site.excName))) return null;
  }
  for (let i = 0; i < parts.length; i++) {
    if (!parts[i].drop) continue;
    const prev = parts[i - 1];
    const next = parts[i + 1];
    const prevStr = prev && !prev.drop && prev.str && !isFString(prev.str) ? prev.str : null;
    const nextStr = next && !next.drop && next.str && !isFString(next.str) ? next.str : null;
    const [b, a] = joinAround(prevStr?.content ?? '', nextStr?.content ?? '', i <= 1);
    if (prevStr) {
      prev.text = `${prevStr.prefix}${b}${prevStr.end}`;
      prevStr.content = b;
    }
    if (nextStr) {
      next.text = `${nextStr.prefix}${a}${nextStr.end}`;
      nextStr.content = a;
    }
  }
  const kept = parts.filter((x) => !x.drop && !(x.str && x.str.content.trim() === ''));
  if (!kept.length || kept.every((x) => x.str === null)) return null;
  dropped.push(...parts.filter((x) => x.drop).map((x) => x.node));
  if (kept.length === 1) return `${kept[0].str!.prefix}${kept[0].str!.content.replace(/\s+$/, '')}${kept[0].str!.end}`;
  return kept.map((x) => x.text).join(' + ');
}

function rewritePercent(msg: Node, site: LogSite, dropped: Dropped): string | null {
  const left = msg.childForFieldName('left');
  const right = msg.childForFieldName('right');
  if (!left || !right) return null;
  const p = strParts(left);
  if (!p || isFString(p) || refersTo(left, site.excName)) return null;
  const pieces = percentPieces(p.content);
  if (!pieces) return null;
  const holes = pieces.filter((x) => x.kind === 'hole');
  const values = right.type === 'tuple' ? right.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') : [right];
  if (values.length !== holes.length) return null;
  holes.forEach((h, i) => (h.drop = interpolatesException(values[i], site.excName)));
  const keptValues = values.filter((v) => !interpolatesException(v, site.excName));
  rebuild(pieces);
  const out = joined(pieces).replace(/\s+$/, '');
  if (out.trim() === '') return null;
  dropped.push(...values.filter((v) => interpolatesException(v, site.excName)));
  if (!keptValues.length) return `${p.prefix}${out.replace(/%%/g, '%')}${p.end}`;
  const rhs = keptValues.length === 1 && keptValues[0].type !== 'tuple' ? keptValues[0].text : `(${keptValues.map((v) => v.text).join(', ')}${keptValues.length === 1 ? ',' : ''})`;
  return `${p.prefix}${out}${p.end} % ${rhs}`;
}

function rewriteFormat(msg: Node, site: LogSite, dropped: Dropped): string | null {
  const fn = msg.childForFieldName('function');
  if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'format') return null;
  const obj = fn.childForFieldName('object');
  const p = obj ? strParts(obj) : null;
  if (!obj || !p || isFString(p)) return null;
  const pieces = bracePieces(p.content);
  if (!pieces) return null;
  const args = callArgs(msg);
  if (args.some((a) => a.type === 'list_splat' || a.type === 'dictionary_splat')) return null;
  const positional = args.filter((a) => a.type !== 'keyword_argument');
  const keywords = args.filter((a) => a.type === 'keyword_argument');
  let auto = 0;
  for (const h of pieces) {
    if (h.kind !== 'hole') continue;
    const field = holeField(h.raw);
    if (field === '') {
      const v = positional[auto++];
      if (!v) return null;
      h.drop = interpolatesException(v, site.excName);
    } else {
      const head = field.split(/[.[]/)[0];
      const kw = keywords.find((k) => k.childForFieldName('name')?.text === head);
      if (!kw) return null;
      h.drop = interpolatesException(kw.childForFieldName('value'), site.excName);
    }
  }
  if (auto !== positional.length) return null;
  const keptPos = positional.filter((v) => !interpolatesException(v, site.excName));
  const keptKw = keywords.filter((k) => !interpolatesException(k.childForFieldName('value'), site.excName));
  rebuild(pieces);
  const out = joined(pieces).replace(/\s+$/, '');
  if (out.trim() === '') return null;
  dropped.push(...positional.filter((v) => !keptPos.includes(v)), ...keywords.filter((k) => !keptKw.includes(k)));
  const kept = [...keptPos, ...keptKw].map((a) => a.text);
  if (!kept.length) return `${p.prefix}${unescapeBraces(out)}${p.end}`;
  return `${p.prefix}${out}${p.end}.format(${kept.join(', ')})`;
}

/** Message plus logger-level %-args: `log.error("Refund %s failed: %s", rid, e)`. */
function rewriteLoggerArgs(msg: Node, rest: Node[], site: LogSite, dropped: Dropped): TextEdit[] | null {
  if (site.kind !== 'stdlib') return null;
  const p = strParts(msg);
  if (!p || isFString(p)) return null;
  const pieces = percentPieces(p.content);
  if (!pieces) return null;
  const holes = pieces.filter((x) => x.kind === 'hole');
  if (holes.length !== rest.length) return null;
  holes.forEach((h, i) => (h.drop = interpolatesException(rest[i], site.excName)));
  const dropArgs = rest.filter((a) => interpolatesException(a, site.excName));
  if (!dropArgs.length) return null;
  rebuild(pieces);
  const out = joined(pieces).replace(/\s+$/, '');
  if (out.trim() === '') return null;
  const remaining = rest.length - dropArgs.length;
  // with no argument left, logging does not %-format the message: `%%` would show as is
  const content = remaining ? out : out.replace(/%%/g, '%');
  const all = callArgs(site.call);
  const edits: TextEdit[] = [{ start: msg.startIndex, end: msg.endIndex, newText: `${p.prefix}${content}${p.end}` }];
  for (const a of dropArgs) {
    // from the end of the previous argument to the end of this one: removes `, arg`
    const prev = all[all.findIndex((x) => x.id === a.id) - 1];
    edits.push({ start: prev ? prev.endIndex : a.startIndex, end: a.endIndex, newText: '' });
  }
  dropped.push(...dropArgs);
  return edits;
}

/** Edits that take the exception's text out of one message expression, or null when unsure. */
function rewriteExpr(node: Node, site: LogSite, dropped: Dropped): TextEdit[] | null {
  const replace = (text: string | null): TextEdit[] | null => (text === null ? null : [{ start: node.startIndex, end: node.endIndex, newText: text }]);
  switch (node.type) {
    case 'string':
    case 'concatenated_string':
      return rewriteStrings(node, site, dropped);
    case 'parenthesized_expression':
      return node.namedChildren.length === 1 && node.namedChildren[0] ? rewriteExpr(node.namedChildren[0], site, dropped) : null;
    case 'conditional_expression': {
      // `f"... {e}" if user else f"... {e}"`: each branch on its own, the condition untouched
      const [yes, cond, no] = node.namedChildren;
      if (!yes || !cond || !no || node.namedChildren.length !== 3) return null;
      const edits: TextEdit[] = [];
      const mine: Node[] = [];
      for (const branch of [yes, no]) {
        if (!interpolatesException(branch, site.excName)) continue;
        const e = rewriteExpr(branch, site, mine);
        if (!e) return null;
        edits.push(...e);
      }
      dropped.push(...mine);
      return edits;
    }
    case 'binary_operator': {
      const op = node.childForFieldName('operator')?.type;
      if (op === '+') return replace(rewriteConcat(node, site, dropped));
      if (op === '%') return replace(rewritePercent(node, site, dropped));
      return null;
    }
    case 'call':
      return replace(rewriteFormat(node, site, dropped));
    default:
      // the whole message is the exception (`e`, `str(e)`, a variable): nothing to keep but all of it
      return null;
  }
}

function rewriteMessage(site: LogSite, dropped: Dropped): TextEdit[] | null {
  const args = callArgs(site.call).filter((a) => a.type !== 'keyword_argument');
  if (args.some((a) => a.type === 'list_splat' || a.type === 'dictionary_splat')) return null;
  const msg = args[0];
  if (!msg) return null;
  const rest = args.slice(1);
  const msgRefs = interpolatesException(msg, site.excName);
  const restRefs = rest.some((a) => interpolatesException(a, site.excName));
  if (msgRefs && restRefs) return null;
  if (!msgRefs) return rewriteLoggerArgs(msg, rest, site, dropped);
  if (rest.length && site.kind !== 'stdlib') return null;
  return rewriteExpr(msg, site, dropped);
}

/** Builtins that read or run the local namespace: a name may be used without being written. */
const NAMESPACE_READERS = /\b(locals|vars|eval|exec)\s*\(/;

/** Does the `except` clause still use its name once `dropped` is gone? */
function bindingStillUsed(site: LogSite, dropped: Dropped): boolean {
  if (NAMESPACE_READERS.test(site.clause.text)) return true;
  const inside = (n: Node) => dropped.some((d) => n.startIndex >= d.startIndex && n.endIndex <= d.endIndex);
  const stack: Node[] = [site.clause];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.id === site.binding.id) {
      // the types of `except (A, B) as e` may mention a name too; the target is the binding itself
      const types = n.namedChildren[0];
      if (types && refersTo(types, site.excName)) return true;
      continue;
    }
    if (n.type === 'identifier' && isReference(n, site.excName) && !inside(n)) return true;
    const rebinding = n.id !== site.clause.id ? rebindingTypes(n, site.excName) : undefined;
    if (rebinding !== undefined) {
      // a nested `except ... as e` binds its own `e` (and unbinds it at its end): only its types read ours
      if (rebinding) stack.push(rebinding);
      continue;
    }
    for (const c of n.namedChildren) if (c) stack.push(c);
  }
  return false;
}

/** For an `except <types> as <name>` clause binding `name`: its types (null when none); undefined otherwise. */
function rebindingTypes(n: Node, name: string): Node | null | undefined {
  if (n.type !== 'except_clause' && n.type !== 'except_group_clause') return undefined;
  for (const c of n.namedChildren) {
    if (c?.type !== 'as_pattern') continue;
    const target = c.childForFieldName('alias');
    const id = target?.type === 'as_pattern_target' ? target.namedChildren[0] : target;
    if (id?.type === 'identifier' && id.text === name) return c.namedChildren[0] ?? null;
  }
  return undefined;
}

/** Removes ` as e` from `except Exception as e:`. */
function dropBinding(site: LogSite): TextEdit | null {
  const types = site.binding.namedChildren[0];
  if (!types || types.type === 'as_pattern_target') return null;
  return { start: types.endIndex, end: site.binding.endIndex, newText: '' };
}

/** The fix for one site, or null when the logger kind offers no traceback switch we can write. */
export function logWithTracebackFix(fileText: string, site: LogSite, filePath?: string): Fix | null {
  const method = site.method.text;
  const receiver = site.call.childForFieldName('function')?.childForFieldName('object')?.text ?? 'logger';
  const dropped: Dropped = [];
  const rewrite = rewriteMessage(site, dropped);
  const edits: TextEdit[] = [...(rewrite ?? [])];
  let unbound = '';
  if (rewrite && !bindingStillUsed(site, dropped)) {
    const e = dropBinding(site);
    if (e) {
      edits.push(e);
      unbound = `, and drop the unused \`as ${site.excName}\``;
    }
  }
  if (!rewrite) {
    // the message stays word for word; only the traceback is added
    if (site.kind !== 'stdlib') return null;
    edits.push(...addArgument(fileText, site.call, 'exc_info=True', filePath));
    return { title: 'Add `exc_info=True` to log the traceback', applicability: 'safe', edits };
  }
  if (method === 'error') {
    edits.push({ start: site.method.startIndex, end: site.method.endIndex, newText: 'exception' });
    return {
      title: `Use \`${receiver}.exception()\` (logs the traceback) without the exception text in the message${unbound}`,
      applicability: 'safe',
      edits,
    };
  }
  // critical / fatal keep their level
  if (site.kind !== 'stdlib') return null;
  edits.push(...addArgument(fileText, site.call, 'exc_info=True', filePath));
  return {
    title: `Add \`exc_info=True\` (logs the traceback) and drop the exception text from the message${unbound}`,
    applicability: 'safe',
    edits,
  };
}
