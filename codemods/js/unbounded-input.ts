/**
 * Codemod: parse a number from the request with a bounded helper. `Number(req.query.limit) || 20`
 * becomes `parseBoundedInt(req.query.limit, { fallback: 20 })`, followed by a 400 when it is null
 * (`res.status(400).json(...)`; a Next.js route handler returns `NextResponse.json(...)` /
 * `Response.json(...)`); a conversion inside an expression is hoisted to a `const` before its
 * statement. The helper (added once per file, after the imports) answers null for anything but a
 * whole number and clamps the rest to 0..max (1000 by default, as the Python half).
 */
import { ts } from 'ts-morph';
import type { Fix } from '../../server/src/engine/types';
import type { TextEdit } from '../../server/src/text/edits';
import { jsQuote } from '../../server/src/lang/js/objects';
import { isNextRouteHandler } from '../../server/src/lang/js/taint';

export const HELPER = 'parseBoundedInt';
export const MAXIMUM = 1000;

type Fn = ts.FunctionLikeDeclaration;

function indentUnit(text: string): string {
  const m = /^([ \t]+)\S/m.exec(text);
  return m ? (m[1].startsWith('\t') ? '\t' : m[1].length >= 4 && !/^ {2}\S/m.test(text) ? '    ' : '  ') : '  ';
}

function lineIndent(text: string, pos: number): string {
  const ls = text.lastIndexOf('\n', pos - 1) + 1;
  return /^[ \t]*/.exec(text.slice(ls))![0];
}

function helperDefined(sf: ts.SourceFile): boolean {
  return sf.statements.some((s) => (ts.isFunctionDeclaration(s) && s.name?.text === HELPER)
    || (ts.isVariableStatement(s) && s.declarationList.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === HELPER))
    || (ts.isImportDeclaration(s) && !!s.importClause && new RegExp(`\\b${HELPER}\\b`).test(s.importClause.getText(sf))));
}

function isImportish(s: ts.Statement, sf: ts.SourceFile): boolean {
  if (ts.isImportDeclaration(s) || ts.isImportEqualsDeclaration(s)) return true;
  if (ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression)) return true; // 'use strict' / 'use server'
  if (ts.isVariableStatement(s)) return s.declarationList.declarations.every((d) => !!d.initializer && /^(?:require\(|await import\()/.test(d.initializer.getText(sf)) || /^require\([^)]*\)\.\w+$/.test(d.initializer?.getText(sf) ?? ''));
  return false;
}

/** Names bound or read in the handler (not property names). */
function namesIn(fn: Fn): Set<string> {
  const out = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n)) {
      const p = n.parent;
      if (!(ts.isPropertyAccessExpression(p) && p.name === n) && !(ts.isPropertyAssignment(p) && p.name === n)) out.add(n.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(fn);
  return out;
}

function fieldName(e: ts.Expression): string | null {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  if (ts.isBinaryExpression(e)) return fieldName(e.left);
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) return e.argumentExpression.text;
  if (ts.isCallExpression(e) && e.arguments[0] && ts.isStringLiteralLike(e.arguments[0])) return e.arguments[0].text;
  if (ts.isCallExpression(e) && e.arguments.length === 1 && /^(?:String|decodeURIComponent)$/.test(e.expression.getText())) return fieldName(e.arguments[0]);
  if (ts.isIdentifier(e)) return e.text;
  return null;
}

