/**
 * jscodeshift transform: run a Prisma read-check-write in one serializable
 * interactive transaction, with the client renamed to `tx` inside.
 *
 *   const event = await prisma.event.findUnique({ where: { id } });
 *   if (event.sold + qty > event.capacity) throw new Error('sold out');
 *   await prisma.event.update({ where: { id }, data: { sold: event.sold + qty } });
 *   ->
 *   await prisma.$transaction(async (tx) => {
 *     const event = await tx.event.findUnique({ where: { id } });
 *     if (event.sold + qty > event.capacity) throw new Error('sold out');
 *     await tx.event.update({ where: { id }, data: { sold: event.sold + qty } });
 *   }, { isolationLevel: 'Serializable' });
 *
 * The region starts at the earliest read the checks depend on (a `count` or
 * another row read before the row moves inside: a check on a value read before
 * the transaction is not protected by it) and ends at the last write of the
 * model when no `return` comes before it; locals the rest of the function uses
 * are returned from the callback (`const result = await prisma.$transaction(...)`).
 * When a `return` sits inside the region, the region runs to the end of the
 * body, so `return` still returns from the function (the transaction's result
 * is returned). Side effects left inside the region (publish, emit, fetch,
 * Stripe, e-mail) are queued and run after the transaction resolves:
 * `afterCommit.push(() => ...)`, then `for (const run of afterCommit) run();`.
 * Serializable isolation makes PostgreSQL / MySQL abort one of two concurrent
 * transactions that read and write the same rows (Prisma error P2034) instead
 * of letting both pass the check; Prisma's default, READ COMMITTED, would not.
 * With the option `conditional`, a simple comparison and a move of the checked field become one
 * conditional `updateMany` instead (see `conditionalUpdate`), which holds no lock.
 * Standalone: `npx jscodeshift -t codemods/js/race-read-check-write.ts --parser=tsx src/`.
 */
import type { API, FileInfo } from 'jscodeshift';
import { inTarget, quoteOf, type CodemodOptions } from '../lib/jscodeshift';

type AnyNode = { type: string; start?: number; end?: number; [k: string]: any };

const READS = new Set(['findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow']);
const WRITES = new Set(['update', 'updateMany', 'upsert', 'delete']);
const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ClassMethod', 'ObjectMethod']);

function unwrapAwait(e: AnyNode | null | undefined): AnyNode | null {
  let cur = e ?? null;
  while (cur && (cur.type === 'AwaitExpression' || cur.type === 'TSNonNullExpression' || cur.type === 'ParenthesizedExpression')) cur = cur.argument ?? cur.expression;
  return cur;
}

function modelCall(e: AnyNode | null | undefined): { client: AnyNode; model: string; op: string } | null {
  const c = unwrapAwait(e);
  if (c?.type !== 'CallExpression' || c.callee?.type !== 'MemberExpression' || c.callee.computed) return null;
  const m = c.callee.object;
  if (m?.type !== 'MemberExpression' || m.computed || m.property?.type !== 'Identifier') return null;
  return { client: m.object, model: m.property.name, op: c.callee.property?.name };
}

function walk(n: AnyNode, visit: (x: AnyNode) => void): void {
  if (!n || typeof n.type !== 'string') return;
  visit(n);
  for (const k of Object.keys(n)) {
    if (k === 'loc' || k === 'tokens' || k === 'comments' || k === 'leadingComments' || k === 'trailingComments') continue;
    const v = n[k];
    if (Array.isArray(v)) for (const c of v) walk(c, visit);
    else if (v && typeof v.type === 'string') walk(v, visit);
  }
}

const DEPENDENCY_READS = new Set([...READS, 'count', 'aggregate', 'findMany', 'groupBy']);
const SIDE_EFFECT = /(^|\.)(publish|emit|notify|sendMail|sendEmail|send[A-Z]\w*(Email|Mail|Notification)|enqueue|trigger)$/;

/** A call that talks to the outside world: it must not run before the commit. */
function isSideEffect(call: AnyNode, src: string): boolean {
  if (call?.type !== 'CallExpression') return false;
  const callee = src.slice(call.callee.start, call.callee.end);
  if (SIDE_EFFECT.test(callee)) return true;
  if (/^(fetch|axios)(\.|$)/.test(callee)) return true;
  return /(^|\.)stripe\./i.test(callee) && !/\.\$transaction$/.test(callee);
}

