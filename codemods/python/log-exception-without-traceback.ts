/**
 * Codemod: log a caught exception with its traceback instead of its text.
 *
 *   logger.error(f"Charge failed for {order.id}: {e}")   -> logger.exception(f"Charge failed for {order.id}")
 *   logging.error("Sync failed: " + str(exc))             -> logging.exception("Sync failed")
 *   log.error("Refund %s failed: %s", refund_id, err)     -> log.exception("Refund %s failed", refund_id)
 *   logger.error("Bad payload: {}".format(e))              -> logger.exception("Bad payload")
 *   logger.error(str(e))                                   -> logger.exception("Unexpected error in <function>")
 *   logger.critical(f"DB down: {e}")                        -> logger.critical("DB down", exc_info=True)
 *
 * `logger.exception` logs at ERROR level with the traceback, so only `error` becomes
 * `exception`; `critical` and its alias `fatal` keep their level and gain `exc_info=True`. The exception text is dropped from the
 * message because the traceback's last line already carries it; the rest of the message and the other
 * arguments stay. When the message cannot be rewritten with confidence, the fix only adds
 * `exc_info=True` (stdlib-compatible loggers) and keeps the text.
 *
 * Edit builder over the tree-sitter tree: minimal edits, the file's quotes kept.
 */
import type { Node } from '../../server/src/lang/python/tree';
import type { Fix, TextEdit } from '../../server/src/engine/types';
import { appendArgument } from '../../server/src/lang/python/edits';
import { callArgs, preferredQuote } from '../../server/src/lang/python/ast';

/** 'stdlib': logging.Logger-compatible (percent args, exc_info); 'loguru': `{}` args, no exc_info keyword. */
export type LoggerKind = 'stdlib' | 'loguru';

export interface LogSite {
  call: Node;
  /** the `error` / `critical` / `fatal` attribute name node */
  method: Node;
  /** the name bound by `except ... as <name>` */
  excName: string;
  kind: LoggerKind;
  /** enclosing function name, for a fallback message */
  functionName: string | null;
}

/** True when `node` mentions the identifier `name` as a value (not as an attribute or keyword name). */
export function refersTo(node: Node | null | undefined, name: string): boolean {
  if (!node) return false;
  if (node.type === 'identifier') {
    if (node.text !== name) return false;
    const p = node.parent;
    if (p?.type === 'attribute' && p.childForFieldName('attribute')?.id === node.id) return false;
    if (p?.type === 'keyword_argument' && p.childForFieldName('name')?.id === node.id) return false;
    return true;
  }
  for (const c of node.namedChildren) if (c && refersTo(c, name)) return true;
  return false;
}

// ------------------------------------------------------------------ message text clean-up

const LABEL = '(?:error|err|exception|exc|reason|details?|message|msg|cause|e)';
const PAIRS: Record<string, string> = { '(': ')', '[': ']', '<': '>', "'": "'", '"': '"', '`': '`' };

/** Text before a removed interpolation: drop trailing separators and a `, error:` style label. */
function trimBefore(s: string): string {
  // `..., error: {e}`, `(reason={e})`, `subscription 7. Error: {e}`: the label goes with the value
  let out = s.replace(new RegExp(`([,;|(\\[.!?\\-\\u2013\\u2014]\\s*|^\\s*)${LABEL}\\s*[:=]?\\s*$`, 'i'), '$1');
  out = out.replace(new RegExp(`(\\s)${LABEL}=$`, 'i'), '$1');
  return out.replace(/[\s:;,=|\-\u2013\u2014]+$/, '');
}

/**
 * Joins the text around a removed exception interpolation. `before` / `after` are raw source text
 * (escapes kept). Brackets or quotes that only wrapped the exception go too: `failed ({e})` -> `failed`.
 */
