/**
 * Object literals as options (`cors({ origin, credentials })`, `session({ cookie: { ... } })`):
 * following a name to the literal it is bound to, reading a property, and the edits that add
 * or replace properties in the literal's own layout (one property per line with the same
 * indentation and trailing comma, or inline).
 */
import { ts } from 'ts-morph';
import type { TextEdit } from '../../text/edits';
import { detectEol } from '../../text/positions';
import type { JsBindings } from './bindings';

/** Strips `(...)`, `as T`, `satisfies T`, `x!` around an expression. */
export function unwrapExpression(e: ts.Expression): ts.Expression {
  let cur = e;
  while (ts.isParenthesizedExpression(cur) || ts.isAsExpression(cur) || ts.isSatisfiesExpression(cur) || ts.isNonNullExpression(cur) || ts.isTypeAssertionExpression(cur)) cur = cur.expression;
  return cur;
}

/** The object literal an expression is, or names through a local `const`; null otherwise. */
export function objectLiteralOf(e: ts.Expression | undefined, b: JsBindings): ts.ObjectLiteralExpression | null {
  if (!e) return null;
  let cur = unwrapExpression(e);
  if (ts.isIdentifier(cur)) {
    const v = b.valueOf(cur);
    if (!v) return null;
    cur = unwrapExpression(v);
  }
  return ts.isObjectLiteralExpression(cur) ? cur : null;
}

export function propertyName(p: ts.ObjectLiteralElementLike, sf: ts.SourceFile): string | null {
  if (!p.name) return null;
  if (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isNoSubstitutionTemplateLiteral(p.name)) return p.name.text;
  if (ts.isComputedPropertyName(p.name)) return null;
  return p.name.getText(sf);
}

export type Property = ts.PropertyAssignment | ts.ShorthandPropertyAssignment | ts.MethodDeclaration | ts.AccessorDeclaration;

/** The last `name: value` / shorthand `name` / method `name() {}` of an object literal (a later one wins in JS). */
export function property(obj: ts.ObjectLiteralExpression, name: string, sf: ts.SourceFile): Property | null {
  let found: Property | null = null;
  for (const p of obj.properties) {
    if ((ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isAccessor(p)) && propertyName(p, sf) === name) found = p;
  }
  return found;
}

/** A spread (`...defaults`) may hold any property: nothing is known to be missing. */
export function hasSpread(obj: ts.ObjectLiteralExpression): boolean {
  return obj.properties.some((p) => ts.isSpreadAssignment(p));
}

/** The edit adding `props` (`name: value` texts) to an object literal, in its layout. */
export function addPropertiesEdit(text: string, obj: ts.ObjectLiteralExpression, sf: ts.SourceFile, props: readonly string[]): TextEdit {
  const open = obj.getStart(sf);
  const close = obj.getEnd() - 1; // the `}`
  const list = obj.properties;
  if (!list.length) {
    const inner = text.slice(open + 1, close);
    if (/[\r\n]/.test(inner)) {
      const eol = detectEol(text);
      const indent = lineIndent(text, open);
      return { start: open + 1, end: close, newText: `${eol}${props.map((p) => `${indent}  ${p},`).join(eol)}${eol}${indent}` };
    }
    return { start: open + 1, end: close, newText: ` ${props.join(', ')} ` };
  }
  const last = list[list.length - 1];
  const lastEnd = last.getEnd();
  const between = text.slice(lastEnd, close);
  const comma = between.indexOf(',');
  const trailingComma = comma >= 0 && !/\/[/*]/.test(between.slice(0, comma));
  const multiline = /[\r\n]/.test(text.slice(list[0].getFullStart(), list[0].getStart(sf))) || /[\r\n]/.test(between);
  if (multiline) {
    const eol = detectEol(text);
    const indent = lineIndent(text, last.getStart(sf));
    const at = trailingComma ? lastEnd + comma + 1 : lastEnd;
    const body = props.map((p) => `${indent}${p}`).join(`,${eol}`);
    return { start: at, end: at, newText: `${trailingComma ? '' : ','}${eol}${body}${trailingComma ? ',' : ''}` };
  }
  const at = trailingComma ? lastEnd + comma + 1 : lastEnd;
  return { start: at, end: at, newText: `${trailingComma ? ' ' : ', '}${props.join(', ')}${trailingComma ? ',' : ''}` };
}

function lineIndent(text: string, at: number): string {
  let start = at;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  let end = start;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(start, end);
}

/** The quote the file mostly uses for its string literals. */
export function jsQuote(text: string): "'" | '"' {
  const single = (text.match(/'/g) ?? []).length;
  const double = (text.match(/"/g) ?? []).length;
  return single >= double ? "'" : '"';
}