/** Does the subtree hold a `return` of this function (not of a nested function)? */
function hasOwnReturn(n: AnyNode): boolean {
  let found = false;
  const visit = (x: AnyNode, inFn: boolean): void => {
    if (found || !x || typeof x.type !== 'string') return;
    if (x.type === 'ReturnStatement' && !inFn) found = true;
    const nested = inFn || FUNCTIONS.has(x.type);
    for (const k of Object.keys(x)) {
      if (k === 'loc' || k === 'comments' || k === 'leadingComments' || k === 'trailingComments') continue;
      const v = x[k];
      if (Array.isArray(v)) v.forEach((c) => visit(c, nested));
      else if (v && typeof v.type === 'string') visit(v, nested);
    }
  };
  visit(n, false);
  return found;
}

/** Calls `found` with every identifier a subtree references (property names after `.` and object keys left out). */
function eachReference(n: AnyNode, found: (name: string) => void): void {
  const visit = (x: AnyNode, parent: AnyNode | null, key: string): void => {
    if (!x || typeof x.type !== 'string') return;
    if (x.type === 'Identifier' && !(parent?.type === 'MemberExpression' && key === 'property' && !parent.computed) && !(parent?.type === 'ObjectProperty' && key === 'key' && !parent.computed && !parent.shorthand)) found(x.name);
    for (const k of Object.keys(x)) {
      if (k === 'loc' || k === 'comments' || k === 'leadingComments' || k === 'trailingComments') continue;
      const v = x[k];
      if (Array.isArray(v)) v.forEach((c) => visit(c, x, k));
      else if (v && typeof v.type === 'string') visit(v, x, k);
    }
  };
  visit(n, null, '');
}

/** Identifiers a subtree references. */
function referenced(n: AnyNode): Set<string> {
  const out = new Set<string>();
  eachReference(n, (name) => out.add(name));
  return out;
}

/** Names a top-level statement declares (`const a = ...`, `const { a, b } = ...`). */
function declared(stmt: AnyNode): { names: string[]; kind: string } {
  if (stmt.type !== 'VariableDeclaration') return { names: [], kind: '' };
  const names: string[] = [];
  for (const d of stmt.declarations) {
    if (d.id?.type === 'Identifier') names.push(d.id.name);
    else for (const n of referenced(d.id)) names.push(n);
  }
  return { names, kind: stmt.kind };
}

/** Conditions of `if` / `while` / `?:` in a subtree. */
function conditionsIn(n: AnyNode): AnyNode[] {
  const out: AnyNode[] = [];
  walk(n, (x) => {
    if ((x.type === 'IfStatement' || x.type === 'WhileStatement' || x.type === 'ConditionalExpression') && x.test) out.push(x.test);
  });
  return out;
}

// ------------------------------------------------------------ conditional update

const NEGATE: Record<string, string> = { '<': 'gte', '<=': 'gt', '>': 'lte', '>=': 'lt' };
const FLIP: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/** References to `name` in a subtree. */
function countRefs(n: AnyNode, name: string): number {
  let count = 0;
  eachReference(n, (x) => {
    if (x === name) count++;
  });
  return count;
}

/** `row.f` for the row named `name`: the field, else null. */
function fieldOf(n: AnyNode | null | undefined, name: string): string | null {
  const m = unwrapAwait(n);
  if (m?.type !== 'MemberExpression' || m.computed || m.property?.type !== 'Identifier') return null;
  const obj = unwrapAwait(m.object); // `row!.f`
  return obj?.type === 'Identifier' && obj.name === name ? m.property.name : null;
}

/** The statements of a branch: a block's body or the one statement. */
function branchStatements(n: AnyNode | null | undefined): AnyNode[] {
  if (!n) return [];
  return n.type === 'BlockStatement' ? n.body : [n];
}

/**
 * `if (row.f < v) throw ...` then `await prisma.m.update({ where, data: { f: row.f - k } })`
 * (or `{ f: { decrement: k } }`, the increment checked from above), nothing between: the check
 * and the write as one conditional `updateMany`, which holds no lock:
 *
 *   const { count } = await prisma.m.updateMany({ where: { ...where, f: { gte: v } }, data: { f: { decrement: k } } });
 *   if (count === 0) throw ...
 *
 * The read stays (the code may use the row for other things). Null when the shape differs, the
 * update's result is used, or the row's field is read after the write (it would hold the old
 * value).
 */
