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
 * The region runs from the read to the end of the function body (so `return`
 * inside it still returns from the function: the transaction's result is
 * returned). Serializable isolation makes PostgreSQL / MySQL abort one of two
 * concurrent transactions that read and write the same row (Prisma error
 * P2034) instead of letting both pass the check; Prisma's default, READ
 * COMMITTED, would not. Standalone: `npx jscodeshift -t codemods/js/race-read-check-write.ts --parser=tsx src/`.
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
      // already the callback of a `$transaction`
      const outer = path.parent?.parent?.parent?.node as AnyNode | undefined;
      if (outer?.type === 'CallExpression' && outer.callee?.property?.name === '$transaction') return;
      const clientText = src.slice(read.client.start, read.client.end);
      if (clientText.includes('\n')) return;
      const stmts: AnyNode[] = body.body;
      const idx = stmts.indexOf(decl);
      const region = stmts.slice(idx);
      // a write of the same model after the read, not already in a transaction
      let hasWrite = false;
      const renames: AnyNode[] = [];
      for (const s of region) {
        walk(s, (x) => {
          const mc = x.type === 'CallExpression' ? modelCall(x) : null;
          if (mc && src.slice(mc.client.start, mc.client.end) === clientText) {
            renames.push(mc.client);
            if (WRITES.has(mc.op) && mc.model === read.model) hasWrite = true;
          }
        });
      }
      if (!hasWrite) return;
      // nested functions' returns do not return from this function
      const hasReturn = region.some((s) => {
        let found = false;
        const visit = (x: AnyNode, inFn: boolean): void => {
          if (!x || typeof x.type !== 'string') return;
          if (x.type === 'ReturnStatement' && !inFn) found = true;
          const nested = inFn || FUNCTIONS.has(x.type);
          for (const k of Object.keys(x)) {
            if (k === 'loc' || k === 'comments') continue;
            const v = x[k];
            if (Array.isArray(v)) v.forEach((c) => visit(c, nested));
            else if (v && typeof v.type === 'string') visit(v, nested);
          }
        };
        visit(s, false);
        return found;
      });
      const first = region[0];
      const last = region[region.length - 1];
      let lineStart = first.start!;
      while (lineStart > 0 && src[lineStart - 1] !== '\n') lineStart--;
      const indent = src.slice(lineStart, first.start).replace(/\S.*$/, '');
      if (src.slice(lineStart, first.start).trim() !== '') return;
      const unit = /\n(\t+)\S/.test(src) ? '\t' : (/\n( {2,4})\S/.exec(src)?.[1] ?? '  ');
      // rename the client inside the region, then indent every line one level deeper
      let text = src.slice(lineStart, last.end);
      for (const c of renames.sort((a, b) => b.start! - a.start!)) {
        text = text.slice(0, c.start! - lineStart) + 'tx' + text.slice(c.end! - lineStart);
      }
      const reindented = text
        .split(/(\r?\n)/)
        .map((part) => (part === '\n' || part === '\r\n' || part.trim() === '' ? part : unit + part))
        .join('');
      const open = `${indent}${hasReturn ? 'return ' : ''}await ${clientText}.$transaction(async (tx) => {${eol}`;
      const close = `${eol}${indent}}, { isolationLevel: ${q}Serializable${q} });`;
      edits.push({ start: lineStart, end: last.end!, text: open + reindented + close });
    });
  if (!edits.length) return undefined;
  let out = src;
  // overlapping regions (two reads in one function): keep the outermost (first) one
  const kept: typeof edits = [];
  for (const e of edits.sort((a, b) => a.start - b.start)) if (!kept.some((k) => e.start < k.end)) kept.push(e);
  for (const e of kept.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
