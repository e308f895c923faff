/**
 * jscodeshift transform: Prisma increments computed in JavaScript become
 * atomic database increments.
 *
 *   prisma.post.update({ where: { id }, data: { views: post.views + 1 } })
 *   -> prisma.post.update({ where: { id }, data: { views: { increment: 1 } } })
 *
 * `n: row.n - k` becomes `{ decrement: k }`; `n: k + row.n` becomes `{ increment: k }`.
 * Applies to `data` of update/updateMany and `update` of upsert. Only the value
 * text is replaced, so the rest of the file keeps its formatting.
 *
 * Standalone: `npx jscodeshift -t codemods/js/lost-update-increment.ts --parser=tsx src/`
 * (every site); the engine passes `options.range` to change one site.
 */
import type { API, FileInfo } from 'jscodeshift';
import { inTarget, type CodemodOptions } from '../lib/jscodeshift';

type AnyNode = { type: string; start?: number; end?: number; [k: string]: any };

function keyName(p: AnyNode): string | null {
  const k = p.key;
  if (!k || p.computed) return null;
  if (k.type === 'Identifier') return k.name;
  if (k.type === 'StringLiteral' || k.type === 'Literal') return String(k.value);
  return null;
}

function memberName(e: AnyNode): string | null {
  let x = e;
  while (x?.type === 'TSNonNullExpression' || x?.type === 'ParenthesizedExpression') x = x.expression;
  // `(row?.n ?? 0)`
  if (x?.type === 'LogicalExpression' && (x.operator === '??' || x.operator === '||')) return memberName(x.left);
  if ((x?.type === 'MemberExpression' || x?.type === 'OptionalMemberExpression') && !x.computed && x.property?.type === 'Identifier') return x.property.name;
  return null;
}

/** `n: row.n + k` -> ['increment', k]; `n: row.n - k` -> ['decrement', k]; else null. */
export function incrementOf(p: AnyNode): { op: 'increment' | 'decrement'; amount: AnyNode } | null {
  const name = keyName(p);
  const v = p.value;
  if (!name || v?.type !== 'BinaryExpression' || (v.operator !== '+' && v.operator !== '-')) return null;
  if (memberName(v.left) === name) return { op: v.operator === '+' ? 'increment' : 'decrement', amount: v.right };
  if (v.operator === '+' && memberName(v.right) === name) return { op: 'increment', amount: v.left };
  return null;
}

/** Is this object the `data` of `x.model.update/updateMany(...)` or the `update` of `x.model.upsert(...)`? */
export function isPrismaUpdateData(obj: AnyNode, parentProp: AnyNode | null, call: AnyNode | null): boolean {
  if (!parentProp || !call || call.type !== 'CallExpression') return false;
  const callee = call.callee;
  const op = callee?.type === 'MemberExpression' && !callee.computed ? callee.property?.name : null;
  if (!op || callee.object?.type !== 'MemberExpression') return false;
  const section = keyName(parentProp);
  if ((op === 'update' || op === 'updateMany') && section === 'data') return true;
  return op === 'upsert' && section === 'update';
}

export default function transformer(file: FileInfo, api: API, options: CodemodOptions): string | undefined {
  const j = api.jscodeshift;
  const root = j(file.source);
  const edits: Array<{ start: number; end: number; text: string }> = [];
  root.find(j.ObjectProperty).forEach((path) => {
    const p = path.node as unknown as AnyNode;
    if (!inTarget(p, options)) return;
    const inc = incrementOf(p);
    if (!inc) return;
    const obj = path.parent?.node as AnyNode | undefined;
    const section = path.parent?.parent?.node as AnyNode | undefined;
    const arg = path.parent?.parent?.parent?.node as AnyNode | undefined;
    const call = path.parent?.parent?.parent?.parent?.node as AnyNode | undefined;
    if (obj?.type !== 'ObjectExpression' || section?.type !== 'ObjectProperty' || arg?.type !== 'ObjectExpression') return;
    if (!call || call.arguments?.[0] !== arg || !isPrismaUpdateData(obj, section, call)) return;
    const v = p.value as AnyNode;
    const amount = file.source.slice(inc.amount.start, inc.amount.end);
    edits.push({ start: v.start!, end: v.end!, text: `{ ${inc.op}: ${amount} }` });
  });
  if (!edits.length) return undefined;
  let out = file.source;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
