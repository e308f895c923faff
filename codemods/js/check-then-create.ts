/**
 * jscodeshift transform: a Prisma existence check followed by a create becomes
 * one `upsert`, which the database resolves on the unique `where`:
 *
 *   const existing = await prisma.vote.findUnique({ where: { userId_pollId: { userId, pollId } } });
 *   if (!existing) {
 *     await prisma.vote.create({ data: { userId, pollId, choice } });
 *   }
 *   ->
 *   await prisma.vote.upsert({ where: { userId_pollId: { userId, pollId } }, update: {}, create: { userId, pollId, choice } });
 *
 * Only for `findUnique` (upsert needs a unique `where`), when the `if` has no
 * `else`, its body is just the create on the same model, and the looked-up
 * variable is used nowhere else. Text edits only: the rest of the file keeps
 * its formatting. Standalone: `npx jscodeshift -t codemods/js/check-then-create.ts --parser=tsx src/`.
 */
import type { API, FileInfo } from 'jscodeshift';
import { inTarget, type CodemodOptions } from '../lib/jscodeshift';

type AnyNode = { type: string; start?: number; end?: number; [k: string]: any };

function unwrapAwait(e: AnyNode | null | undefined): AnyNode | null {
  let cur = e ?? null;
  while (cur && (cur.type === 'AwaitExpression' || cur.type === 'ParenthesizedExpression' || cur.type === 'TSNonNullExpression')) cur = cur.argument ?? cur.expression;
  return cur;
}

/** `client.model.op(arg)` -> parts, else null. */
export function modelCall(e: AnyNode | null | undefined): { client: AnyNode; model: string; op: string; arg: AnyNode | null } | null {
  const c = unwrapAwait(e);
  if (c?.type !== 'CallExpression' || c.callee?.type !== 'MemberExpression' || c.callee.computed) return null;
  const m = c.callee.object;
  if (m?.type !== 'MemberExpression' || m.computed || m.property?.type !== 'Identifier') return null;
  const a = c.arguments?.[0];
  return { client: m.object, model: m.property.name, op: c.callee.property?.name, arg: a?.type === 'ObjectExpression' ? a : null };
}

function propOf(obj: AnyNode | null, name: string): AnyNode | null {
  for (const p of obj?.properties ?? []) {
    if (p.type === 'ObjectProperty' && !p.computed && ((p.key.type === 'Identifier' && p.key.name === name) || (p.key.type === 'StringLiteral' && p.key.value === name))) return p;
  }
  return null;
}

function countRefs(j: API['jscodeshift'], scopeNode: AnyNode, name: string): number {
  return j(scopeNode as any).find(j.Identifier, { name }).filter((p) => {
    const parent = p.parent?.node as AnyNode;
    // `{ name: ... }` keys and `x.name` members are not references
    if (parent?.type === 'ObjectProperty' && parent.key === p.node && !parent.shorthand) return false;
    if ((parent?.type === 'MemberExpression' || parent?.type === 'OptionalMemberExpression') && parent.property === p.node && !parent.computed) return false;
    return true;
  }).length;
}

export default function transformer(file: FileInfo, api: API, options: CodemodOptions): string | undefined {
  const j = api.jscodeshift;
  const src = file.source;
  const root = j(src);
  const edits: Array<{ start: number; end: number; text: string }> = [];
  root.find(j.VariableDeclaration).forEach((path) => {
    const decl = path.node as unknown as AnyNode;
    if (!inTarget(decl, options)) return;
    if (decl.declarations.length !== 1) return;
    const d = decl.declarations[0];
    if (d.id?.type !== 'Identifier') return;
    const read = modelCall(d.init);
    if (!read || read.op !== 'findUnique' || !read.arg) return;
    const where = propOf(read.arg, 'where');
    if (!where || read.arg.properties.length !== 1) return;
    const body = path.parent?.node as AnyNode;
    const list: AnyNode[] | undefined = body?.body;
    if (!Array.isArray(list)) return;
    const idx = list.indexOf(decl);
    const ifs = list[idx + 1];
    if (ifs?.type !== 'IfStatement' || ifs.alternate) return;
    const t = ifs.test;
    const negated =
      (t.type === 'UnaryExpression' && t.operator === '!' && t.argument.type === 'Identifier' && t.argument.name === d.id.name) ||
      (t.type === 'BinaryExpression' && ['===', '=='].includes(t.operator) && t.left.type === 'Identifier' && t.left.name === d.id.name && (t.right.type === 'NullLiteral' || (t.right.type === 'Identifier' && t.right.name === 'undefined')));
    if (!negated) return;
    const stmts = ifs.consequent.type === 'BlockStatement' ? ifs.consequent.body : [ifs.consequent];
    if (stmts.length !== 1) return;
    const s = stmts[0];
    const createExpr = s.type === 'ExpressionStatement' ? s.expression : s.type === 'VariableDeclaration' && s.declarations.length === 1 ? s.declarations[0].init : null;
    const create = modelCall(createExpr);
    if (!create || create.op !== 'create' || create.model !== read.model || !create.arg) return;
    if (src.slice(create.client.start, create.client.end) !== src.slice(read.client.start, read.client.end)) return;
    const data = propOf(create.arg, 'data');
    if (!data || create.arg.properties.length !== 1) return;
    // the looked-up row must not be used anywhere else in the block
    if (countRefs(j, body, d.id.name) !== 2) return;
    const client = src.slice(read.client.start, read.client.end);
    const whereText = src.slice(where.value.start, where.value.end);
    const dataText = src.slice(data.value.start, data.value.end);
    const awaitKw = unwrapAwait(d.init) !== d.init ? 'await ' : '';
    edits.push({
      start: decl.start!,
      end: ifs.end!,
      text: `${awaitKw}${client}.${read.model}.upsert({ where: ${whereText}, update: {}, create: ${dataText} });`,
    });
  });
  if (!edits.length) return undefined;
  let out = src;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
