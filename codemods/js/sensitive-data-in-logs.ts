/**
 * jscodeshift transform: log calls stop writing secrets and whole request bodies.
 *
 *   console.log(`Login ${email} with ${password}`)  -> console.log(`Login ${email} with [REDACTED]`)
 *   logger.info("token issued", { userId, token })  -> logger.info("token issued", { userId, token: "[REDACTED]" })
 *   logger.debug("payment", card.number)            -> logger.debug("payment", "[REDACTED]")
 *   console.log("body", req.body)                   -> console.log("body", Object.keys(req.body))
 *
 * The message and the other arguments stay; a whole body or header set is reduced to its
 * field names. Edits are spliced into the original text (layout and quotes kept).
 *
 * Standalone: `npx jscodeshift -t codemods/js/sensitive-data-in-logs.ts --parser=tsx src/`
 * (every site); the engine passes `options.range` to change one site.
 */
import type { API, FileInfo } from 'jscodeshift';
import { parseProgram, type CodemodOptions } from '../lib/jscodeshift';
import { MASKING_CALL, sensitiveName } from '../../server/src/rules/sensitive-data-in-logs/names';

type AnyNode = { type: string; start: number; end: number; [k: string]: any };
interface Edit {
  start: number;
  end: number;
  text: string;
}

const LOG_METHODS = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace', 'fatal', 'verbose', 'silly', 'http']);
const LOGGER_OBJECT = /^(console|logger|log|_logger|LOGGER|Logger)$|Logger$|logger$/;
const REQUEST_WHOLE = new Set(['body', 'headers', 'cookies', 'rawHeaders', 'signedCookies']);
const SKIP_KEYS = new Set(['loc', 'start', 'end', 'extra', 'comments', 'leadingComments', 'trailingComments', 'innerComments', 'tokens', 'range']);
const MASK = '[REDACTED]';

function children(n: AnyNode): AnyNode[] {
  const out: AnyNode[] = [];
  for (const key of Object.keys(n)) {
    if (SKIP_KEYS.has(key)) continue;
    const v = n[key];
    if (Array.isArray(v)) for (const c of v) if (c && typeof c.type === 'string') out.push(c);
    if (v && !Array.isArray(v) && typeof v.type === 'string') out.push(v);
  }
  return out;
}

function isMember(n: AnyNode | undefined): boolean {
  return n?.type === 'MemberExpression' || n?.type === 'OptionalMemberExpression';
}

function propName(m: AnyNode): string | null {
  if (!m.computed && m.property?.type === 'Identifier') return m.property.name;
  if (m.computed && m.property?.type === 'StringLiteral') return m.property.value;
  return null;
}

function isLogCall(call: AnyNode): boolean {
  if ((call.type !== 'CallExpression' && call.type !== 'OptionalCallExpression') || !isMember(call.callee)) return false;
  if (!LOG_METHODS.has(propName(call.callee) ?? '')) return false;
  const obj = call.callee.object;
  if (obj?.type === 'Identifier') return LOGGER_OBJECT.test(obj.name);
  return isMember(obj) && /^(logger|log|_logger)$/.test(propName(obj) ?? '');
}

function wholeRequest(n: AnyNode): boolean {
  return isMember(n) && n.object?.type === 'Identifier' && /^(req|request)$/.test(n.object.name) && REQUEST_WHOLE.has(propName(n) ?? '');
}

interface Found {
  node: AnyNode;
  parent: AnyNode | null;
  kind: 'secret' | 'whole' | 'shorthand';
}

/** Sensitive values under a log call's argument; `parents` ends with the node's parent chain. */
function collect(n: AnyNode, parents: AnyNode[], out: Found[]): void {
  if (/Function|ArrowFunction/.test(n.type)) return;
  const parent = parents[parents.length - 1] ?? null;
  if (n.type === 'ObjectProperty' && !n.computed) {
    const key = n.key?.type === 'Identifier' ? n.key.name : n.key?.type === 'StringLiteral' ? n.key.value : null;
    if (n.shorthand && key && sensitiveName(key)) {
      out.push({ node: n, parent, kind: 'shorthand' });
      return;
    }
    if (key && sensitiveName(key) && n.value.type !== 'StringLiteral' && n.value.type !== 'TemplateLiteral' && !masked(n.value, [...parents, n])) {
      out.push({ node: n.value, parent: n, kind: 'secret' });
      return;
    }
    collect(n.value, [...parents, n], out);
    return;
  }
  if (wholeRequest(n) && !masked(n, parents)) {
    out.push({ node: n, parent, kind: 'whole' });
    return;
  }
  const name = n.type === 'Identifier' ? n.name : isMember(n) ? propName(n) : null;
  const isPropName = parent && isMember(parent) && parent.property === n && !parent.computed;
  // `invite.token`: a record's identifier token (as the detector decides)
  const recordToken = name === 'token' && isMember(n) && !/^(config|settings|env|credentials|secrets?)$/i.test(n.object?.name ?? propName(n.object ?? {}) ?? '');
  if (name && !isPropName && !recordToken && (n.type === 'Identifier' || isMember(n)) && sensitiveName(name) && !masked(n, parents)) {
    out.push({ node: n, parent, kind: 'secret' });
    return;
  }
  for (const c of children(n)) collect(c, [...parents, n], out);
}

