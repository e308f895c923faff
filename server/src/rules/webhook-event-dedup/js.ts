/**
 * JavaScript / TypeScript detector for `webhook-event-dedup`.
 *
 * A function that builds the event with `<stripe>.webhooks.constructEvent(...)` /
 * `constructEventAsync(...)` (any client instance, `Stripe.webhooks`, an alias) and binds it to a
 * local (or destructures it) is a verified handler. It is flagged when it acts on the event (a
 * call other than logging or the response receives the event or data read from it) and never
 * reads its id: `event.id`, `event["id"]`, `const { id } = event`, the event handed to a helper of
 * this file that reads its id, or handed to code we cannot see (it may deduplicate there).
 * A function that returns the event is a verifying helper, not the handler. Test code is skipped.
 */
import { ts } from 'ts-morph';
import type { Fix, JsContext, JsDetector } from '../../engine/types';
import type { TextEdit } from '../../text/edits';
import { detectEol } from '../../text/positions';
import { isJsTestCode } from '../../lang/scope';
import { MESSAGE, NO_TABLE, prismaEventModel, REQUIRES } from './shared';

type Fn = ts.FunctionLikeDeclaration;

const LOG_METHODS = new Set(['debug', 'info', 'warn', 'warning', 'error', 'log', 'trace', 'fatal']);
const RESPONSE_METHODS = new Set(['json', 'send', 'status', 'sendStatus', 'end', 'redirect', 'text']);
const INERT_FUNCS = new Set(['String', 'Number', 'Boolean', 'stringify', 'parse', 'JSON']);

function isFn(n: ts.Node): n is Fn {
  return ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n);
}

function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAwaitExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e) || ts.isTypeAssertionExpression(e)) e = e.expression;
  return e;
}

function calleeName(e: ts.Expression): string | null {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return null;
}

function rootName(e: ts.Expression): string | null {
  let cur: ts.Expression = e;
  while (ts.isPropertyAccessExpression(cur) || ts.isCallExpression(cur) || ts.isElementAccessExpression(cur)) cur = cur.expression;
  return ts.isIdentifier(cur) ? cur.text : null;
}

/** `console.log(...)`, `logger.info(...)`, `res.status(200).json(...)`, `NextResponse.json(...)`, `JSON.stringify(...)` */
function isInertCall(call: ts.CallExpression, resNames: Set<string>): boolean {
  const callee = call.expression;
  const name = calleeName(callee);
  if (!name) return false;
  if (ts.isIdentifier(callee)) return INERT_FUNCS.has(name);
  const root = rootName(callee) ?? '';
  if (root === 'console' || (/log/i.test(root) && LOG_METHODS.has(name))) return true;
  if (root === 'JSON' || root === 'NextResponse' || root === 'Response') return true;
  if (resNames.has(root) && RESPONSE_METHODS.has(name)) return true;
  return false;
}

function walkAll(n: ts.Node, visit: (n: ts.Node) => void): void {
  visit(n);
  n.forEachChild((c) => walkAll(c, visit));
}

function functionsOf(sf: ts.SourceFile): Map<string, Fn> {
  const out = new Map<string, Fn>();
  walkAll(sf, (n) => {
    if (ts.isFunctionDeclaration(n) && n.name) {
      if (!out.has(n.name.text)) out.set(n.name.text, n);
    } else if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) {
      const init = unwrap(n.initializer);
      if ((ts.isArrowFunction(init) || ts.isFunctionExpression(init)) && !out.has(n.name.text)) out.set(n.name.text, init);
    } else if (ts.isMethodDeclaration(n) && ts.isIdentifier(n.name) && !out.has(n.name.text)) out.set(n.name.text, n);
  });
  return out;
}

function isName(e: ts.Node | undefined, names: Set<string>): boolean {
  if (!e) return false;
  const u = ts.isExpression(e) ? unwrap(e as ts.Expression) : e;
  return ts.isIdentifier(u) && names.has(u.text);
}

function bindsId(p: ts.ObjectBindingPattern): boolean {
  return p.elements.some((el) => !el.dotDotDotToken && ((el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : ts.isIdentifier(el.name) ? el.name.text : '') === 'id'));
}