function joinAround(before: string, after: string): [string, string] {
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
  const bt = trimBefore(b);
  if (bt === '') return ['', a.replace(/^[\s:;,=|\-\u2013\u2014.]+/, '')];
  // keep one space when a word follows directly
  if (/^[\s]*[\w{]/.test(a) && !/^\s/.test(a)) return [bt, ` ${a}`];
  return [bt, a];
}

// ------------------------------------------------------------------ placeholder parsing

interface Piece {
  kind: 'text' | 'hole';
  raw: string;
  /** for holes: does it refer to the exception */
  drop?: boolean;
}

/** Removes the dropped holes and tidies the text around them. */
function rebuild(pieces: Piece[]): string {
  const list = pieces.map((p) => ({ ...p }));
  for (let i = 0; i < list.length; i++) {
    const p = list[i];
    if (p.kind !== 'hole' || !p.drop) continue;
    const prev = i > 0 && list[i - 1].kind === 'text' ? list[i - 1] : null;
    const next = i + 1 < list.length && list[i + 1].kind === 'text' ? list[i + 1] : null;
    const [b, a] = joinAround(prev?.raw ?? '', next?.raw ?? '');
    if (prev) prev.raw = b;
    if (next) next.raw = a;
    p.raw = '';
    p.kind = 'text';
  }
  return list.map((p) => p.raw).join('').replace(/\s+$/, '');
}

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

// ------------------------------------------------------------------ the message rewrite

interface Rewrite {
  /** replacement text for the message argument */
  message: string;
  /** positional argument nodes (after the message) to delete */
  dropArgs: Node[];
}

function defaultMessage(site: LogSite, quote: string): string {
  const text = site.functionName ? `Unexpected error in ${site.functionName}` : 'Unexpected error';
  return `${quote}${text}${quote}`;
}

function quoteOf(msg: Node, fileText: string): string {
  const p = strParts(msg);
  if (p) {
    const q = /['"]+$/.exec(p.prefix)?.[0];
    if (q) return q;
  }
  return preferredQuote(fileText);
}

/** A plain string content becomes a literal again with the original prefix (minus `f`). */
function literal(p: StrParts, content: string, keepF: boolean): string {
  const prefix = keepF ? p.prefix : withoutF(p.prefix);
  return `${prefix}${keepF || !isFString(p) ? content : unescapeBraces(content)}${p.end}`;
}

function rewriteFString(msg: Node, p: StrParts, site: LogSite): string | null {
  const pieces: Piece[] = [];
  let pos = 0;
  const base = msg.startIndex + p.prefix.length;
  const content = p.content;
  for (const c of msg.namedChildren) {
    if (!c || c.type !== 'interpolation') continue;
    const s = c.startIndex - base;
    const e = c.endIndex - base;
    pieces.push({ kind: 'text', raw: content.slice(pos, s) });
    pieces.push({ kind: 'hole', raw: content.slice(s, e), drop: refersTo(c, site.excName) });
    pos = e;
  }
  pieces.push({ kind: 'text', raw: content.slice(pos) });
  const kept = pieces.filter((x) => x.kind === 'hole' && !x.drop).length;
  const out = rebuild(pieces);
  if (out.trim() === '') return null;
  return literal(p, out, kept > 0);
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

function rewriteConcat(msg: Node, site: LogSite): string | null {
  const ops = flattenPlus(msg);
  if (!ops || ops.length < 2) return null;
  const parts: Array<{ node: Node; text: string; str: StrParts | null; drop: boolean }> = ops.map((o) => ({
    node: o,
    text: o.text,
    str: strParts(o),
    drop: refersTo(o, site.excName),
  }));
  // an f-string operand that mentions the exception: rewrite it alone
  for (const part of parts) {
    if (part.drop && part.str && isFString(part.str) && part.node.namedChildren.some((c) => c?.type === 'interpolation' && !refersTo(c, site.excName))) return null;
  }
  for (let i = 0; i < parts.length; i++) {
    if (!parts[i].drop) continue;
    const prev = parts[i - 1];
    const next = parts[i + 1];
    const prevStr = prev && !prev.drop && prev.str && !isFString(prev.str) ? prev.str : null;
    const nextStr = next && !next.drop && next.str && !isFString(next.str) ? next.str : null;
    const [b, a] = joinAround(prevStr?.content ?? '', nextStr?.content ?? '');
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
  if (!kept.length) return null;
  if (kept.length === 1 && kept[0].str) return `${kept[0].str.prefix}${kept[0].str.content.replace(/\s+$/, '')}${kept[0].str.end}`;
  return kept.map((x) => x.text).join(' + ');
}

function rewritePercent(msg: Node, site: LogSite): string | null {
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
  holes.forEach((h, i) => (h.drop = refersTo(values[i], site.excName)));
  const keptValues = values.filter((v) => !refersTo(v, site.excName));
  const out = rebuild(pieces);
  if (out.trim() === '') return null;
  if (!keptValues.length) return `${p.prefix}${out.replace(/%%/g, '%')}${p.end}`;
  const rhs = keptValues.length === 1 && keptValues[0].type !== 'tuple' ? keptValues[0].text : `(${keptValues.map((v) => v.text).join(', ')}${keptValues.length === 1 ? ',' : ''})`;
  return `${p.prefix}${out}${p.end} % ${rhs}`;
}

function rewriteFormat(msg: Node, site: LogSite): string | null {
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
      h.drop = refersTo(v, site.excName);
    } else {
      const head = field.split(/[.[]/)[0];
      const kw = keywords.find((k) => k.childForFieldName('name')?.text === head);
      if (!kw) return null;
      h.drop = refersTo(kw.childForFieldName('value'), site.excName);
    }
  }
  if (auto !== positional.length) return null;
  const keptPos = positional.filter((v) => !refersTo(v, site.excName));
  const keptKw = keywords.filter((k) => !refersTo(k.childForFieldName('value'), site.excName));
  const out = rebuild(pieces);
  if (out.trim() === '') return null;
  const kept = [...keptPos, ...keptKw].map((a) => a.text);
  if (!kept.length) return `${p.prefix}${unescapeBraces(out)}${p.end}`;
  return `${p.prefix}${out}${p.end}.format(${kept.join(', ')})`;
}

/** Message plus logger-level %-args: `log.error("Refund %s failed: %s", rid, e)`. */
function rewriteLoggerArgs(msg: Node, rest: Node[], site: LogSite): Rewrite | null {
  if (site.kind !== 'stdlib') return null;
  const p = strParts(msg);
  if (!p || isFString(p)) return null;
  const pieces = percentPieces(p.content);
  if (!pieces) return null;
  const holes = pieces.filter((x) => x.kind === 'hole');
  if (holes.length !== rest.length) return null;
  holes.forEach((h, i) => (h.drop = refersTo(rest[i], site.excName)));
  const out = rebuild(pieces);
  const dropArgs = rest.filter((a) => refersTo(a, site.excName));
  const remaining = rest.length - dropArgs.length;
  if (out.trim() === '') return remaining ? null : { message: '', dropArgs };
  const content = remaining ? out : out.replace(/%%/g, '%');
  return { message: `${p.prefix}${content}${p.end}`, dropArgs };
}

function rewriteMessage(site: LogSite, fileText: string): Rewrite | null {
  const args = callArgs(site.call).filter((a) => a.type !== 'keyword_argument');
  if (args.some((a) => a.type === 'list_splat' || a.type === 'dictionary_splat')) return null;
  const msg = args[0];
  if (!msg) return null;
  const rest = args.slice(1);
  const quote = quoteOf(msg, fileText);
  const msgRefs = refersTo(msg, site.excName);
  const restRefs = rest.some((a) => refersTo(a, site.excName));
  if (msgRefs && restRefs) return null;
  if (!msgRefs) {
    const r = rewriteLoggerArgs(msg, rest, site);
    if (r && r.message === '') r.message = defaultMessage(site, quote);
    return r;
  }
  if (rest.length && site.kind !== 'stdlib') return null;
  let text: string | null = null;
  let whole = false;
  const p = strParts(msg);
  if (p && isFString(p)) {
    text = rewriteFString(msg, p, site);
    whole = text === null && msg.namedChildren.filter((c) => c?.type === 'interpolation').every((c) => refersTo(c, site.excName)) && trimBefore(p.content.replace(/\{[^{}]*\}/g, '')) === '';
  } else if (msg.type === 'binary_operator' && msg.childForFieldName('operator')?.type === '+') {
    text = rewriteConcat(msg, site);
    whole = text === null && flattenPlus(msg)?.every((o) => refersTo(o, site.excName) || (strParts(o) && trimBefore(strParts(o)!.content) === '')) === true;
  } else if (msg.type === 'binary_operator' && msg.childForFieldName('operator')?.type === '%') {
    text = rewritePercent(msg, site);
  } else if (msg.type === 'call' && msg.childForFieldName('function')?.type === 'attribute' && msg.childForFieldName('function')?.childForFieldName('attribute')?.text === 'format') {
    text = rewriteFormat(msg, site);
  } else {
    // the whole message is the exception: e, str(e), repr(e), e.args, ...
    whole = true;
  }
  if (text === null && whole) {
    if (rest.length) return null; // `logger.error(str(e), x)`: the args belonged to the exception text
    text = defaultMessage(site, quote);
  }
  if (text === null) return null;
  return { message: text, dropArgs: [] };
}

function deleteArg(fileText: string, arg: Node, all: Node[]): TextEdit {
  const i = all.findIndex((a) => a.id === arg.id);
  const prev = all[i - 1];
  // from the end of the previous argument to the end of this one: removes `, arg`
  return { start: prev ? prev.endIndex : arg.startIndex, end: arg.endIndex, newText: '' };
}

/** The fix for one site, or null when the logger kind offers no traceback switch we can write. */
export function logWithTracebackFix(fileText: string, site: LogSite): Fix | null {
  const method = site.method.text;
  const receiver = site.call.childForFieldName('function')?.childForFieldName('object')?.text ?? 'logger';
  const rewrite = rewriteMessage(site, fileText);
  const edits: TextEdit[] = [];
  const allArgs = callArgs(site.call);
  if (rewrite) {
    const msg = allArgs.find((a) => a.type !== 'keyword_argument')!;
    if (rewrite.message !== msg.text) edits.push({ start: msg.startIndex, end: msg.endIndex, newText: rewrite.message });
    for (const a of rewrite.dropArgs) edits.push(deleteArg(fileText, a, allArgs));
  }
  if (method === 'error') {
    if (!rewrite && site.kind !== 'stdlib') return null;
    if (!rewrite) {
      edits.push(appendArgument(fileText, site.call, 'exc_info=True'));
      return { title: 'Add `exc_info=True` to log the traceback', applicability: 'safe', edits };
    }
    edits.push({ start: site.method.startIndex, end: site.method.endIndex, newText: 'exception' });
    return {
      title: `Use \`${receiver}.exception()\` (logs the traceback) without the exception text in the message`,
      applicability: 'safe',
      edits,
    };
  }
  // critical / fatal keep their level
  if (site.kind !== 'stdlib') return null;
  edits.push(appendArgument(fileText, site.call, 'exc_info=True'));
  return {
    title: rewrite ? 'Add `exc_info=True` (logs the traceback) and drop the exception text from the message' : 'Add `exc_info=True` to log the traceback',
    applicability: 'safe',
    edits,
  };
}