/** Used for its length, truth, a test, a hash or a masked piece (parents: nearest last, up to the call). */
function masked(n: AnyNode, parents: AnyNode[]): boolean {
  let child = n;
  for (let i = parents.length - 1; i >= 0; i--) {
    const cur = parents[i];
    if (isLogCall(cur)) return false;
    if (isMember(cur) && cur.object === child) return true;
    if (cur.type === 'UnaryExpression' && (cur.operator === '!' || cur.operator === 'typeof')) return true;
    if ((cur.type === 'BinaryExpression' || cur.type === 'LogicalExpression') && cur.left === child && /^(==|===|!=|!==|<|>|<=|>=|&&|\|\||\?\?)$/.test(cur.operator)) return true;
    if (cur.type === 'ConditionalExpression' && cur.test === child) return true;
    if ((cur.type === 'CallExpression' || cur.type === 'OptionalCallExpression') && cur.callee !== child) {
      const callee = cur.callee;
      const name = callee.type === 'Identifier' ? callee.name : isMember(callee) ? propName(callee) ?? '' : '';
      if (MASKING_CALL.test(name) || /^(mask|redact|hash|createHash|digest)/i.test(name)) return true;
    }
    child = cur;
  }
  return false;
}

function editFor(src: string, f: Found, quote: string): Edit {
  const n = f.node;
  if (f.kind === 'shorthand') return { start: n.start, end: n.end, text: `${n.key.name}: ${quote}${MASK}${quote}` };
  if (f.kind === 'whole') return { start: n.start, end: n.end, text: `Object.keys(${src.slice(n.start, n.end)})` };
  if (f.parent?.type === 'TemplateLiteral') {
    const open = src.lastIndexOf('${', n.start);
    const close = src.indexOf('}', n.end);
    if (open >= 0 && close >= 0 && src.slice(open + 2, n.start).trim() === '' && src.slice(n.end, close).trim() === '') return { start: open, end: close + 1, text: MASK };
  }
  // `"db password: " + x` -> `"db password: [REDACTED]"`: one literal, not a concatenation of two
  const p = f.parent;
  if (p?.type === 'BinaryExpression' && p.operator === '+' && p.right === n && p.left.type === 'StringLiteral') {
    const close = p.left.end - 1;
    return { start: close, end: n.end, text: `${MASK}${src[close]}` };
  }
  return { start: n.start, end: n.end, text: `${quote}${MASK}${quote}` };
}

export default function transformer(file: FileInfo, _api: API, options: CodemodOptions): string | undefined {
  const src = file.source;
  let program: AnyNode;
  try {
    program = parseProgram<AnyNode>(file.path, src);
  } catch {
    return undefined;
  }
  const quote = (src.match(/'/g) ?? []).length > (src.match(/"/g) ?? []).length ? "'" : '"';
  const range = options.range;
  const edits: Edit[] = [];
  const visit = (n: AnyNode): void => {
    if (isLogCall(n)) {
      const found: Found[] = [];
      for (const a of n.arguments) collect(a, [n], found);
      for (const f of found) {
        const start = f.kind === 'shorthand' ? f.node.start : f.node.start;
        if (range && start !== range.start) continue;
        edits.push(editFor(src, f, quote));
      }
    }
    for (const c of children(n)) visit(c);
  };
  visit(program);
  if (!edits.length) return undefined;
  let out = src;
  let last = Infinity;
  for (const e of edits.sort((a, b) => b.start - a.start)) {
    if (e.end > last) continue;
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
    last = e.start;
  }
  return out === src ? undefined : out;
}