function aliases(fn: ts.Node, names0: Set<string>): Set<string> {
  const out = new Set(names0);
  for (let pass = 0; pass < 3; pass++) {
    walkAll(fn, (n) => {
      if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && isName(n.initializer, out)) out.add(n.name.text);
    });
  }
  return out;
}

function resParams(fn: Fn): Set<string> {
  const out = new Set<string>(['res', 'response', 'reply', 'ctx']);
  const p = fn.parameters[1];
  if (p && ts.isIdentifier(p.name)) out.add(p.name.text);
  return out;
}

function readsId(fn: Fn, names0: Set<string>, funcs: Map<string, Fn>, depth: number, seen: Set<ts.Node>): boolean {
  if (depth > 3 || seen.has(fn) || !fn.body) return false;
  seen.add(fn);
  const names = aliases(fn.body, names0);
  const res = resParams(fn);
  let found = false;
  // an id only logged or echoed in the response deduplicates nothing
  const inInertCall = (n: ts.Node): boolean => {
    for (let p = n.parent; p && p !== fn.body; p = p.parent) {
      if (!ts.isCallExpression(p)) continue;
      const callee = calleeName(p.expression);
      if (callee && INERT_FUNCS.has(callee) && (ts.isIdentifier(p.expression) || rootName(p.expression) === 'JSON')) continue; // `String(event.id)`
      return isInertCall(p, res); // the first real call the id reaches: a log or a response, or code that may deduplicate
    }
    return false;
  };
  walkAll(fn.body, (n) => {
    if (found) return;
    if (ts.isPropertyAccessExpression(n) && n.name.text === 'id' && isName(n.expression, names)) found = !inInertCall(n);
    else if (ts.isElementAccessExpression(n) && ts.isStringLiteralLike(n.argumentExpression) && n.argumentExpression.text === 'id' && isName(n.expression, names)) found = !inInertCall(n);
    else if (ts.isVariableDeclaration(n) && ts.isObjectBindingPattern(n.name) && n.initializer && isName(n.initializer, names) && bindsId(n.name)) found = true;
    else if (ts.isCallExpression(n)) {
      const idx = n.arguments.findIndex((a) => isName(a, names));
      if (idx < 0 || isInertCall(n, res)) return;
      const callee = n.expression;
      const name = calleeName(callee);
      const local = name && (ts.isIdentifier(callee) || (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword)) ? funcs.get(name) : undefined;
      if (!local) {
        found = true; // code we cannot see may deduplicate
        return;
      }
      const p = local.parameters[idx];
      if (!p) return;
      if (ts.isObjectBindingPattern(p.name)) {
        if (bindsId(p.name)) found = true;
      } else if (ts.isIdentifier(p.name) && readsId(local, new Set([p.name.text]), funcs, depth + 1, seen)) found = true;
    }
  });
  return found;
}

function mentions(n: ts.Node, names: Set<string>): boolean {
  let hit = false;
  walkAll(n, (c) => {
    if (!hit && ts.isIdentifier(c) && names.has(c.text) && !(c.parent && ts.isPropertyAccessExpression(c.parent) && c.parent.name === c)) hit = true;
  });
  return hit;
}

function bindingNames(name: ts.BindingName, out: string[]): void {
  if (ts.isIdentifier(name)) out.push(name.text);
  else for (const el of name.elements) if (!ts.isOmittedExpression(el)) bindingNames(el.name, out);
}

function derived(fn: Fn, names0: Set<string>): Set<string> {
  const out = new Set(names0);
  for (let pass = 0; pass < 4; pass++) {
    let changed = false;
    walkAll(fn.body!, (n) => {
      if (ts.isVariableDeclaration(n) && n.initializer && mentions(n.initializer, out)) {
        const got: string[] = [];
        bindingNames(n.name, got);
        for (const g of got) if (!out.has(g)) {
          out.add(g);
          changed = true;
        }
      } else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left) && !out.has(n.left.text) && mentions(n.right, out)) {
        out.add(n.left.text);
        changed = true;
      }
    });
    if (!changed) break;
  }
  return out;
}

