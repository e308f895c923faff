/**
 * Codemod: run Prisma writes that belong together in one interactive
 * transaction, the way the reviewed race-read-check-write fix does:
 *
 *   const order = await prisma.order.create({ data });
 *   await prisma.orderLine.createMany({ data: lines });
 *   ->
 *   const order = await prisma.$transaction(async (tx) => {
 *     const order = await tx.order.create({ data });
 *     await tx.orderLine.createMany({ data: lines });
 *     return order;
 *   });
 *
 * The region is the smallest run of sibling statements holding the writes
 * (and the side effects before the last of them); the client is renamed to
 * `tx` inside; locals of the region the rest of the function uses are
 * returned from the callback. When a `return` sits inside the region, the
 * region runs to the end of the function body and the transaction's result is
 * returned. Side effects inside the region (fetch, axios, Stripe, e-mail, S3,
 * queues) that are statements of their own are queued and run after the
 * transaction resolves (`afterCommit.push(() => ...)`, then
 * `for (const run of afterCommit) await run();`); one whose result is used
 * cannot wait for the commit: then no fix, and the finding says why.
 */
import { ts } from 'ts-morph';
import type { Fix } from '../../server/src/engine/types';
import type { TextEdit } from '../../server/src/text/edits';
import type { PrismaCall } from '../../server/src/lang/js/prisma';

const SIDE_EFFECT = /(^|\.)(publish|emit|notify|sendMail|sendEmail|send[A-Z]\w*(Email|Mail|Notification)|enqueue|trigger|upload|putObject)$/;

/** A call that talks to the outside world (HTTP, Stripe, e-mail, S3, queues). */
export function isJsSideEffect(call: ts.CallExpression, sf: ts.SourceFile): boolean {
  const callee = call.expression.getText(sf);
  if (SIDE_EFFECT.test(callee)) return true;
  if (/^(fetch|axios|got|ky)(\.|$)/.test(callee)) return true;
  // `s3.send(new PutObjectCommand(...))`, `ses.send(new SendEmailCommand(...))`
  if (/(^|\.)send$/.test(callee) && call.arguments.some((a) => ts.isNewExpression(a) && /(Put|Upload|Delete|Copy)\w*Command$|Send\w*Command$/.test(a.expression.getText(sf)))) return true;
  return /(^|\.)stripe\./i.test(callee) && !/\.\$transaction$/.test(callee);
}

export interface PrismaFixResult {
  fix: Fix | null;
  why?: string;
}

type Fn = ts.FunctionLikeDeclaration;

function isFn(n: ts.Node): boolean {
  return ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n);
}

/** The statement of `block` that holds `n`. */
function childOf(block: ts.Block, n: ts.Node): ts.Statement | null {
  let cur: ts.Node | undefined = n;
  while (cur && cur.parent !== block) cur = cur.parent;
  return (cur as ts.Statement) ?? null;
}

function hasOwnReturn(n: ts.Node): boolean {
  let found = false;
  const visit = (x: ts.Node): void => {
    if (found || isFn(x)) return;
    if (ts.isReturnStatement(x)) found = true;
    ts.forEachChild(x, visit);
  };
  visit(n);
  return found;
}

function references(n: ts.Node, out: Set<string>): void {
  const visit = (x: ts.Node): void => {
    if (ts.isIdentifier(x) && !(ts.isPropertyAccessExpression(x.parent) && x.parent.name === x) && !(ts.isPropertyAssignment(x.parent) && x.parent.name === x)) out.add(x.text);
    ts.forEachChild(x, visit);
  };
  visit(n);
}

function declaredNames(s: ts.Statement): { names: string[]; kind: 'const' | 'let' } {
  if (!ts.isVariableStatement(s)) return { names: [], kind: 'const' };
  const names: string[] = [];
  const bind = (b: ts.BindingName): void => {
    if (ts.isIdentifier(b)) names.push(b.text);
    else for (const e of b.elements) if (!ts.isOmittedExpression(e)) bind(e.name);
  };
  for (const d of s.declarationList.declarations) bind(d.name);
  return { names, kind: s.declarationList.flags & ts.NodeFlags.Const ? 'const' : 'let' };
}