export function boundedIntFix(text: string, sf: ts.SourceFile, conv: ts.Expression, arg: ts.Expression, value: ts.Expression, fn: Fn, handler: Fn): Fix | null {
  if (fn !== handler || !handler.body || !ts.isBlock(handler.body)) return null;
  const nl = text.includes('\r\n') ? '\r\n' : '\n';
  const q = jsQuote(text);
  const semi = /;\r?$/m.test(text) ? ';' : '';
  const typed = /\.[cm]?tsx?$/.test(sf.fileName);
  // the 400
  let fail: string;
  const next = isNextRouteHandler(handler);
  const field = fieldName(arg) ?? 'value';
  const msg = `${q}${/^[A-Za-z_$][\w$]*$/.test(field) ? field : 'value'} must be a whole number${q}`;
  if (next) {
    const nr = /\bimport\s*\{[^}]*\bNextResponse\b[^}]*\}\s*from\s*['"]next\/server['"]/.test(text);
    fail = `${nr ? 'NextResponse' : 'Response'}.json({ error: ${msg} }, { status: 400 })`;
  } else {
    const res = handler.parameters[1];
    if (!res || !ts.isIdentifier(res.name)) return null;
    fail = `${res.name.text}.status(400).json({ error: ${msg} })`;
  }
  // the call
  let fallback = '';
  const v = value as ts.Expression;
  if (ts.isBinaryExpression(v) && (v.operatorToken.kind === ts.SyntaxKind.BarBarToken || v.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) {
    let r = v.right;
    while (ts.isParenthesizedExpression(r)) r = r.expression;
    if (ts.isNumericLiteral(r)) fallback = `, { fallback: ${r.text} }`;
  }
  const call = `${HELPER}(${arg.getText(sf)}${fallback})`;
  const edits: TextEdit[] = [];
  const decl = value.parent;
  if (ts.isVariableDeclaration(decl) && decl.initializer === value && ts.isIdentifier(decl.name) && ts.isVariableDeclarationList(decl.parent) && decl.parent.declarations.length === 1 && ts.isVariableStatement(decl.parent.parent) && ts.isBlock(decl.parent.parent.parent)) {
    const st = decl.parent.parent;
    const indent = lineIndent(text, st.getStart(sf));
    edits.push({ start: value.getStart(sf), end: value.getEnd(), newText: call });
    // after a trailing `// comment` of the line, which stays with the declaration
    const rest = /^[ \t]*(?:\/\/[^\r\n]*)?/.exec(text.slice(st.getEnd()))![0];
    const after = st.getEnd() + rest.length;
    edits.push({ start: after, end: after, newText: `${nl}${indent}if (${decl.name.text} === null) return ${fail}${semi}` });
  } else {
    let st: ts.Node = value;
    while (st.parent && !ts.isBlock(st.parent)) {
      if (ts.isFunctionLike(st.parent) && st.parent !== handler) return null;
      st = st.parent;
    }
    if (!st.parent || (st.parent as ts.Node) === sf) return null;
    const used = namesIn(handler);
    const prop = ts.isPropertyAssignment(value.parent) && value.parent.initializer === value && ts.isIdentifier(value.parent.name) ? value.parent.name.text : null;
    const ok = /^[A-Za-z_$][\w$]*$/.test(field);
    const name = ok && !used.has(field) ? field : prop && !used.has(prop) ? prop : ok && !used.has(`${field}Number`) ? `${field}Number` : null;
    if (!name) return null;
    const indent = lineIndent(text, st.getStart(sf));
    edits.push({ start: st.getStart(sf), end: st.getStart(sf), newText: `const ${name} = ${call}${semi}${nl}${indent}if (${name} === null) return ${fail}${semi}${nl}${indent}` });
    if (prop === name) edits.push({ start: value.parent.getStart(sf), end: value.getEnd(), newText: name });
    else edits.push({ start: value.getStart(sf), end: value.getEnd(), newText: name });
  }
  if (!helperDefined(sf)) {
    const u = indentUnit(text);
    const sig = typed
      ? `function ${HELPER}(value: unknown, { fallback, max = ${MAXIMUM} }: { fallback?: number; max?: number } = {}): number | null {`
      : `function ${HELPER}(value, { fallback, max = ${MAXIMUM} } = {}) {`;
    const src = [
      `/** A whole number from the request, clamped to 0..max; null (answer a 400) for anything else. */`,
      sig,
      `${u}if (value === undefined || value === null || value === ${q}${q}) return fallback ?? null${semi}`,
      `${u}const number = Number(value)${semi}`,
      `${u}if (!Number.isInteger(number)) return null${semi}`,
      `${u}return Math.max(0, Math.min(number, max))${semi}`,
      `}`,
    ].join(nl);
    const stmts = sf.statements;
    let i = 0;
    while (i < stmts.length && isImportish(stmts[i], sf)) i++;
    if (i === stmts.length) return null;
    const at = stmts[i].getStart(sf);
    edits.push({ start: at, end: at, newText: `${src}${nl}${nl}` });
  }
  return { title: `Parse with \`${HELPER}\` (400 on bad input, at most ${MAXIMUM})`, applicability: 'unsafe', edits };
}