function actsOn(fn: Fn, names: Set<string>): boolean {
  const res = resParams(fn);
  let acts = false;
  walkAll(fn.body!, (n) => {
    if (acts) return;
    if (ts.isCallExpression(n) && !isInertCall(n, res) && n.arguments.some((a) => mentions(a, names))) acts = true;
    else if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment && (ts.isPropertyAccessExpression(n.left) || ts.isElementAccessExpression(n.left)) && mentions(n.right, names) && !mentions(n.left, names)) acts = true;
  });
  return acts;
}

interface Site {
  call: ts.CallExpression;
  /** the statement that binds the event */
  stmt: ts.Statement;
  names: Set<string>;
  /** the event's own name (null when destructured) */
  event: string | null;
}

function constructSite(fn: Fn): Site | null {
  if (!fn.body) return null;
  let site: Site | null | undefined;
  const walk = (n: ts.Node): void => {
    if (site !== undefined) return;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && /^constructEvent(?:Async)?$/.test(n.expression.name.text)) {
      const recv = n.expression.expression;
      const webhooks = ts.isPropertyAccessExpression(recv) ? recv.name.text === 'webhooks' : ts.isIdentifier(recv) && /webhooks/i.test(recv.text);
      if (webhooks) {
        site = bindingOf(n);
        return;
      }
    }
    n.forEachChild((c) => {
      if (!isFn(c)) walk(c);
    });
  };
  walk(fn.body);
  return site ?? null;
}

function bindingOf(call: ts.CallExpression): Site | null {
  let e: ts.Node = call;
  while (e.parent && (ts.isAwaitExpression(e.parent) || ts.isParenthesizedExpression(e.parent) || ts.isAsExpression(e.parent) || ts.isNonNullExpression(e.parent) || ts.isSatisfiesExpression(e.parent))) e = e.parent;
  const p = e.parent;
  if (p && ts.isVariableDeclaration(p) && p.initializer === e) {
    const stmt = p.parent?.parent;
    if (!stmt || !ts.isVariableStatement(stmt)) return null;
    if (ts.isIdentifier(p.name)) return { call, stmt, names: new Set([p.name.text]), event: p.name.text };
    if (ts.isObjectBindingPattern(p.name)) {
      if (bindsId(p.name)) return null; // `const { id, type } = constructEvent(...)`: the id is read
      const got: string[] = [];
      bindingNames(p.name, got);
      return { call, stmt, names: new Set(got), event: null };
    }
    return null;
  }
  if (p && ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right === e && ts.isIdentifier(p.left) && p.parent && ts.isExpressionStatement(p.parent)) {
    return { call, stmt: p.parent, names: new Set([p.left.text]), event: p.left.text };
  }
  return null;
}

function returnsEvent(fn: Fn, names: Set<string>): boolean {
  let hit = false;
  walkAll(fn.body!, (n) => {
    if (ts.isReturnStatement(n) && n.expression && isName(n.expression, names)) hit = true;
  });
  if (ts.isArrowFunction(fn) && !ts.isBlock(fn.body!) && isName(fn.body as ts.Expression, names)) hit = true;
  return hit;
}

// ---------------------------------------------------------------------------
// fix

function bodyStatement(n: ts.Node, fn: Fn): ts.Statement | null {
  let cur: ts.Node = n;
  while (cur.parent && cur.parent !== fn.body) cur = cur.parent;
  return cur.parent === fn.body ? (cur as ts.Statement) : null;
}

function leaves(block: ts.Block | undefined): boolean {
  const last = block?.statements[block.statements.length - 1];
  return !!last && (ts.isReturnStatement(last) || ts.isThrowStatement(last));
}

function insertionAfter(site: Site, fn: Fn): ts.Statement {
  const top = bodyStatement(site.stmt, fn);
  if (!top || top === site.stmt) return site.stmt;
  if (!ts.isTryStatement(top) || site.stmt.parent !== top.tryBlock || top.finallyBlock) return site.stmt;
  if (top.tryBlock.statements[top.tryBlock.statements.length - 1] !== site.stmt) return site.stmt;
  if (!site.event || !leaves(top.catchClause?.block)) return site.stmt;
  return top;
}