export function prismaTransactionFix(text: string, sf: ts.SourceFile, fn: Fn, writes: PrismaCall[], effects: ts.CallExpression[]): PrismaFixResult {
  if (!fn.body || !ts.isBlock(fn.body)) return { fix: null };
  if (!fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) return { fix: null, why: 'the function is not `async`' };
  const clientText = writes[0].client.getText(sf);
  if (clientText.includes('\n')) return { fix: null };
  // a write in a loop: the whole (outermost) loop runs in the transaction, not each iteration
  const outerLoop = (n: ts.Node): ts.Node => {
    let hit = n;
    for (let cur = n.parent; cur && cur !== fn; cur = cur.parent) {
      if (isFn(cur)) break;
      if (ts.isForStatement(cur) || ts.isForOfStatement(cur) || ts.isForInStatement(cur) || ts.isWhileStatement(cur) || ts.isDoStatement(cur)) hit = cur;
    }
    return hit;
  };
  const nodes: ts.Node[] = [...writes.map((w) => outerLoop(w.call)), ...effects];
  // the smallest block holding every node
  let block: ts.Block | null = null;
  for (let cur: ts.Node | undefined = nodes[0].parent; cur && cur !== fn; cur = cur.parent) {
    if (isFn(cur)) continue;
    if (ts.isBlock(cur) && nodes.every((n) => n.getStart(sf) >= cur!.getStart(sf) && n.getEnd() <= cur!.getEnd())) {
      // not across a nested function (a callback's block is not the function's)
      let inner: ts.Node | undefined = cur;
      let crosses = false;
      for (; inner && inner !== fn; inner = inner.parent) if (isFn(inner)) crosses = true;
      if (crosses) continue;
      block = cur;
      break;
    }
  }
  if (!block) return { fix: null };
  const stmts = block.statements;
  const idx = nodes.map((n) => stmts.indexOf(childOf(block!, n)!));
  if (idx.some((i) => i < 0)) return { fix: null };
  let startIdx = Math.min(...idx);
  let endIdx = Math.max(...idx);
  const early = stmts.slice(startIdx, endIdx + 1).some(hasOwnReturn);
  if (early) {
    if (block !== fn.body) return { fix: null, why: 'a `return` between the writes would leave the transaction early' };
    endIdx = stmts.length - 1;
  }
  const region = stmts.slice(startIdx, endIdx + 1);
  const rest = stmts.slice(endIdx + 1);
  const hasReturn = region.some(hasOwnReturn);
  const used = new Set<string>();
  for (const s of rest) references(s, used);
  // names used after the enclosing block too (the region is in a nested block)
  if (block !== fn.body) {
    for (let cur: ts.Node = block; cur.parent && cur !== fn.body; cur = cur.parent) {
      const outerBlock = cur.parent;
      if (ts.isBlock(outerBlock)) for (const s of outerBlock.statements.slice(outerBlock.statements.indexOf(cur as ts.Statement) + 1)) references(s, used);
    }
  }
  const carried: string[] = [];
  let carriedKind: 'const' | 'let' = 'const';
  for (const s of region) {
    const d = declaredNames(s);
    for (const n of d.names) if (used.has(n)) carried.push(n);
    if (d.names.some((n) => used.has(n)) && d.kind === 'let') carriedKind = 'let';
  }
  if (carried.length && hasReturn) return { fix: null };
  // inner edits: the client renamed to `tx`, side effects queued for after the commit
  const inner: TextEdit[] = [];
  let deferred = 0;
  let awaited = false;
  const fnNames = new Set<string>();
  references(fn, fnNames);
  if (fnNames.has('tx')) return { fix: null };
  let why: string | undefined;
  const visit = (x: ts.Node, loop: boolean): void => {
    if (why) return;
    if (ts.isCallExpression(x) && ts.isPropertyAccessExpression(x.expression) && ts.isPropertyAccessExpression(x.expression.expression)) {
      const client = x.expression.expression.expression;
      if (client.getText(sf) === clientText && !x.expression.expression.name.text.startsWith('$')) inner.push({ start: client.getStart(sf), end: client.getEnd(), newText: 'tx' });
    }
    if (ts.isCallExpression(x) && isJsSideEffect(x, sf)) {
      let st: ts.Node = x.parent;
      const wasAwaited = ts.isAwaitExpression(st);
      if (wasAwaited) st = st.parent;
      if (!ts.isExpressionStatement(st)) {
        why = `the external call \`${x.expression.getText(sf)}(...)\` returns a value the code uses, so it cannot wait for the commit`;
        return;
      }
      if (loop) {
        why = `the external call \`${x.expression.getText(sf)}(...)\` runs in a loop`;
        return;
      }
      deferred++;
      awaited ||= wasAwaited;
      inner.push({ start: st.getStart(sf), end: st.getEnd(), newText: `afterCommit.push(() => ${x.getText(sf)});` });
      return;
    }
    const l = loop || ts.isForStatement(x) || ts.isForOfStatement(x) || ts.isForInStatement(x) || ts.isWhileStatement(x) || isFn(x);
    ts.forEachChild(x, (c) => visit(c, l));
  };
  for (const s of region) visit(s, false);
  if (why) return { fix: null, why };
  const sorted = inner.sort((a, b) => b.start - a.start);
  for (let i = 1; i < sorted.length; i++) if (sorted[i].end > sorted[i - 1].start) return { fix: null };
  const first = region[0];
  const last = region[region.length - 1];
  let lineStart = first.getStart(sf);
  while (lineStart > 0 && text[lineStart - 1] !== '\n') lineStart--;
  if (text.slice(lineStart, first.getStart(sf)).trim() !== '') return { fix: null };
  const indent = text.slice(lineStart, first.getStart(sf));
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const unit = /\n(\t+)\S/.test(text) ? '\t' : (/\n( {2,4})\S/.exec(text)?.[1] ?? '  ');
  let body = text.slice(lineStart, last.getEnd());
  for (const e of sorted) body = body.slice(0, e.start - lineStart) + e.newText + body.slice(e.end - lineStart);
  // template literals spanning lines would change if re-indented
  if (region.some((s) => /`[^`]*\n[^`]*`/.test(s.getText(sf)))) return { fix: null };
  const target = carried.length === 1 ? carried[0] : `{ ${carried.join(', ')} }`;
  if (carried.length) body += `${eol}${indent}return ${target};`;
  const reindented = body
    .split(/(\r?\n)/)
    .map((part) => (part === '\n' || part === '\r\n' || part.trim() === '' ? part : unit + part))
    .join('');
  const call = `await ${clientText}.$transaction(async (tx) => {${eol}${reindented}${eol}${indent}});`;
  const assign = carried.length ? `${carriedKind} ${target} = ` : '';
  let out: string;
  if (!deferred) out = `${indent}${hasReturn ? 'return ' : assign}${call}`;
  else {
    const resultName = ['result', 'outcome', 'txResult'].find((n) => !fnNames.has(n));
    if (fnNames.has('afterCommit') || fnNames.has('run') || !resultName) return { fix: null };
    const queue = `${indent}const afterCommit: Array<() => unknown> = [];${eol}`;
    const runAll = `${indent}for (const run of afterCommit) ${awaited ? 'await ' : ''}run();`;
    if (hasReturn) out = `${queue}${indent}const ${resultName} = ${call}${eol}${runAll}${eol}${indent}return ${resultName};`;
    else out = `${queue}${indent}${assign}${call}${eol}${runAll}`;
  }
  if (!/\.tsx?$/.test(sf.fileName)) out = out.replace('const afterCommit: Array<() => unknown> = [];', 'const afterCommit = [];');
  return {
    fix: {
      title: `Run the writes in \`${clientText}.$transaction\`, with the client renamed to \`tx\`${deferred ? ', external calls after the commit' : ''}`,
      applicability: 'unsafe',
      edits: [{ start: lineStart, end: last.getEnd(), newText: out }],
    },
  };
}