function conditionalUpdate(src: string, stmts: AnyNode[], readIdx: number, name: string, clientText: string, model: string, fn: AnyNode, q: string): { start: number; end: number; text: string } | null {
  const ifStmt = stmts[readIdx + 1];
  const writeStmt = stmts[readIdx + 2];
  if (ifStmt?.type !== 'IfStatement' || ifStmt.alternate || writeStmt?.type !== 'ExpressionStatement') return null;
  const fail = branchStatements(ifStmt.consequent);
  const lastFail = fail[fail.length - 1];
  if (!lastFail || !['ThrowStatement', 'ReturnStatement'].includes(lastFail.type)) return null;
  const test = ifStmt.test;
  if (test?.type !== 'BinaryExpression' || !NEGATE[test.operator]) return null;
  let op: string = test.operator;
  let [lhs, rhs] = [test.left, test.right];
  if (!fieldOf(lhs, name) && fieldOf(rhs, name)) {
    [lhs, rhs] = [rhs, lhs];
    op = FLIP[op];
  }
  const field = fieldOf(lhs, name);
  if (!field || referenced(rhs).has(name)) return null;
  // the write: `await <client>.<model>.update({ where: {...}, data: { <field>: ... } })`, its result unused
  const call = unwrapAwait(writeStmt.expression);
  const mc = modelCall(call);
  if (!mc || mc.op !== 'update' || mc.model !== model || src.slice(mc.client.start, mc.client.end) !== clientText || call!.arguments.length !== 1) return null;
  const arg = call!.arguments[0];
  if (arg?.type !== 'ObjectExpression' || arg.properties.length !== 2) return null;
  const propOf = (o: AnyNode, key: string): AnyNode | null => o.properties.find((p: AnyNode) => p.type === 'ObjectProperty' && !p.computed && (p.key?.name ?? p.key?.value) === key) ?? null;
  const where = propOf(arg, 'where')?.value;
  const data = propOf(arg, 'data')?.value;
  if (where?.type !== 'ObjectExpression' || data?.type !== 'ObjectExpression' || data.properties.length !== 1) return null;
  if (where.properties.some((p: AnyNode) => p.type === 'ObjectProperty' && !p.computed && (p.key?.name ?? p.key?.value) === field)) return null;
  const move = propOf(data, field)?.value;
  if (!move) return null;
  let sign = '';
  let amount: AnyNode | null = null;
  if (move.type === 'BinaryExpression' && (move.operator === '-' || move.operator === '+') && fieldOf(move.left, name) === field) [sign, amount] = [move.operator, move.right];
  else if (move.type === 'ObjectExpression' && move.properties.length === 1) {
    const p = move.properties[0];
    const k = p.type === 'ObjectProperty' && !p.computed ? (p.key?.name ?? p.key?.value) : null;
    if (k === 'decrement' || k === 'increment') [sign, amount] = [k === 'decrement' ? '-' : '+', p.value];
  }
  if (!amount || referenced(amount).has(name)) return null;
  // only a move the check guards against: a decrement checked from below, an increment from above
  if ((sign === '-') !== (op === '<' || op === '<=')) return null;
  // the row's field read after the write would hold the value from before the update
  for (const later of stmts.slice(readIdx + 3)) {
    let stale = false;
    walk(later, (x) => {
      if (fieldOf(x, name) === field || (x.type === 'Identifier' && x.name === name && later.type === 'ReturnStatement')) stale = true;
    });
    if (stale) return null;
  }
  const names = referenced(fn);
  const counter = ['count', 'updated', 'updatedRows'].find((n) => !names.has(n));
  if (!counter) return null;
  let lineStart: number = ifStmt.start!;
  while (lineStart > 0 && src[lineStart - 1] !== '\n') lineStart--;
  const indent = src.slice(lineStart, ifStmt.start);
  if (indent.trim() !== '') return null;
  const eol = src.includes('\r\n') ? '\r\n' : '\n';
  const text = (n: AnyNode): string => src.slice(n.start, n.end);
  const whereText = where.properties.length ? `{ ${where.properties.map(text).join(', ')}, ${field}: { ${NEGATE[op]}: ${text(rhs)} } }` : `{ ${field}: { ${NEGATE[op]}: ${text(rhs)} } }`;
  const dataText = `{ ${field}: { ${sign === '-' ? 'decrement' : 'increment'}: ${text(amount)} } }`;
  const target = counter === 'count' ? '{ count }' : `{ count: ${counter} }`;
  const update = `const ${target} = await ${clientText}.${model}.updateMany({ where: ${whereText}, data: ${dataText} });`;
  const failText = text(ifStmt.consequent);
  void q;
  const edit = { start: lineStart, end: writeStmt.end!, text: `${indent}${update}${eol}${indent}if (${counter} === 0) ${failText}` };
  // the row read only for the check: an `...OrThrow` read stays for its not-found error, unbound;
  // any other read goes
  const readStmt = stmts[readIdx];
  const uses = countRefs(fn, name);
  const inMoved = countRefs(readStmt.declarations[0].id, name) + countRefs(ifStmt.test, name) + countRefs(writeStmt, name);
  if (uses > inMoved) return edit;
  const init = readStmt.declarations[0].init;
  const readOp = modelCall(init)?.op ?? '';
  if (/OrThrow$/.test(readOp)) return { start: readStmt.start!, end: edit.end, text: `${text(init)};${src.slice(readStmt.end, lineStart)}${edit.text}` };
  let readLine: number = readStmt.start!;
  while (readLine > 0 && src[readLine - 1] !== '\n') readLine--;
  return { start: readLine, end: edit.end, text: edit.text };
}