function successResponse(fn: Fn, sf: ts.SourceFile, names: Set<string>): string | null {
  const body = fn.body;
  if (!body || !ts.isBlock(body)) return null;
  const last = body.statements[body.statements.length - 1];
  let expr: ts.Expression | undefined;
  if (last && ts.isReturnStatement(last)) expr = last.expression;
  else if (last && ts.isExpressionStatement(last) && ts.isCallExpression(unwrap(last.expression)) && resParams(fn).has(rootName(unwrap(last.expression)) ?? '')) expr = last.expression;
  if (!expr || mentions(expr, names)) return null;
  return expr.getText(sf);
}

function lineIndent(text: string, pos: number): string {
  const ls = text.lastIndexOf('\n', pos - 1) + 1;
  return /^[ \t]*/.exec(text.slice(ls))![0];
}

function clientIn(sf: ts.SourceFile, wanted: string | null): string | null {
  const bound = new Set<string>();
  walkAll(sf, (n) => {
    if (ts.isImportSpecifier(n) || ts.isImportClause(n) || ts.isNamespaceImport(n)) {
      if (n.name) bound.add(n.name.text);
    } else if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) {
      const init = unwrap(n.initializer);
      if ((ts.isNewExpression(init) && /PrismaClient/.test(init.expression.getText(sf))) || ts.isCallExpression(init) || ts.isIdentifier(init)) bound.add(n.name.text);
    }
  });
  for (const c of [wanted, 'prisma', 'db']) if (c && bound.has(c)) return c;
  return null;
}

function dedupFix(fn: Fn, site: Site, ctx: JsContext): Fix | null {
  const sf = ctx.sourceFile;
  const model = prismaEventModel(ctx.file.path);
  if (!model || !site.event) return null;
  if (!fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) return null;
  const client = clientIn(sf, model.client);
  if (!client) return null;
  const names = derived(fn, site.names);
  const resp = successResponse(fn, sf, names);
  if (!resp) return null;
  const text = ctx.file.text;
  const eol = detectEol(text);
  const after = insertionAfter(site, fn);
  const indent = lineIndent(text, after.getStart(sf));
  const unit = /\n( +|\t)\S/.exec(text)?.[1] ?? '  ';
  const q = (text.match(/'/g)?.length ?? 0) > (text.match(/"/g)?.length ?? 0) ? "'" : '"';
  const semi = /;\s*$/m.test(after.getText(sf)) ? ';' : '';
  const isTs = /\.[cm]?tsx?$/.test(ctx.file.path);
  const code = isTs ? `(err as { code?: string }).code` : `err?.code`;
  const ev = site.event;
  const lines = [
    `try {`,
    `${unit}await ${client}.${model.delegate}.create({ data: { ${model.field}: ${ev}.id } })${semi}`,
    `} catch (err) {`,
    `${unit}if (${code} === ${q}P2002${q}) return ${resp}${semi} // this event was already processed`,
    `${unit}throw err${semi}`,
    `}`,
  ];
  const edit: TextEdit = { start: after.getEnd(), end: after.getEnd(), newText: lines.map((l) => `${eol}${indent}${l}`).join('') };
  return {
    title: `Record \`${ev}.id\` with \`${client}.${model.delegate}.create\` first and answer a replayed event (P2002) without processing it again`,
    applicability: 'unsafe',
    edits: [edit],
  };
}

export const js: JsDetector = {
  kinds: [ts.SyntaxKind.FunctionDeclaration, ts.SyntaxKind.FunctionExpression, ts.SyntaxKind.ArrowFunction, ts.SyntaxKind.MethodDeclaration],
  requires: REQUIRES,
  visit(node: ts.Node, ctx: JsContext) {
    if (!isFn(node) || !node.body) return;
    const site = constructSite(node);
    if (!site) return;
    if (isJsTestCode(ctx.file.path, ctx.file.text)) return;
    const names = aliases(node.body, site.names);
    if (returnsEvent(node, names)) return;
    if (site.event && readsId(node, new Set([site.event]), functionsOf(ctx.sourceFile), 0, new Set())) return;
    if (!actsOn(node, derived(node, site.names))) return;
    // computed here (cheap, and only for a flagged handler): the message says when there is none
    const fix = dedupFix(node, site, ctx);
    ctx.report({ node: site.call, message: fix ? MESSAGE : MESSAGE + NO_TABLE, fixes: fix ? [fix] : undefined });
  },
};