export default function transformer(file: FileInfo, api: API, options: CodemodOptions): string | undefined {
  const j = api.jscodeshift;
  const src = file.source;
  const eol = src.includes('\r\n') ? '\r\n' : '\n';
  const q = quoteOf(src) === 'single' ? "'" : '"';
  const edits: Array<{ start: number; end: number; text: string }> = [];
  j(src)
    .find(j.VariableDeclaration)
    .forEach((path) => {
      const decl = path.node as unknown as AnyNode;
      if (!inTarget(decl, options) || decl.declarations.length !== 1) return;
      const d = decl.declarations[0];
      const read = modelCall(d.init);
      if (!read || !READS.has(read.op) || d.id?.type !== 'Identifier') return;
      const body = path.parent?.node as AnyNode;
      const fn = path.parent?.parent?.node as AnyNode;
      if (body?.type !== 'BlockStatement' || !FUNCTIONS.has(fn?.type) || !fn.async) return;
      if (options.conditional) {
        const text = src.slice(read.client.start, read.client.end);
        if (text.includes('\n')) return;
        const e = conditionalUpdate(src, body.body, body.body.indexOf(decl), d.id.name, text, read.model, fn, q);
        if (e) edits.push(e);
        return;
      }
      // already the callback of a `$transaction`
      const outer = path.parent?.parent?.parent?.node as AnyNode | undefined;
      if (outer?.type === 'CallExpression' && outer.callee?.property?.name === '$transaction') return;
      const clientText = src.slice(read.client.start, read.client.end);
      if (clientText.includes('\n')) return;
      const stmts: AnyNode[] = body.body;
      const readIdx = stmts.indexOf(decl);
      const isClientCall = (x: AnyNode): boolean => {
        const mc = x?.type === 'CallExpression' ? modelCall(x) : null;
        return !!mc && src.slice(mc.client.start, mc.client.end) === clientText;
      };
      // the last statement that writes the model
      let writeIdx = -1;
      stmts.forEach((s, i) => {
        if (i < readIdx) return;
        walk(s, (x) => {
          const mc = x.type === 'CallExpression' ? modelCall(x) : null;
          if (mc && isClientCall(x) && WRITES.has(mc.op) && mc.model === read.model) writeIdx = i;
        });
      });
      if (writeIdx < 0) return;
      // reads before the row that the checks use: they move into the transaction
      let startIdx = readIdx;
      const tested = new Set<string>();
      for (const s of stmts.slice(readIdx, writeIdx + 1)) for (const c of conditionsIn(s)) for (const n of referenced(c)) tested.add(n);
      for (let i = readIdx - 1; i >= 0; i--) {
        const s = stmts[i];
        if (s.type !== 'VariableDeclaration' || s.declarations.length !== 1) continue;
        const dd = s.declarations[0];
        const mc = modelCall(dd.init);
        if (dd.id?.type === 'Identifier' && tested.has(dd.id.name) && mc && DEPENDENCY_READS.has(mc.op) && isClientCall(unwrapAwait(dd.init) as AnyNode)) startIdx = i;
      }
      // a `return` before the write's end: the region runs to the end of the body
      const early = stmts.slice(startIdx, writeIdx + 1).some(hasOwnReturn);
      const endIdx = early ? stmts.length - 1 : writeIdx;
      const region = stmts.slice(startIdx, endIdx + 1);
      const rest = stmts.slice(endIdx + 1);
      const hasReturn = region.some(hasOwnReturn);
      // locals of the region the rest of the function uses
      const used = new Set<string>();
      for (const s of rest) for (const n of referenced(s)) used.add(n);
      const carried: string[] = [];
      let carriedKind = 'const';
      for (const s of region) {
        const dcl = declared(s);
        for (const n of dcl.names) if (used.has(n)) carried.push(n);
        if (dcl.names.some((n) => used.has(n)) && dcl.kind !== 'const') carriedKind = 'let';
      }
      if (carried.length && hasReturn) return;
      const unit = /\n(\t+)\S/.test(src) ? '\t' : (/\n( {2,4})\S/.exec(src)?.[1] ?? '  ');
      const first = region[0];
      const last = region[region.length - 1];
      let lineStart = first.start!;
      while (lineStart > 0 && src[lineStart - 1] !== '\n') lineStart--;
      const indent = src.slice(lineStart, first.start).replace(/\S.*$/, '');
      if (src.slice(lineStart, first.start).trim() !== '') return;
      // inner edits: the client renamed to `tx`, side effects queued for after the commit
      const inner: Array<{ start: number; end: number; text: string }> = [];
      let deferred = 0;
      let awaited = false;
      for (const s of region) {
        walk(s, (x) => {
          if (x.type === 'CallExpression' && isClientCall(x)) {
            const mc = modelCall(x)!;
            inner.push({ start: mc.client.start!, end: mc.client.end!, text: 'tx' });
          }
          if (x.type === 'ExpressionStatement') {
            const wasAwaited = x.expression?.type === 'AwaitExpression';
            const call = wasAwaited ? x.expression.argument : x.expression;
            if (isSideEffect(call, src)) {
              deferred++;
              awaited ||= wasAwaited;
              inner.push({ start: x.start!, end: x.end!, text: `afterCommit.push(() => ${src.slice(call.start, call.end)});` });
            }
          }
        });
      }
      // a side effect whose call holds a client call: both edits would overlap
      const sorted = inner.sort((a, b) => b.start - a.start);
      for (let i = 1; i < sorted.length; i++) if (sorted[i].end > sorted[i - 1].start) return;
      let text = src.slice(lineStart, last.end);
      for (const e of sorted) text = text.slice(0, e.start - lineStart) + e.text + text.slice(e.end - lineStart);
      if (carried.length) text += `${eol}${indent}return ${carried.length === 1 ? carried[0] : `{ ${carried.join(', ')} }`};`;
      const reindented = text
        .split(/(\r?\n)/)
        .map((part) => (part === '\n' || part === '\r\n' || part.trim() === '' ? part : unit + part))
        .join('');
      const call = `await ${clientText}.$transaction(async (tx) => {${eol}${reindented}${eol}${indent}}, { isolationLevel: ${q}Serializable${q} });`;
      const runAll = `${indent}for (const run of afterCommit) ${awaited ? 'await ' : ''}run();`;
      let out: string;
      const target = carried.length ? `${carriedKind} ${carried.length === 1 ? carried[0] : `{ ${carried.join(', ')} }`} = ` : '';
      if (!deferred) out = `${indent}${hasReturn ? 'return ' : target}${call}`;
      else {
        const fnNames = referenced(fn);
        const resultName = ['result', 'outcome', 'txResult'].find((n) => !fnNames.has(n));
        if (fnNames.has('afterCommit') || fnNames.has('run') || !resultName) return;
        const queue = `${indent}const afterCommit: Array<() => unknown> = [];${eol}`;
        if (hasReturn) out = `${queue}${indent}const ${resultName} = ${call}${eol}${runAll}${eol}${indent}return ${resultName};`;
        else out = `${queue}${indent}${target}${call}${eol}${runAll}`;
      }
      edits.push({ start: lineStart, end: last.end!, text: out });
    });
  if (!edits.length) return undefined;
  let out = src;
  // overlapping regions (two reads in one function): keep the outermost (first) one
  const kept: typeof edits = [];
  for (const e of edits.sort((a, b) => a.start - b.start)) if (!kept.some((k) => e.start < k.end && e.end > k.start)) kept.push(e);
  for (const e of kept.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
