/**
 * Codemod: a query built with a template literal or `+` becomes a parameterised one.
 *   pg          `...'${name}'...`  ->  '...$1...', [name]
 *   mysql2      `...'${name}'...`  ->  '...?...', [name]
 *   Prisma      $queryRawUnsafe(`...${id}...`) -> $queryRaw`...${id}...` (the tagged
 *               template sends every substitution as a parameter)
 * The SQL quotes around a value go; a quoted pattern keeps its wildcards in the
 * value (`LIKE '%${q}%'` -> `LIKE $1` with `` `%${q}%` ``).
 */
import { ts } from 'ts-morph';
import type { Fix } from '../../server/src/engine/types';
import type { TextEdit } from '../../server/src/text/edits';
import { VALUE_POSITION } from '../python/sql-string-format';

export type JsPlaceholder = '$n' | '?';

/** A query built with a template literal or `+`: its SQL text around each value, and the values. */
export interface QueryParts {
  lits: string[];
  exprs: ts.Expression[];
}

/** The parts of a template literal; null when its text holds escapes (the author's text is kept, no guess). */
function templateParts(tpl: ts.TemplateExpression): QueryParts | null {
  const lits = [tpl.head.text, ...tpl.templateSpans.map((s) => s.literal.text)];
  const raw = [rawText(tpl.head), ...tpl.templateSpans.map((s) => rawText(s.literal))];
  if (raw.some((r, i) => r !== lits[i])) return null;
  return { lits, exprs: tpl.templateSpans.map((s) => s.expression) };
}

/** `'... ' + a + ' ...'`: string literals without escapes and the values between them; null for any other shape. */
function concatParts(e: ts.BinaryExpression): QueryParts | null {
  const leaves: ts.Expression[] = [];
  const flatten = (n: ts.Expression): void => {
    while (ts.isParenthesizedExpression(n) && ts.isBinaryExpression(n.expression) && n.expression.operatorToken.kind === ts.SyntaxKind.PlusToken) n = n.expression;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      flatten(n.left);
      flatten(n.right);
    } else leaves.push(n);
  };
  flatten(e);
  // the leftmost leaf a string: `a + b + '...'` adds numbers before it concatenates
  if (!ts.isStringLiteral(leaves[0]) && !ts.isNoSubstitutionTemplateLiteral(leaves[0])) return null;
  const lits: string[] = [''];
  const exprs: ts.Expression[] = [];
  for (const leaf of leaves) {
    if (ts.isStringLiteral(leaf) || ts.isNoSubstitutionTemplateLiteral(leaf)) {
      if (/\\|`|\$\{/.test(leaf.getText().slice(1, -1))) return null; // escapes, or text a template would read
      lits[lits.length - 1] += leaf.text;
    } else if (ts.isTemplateExpression(leaf)) {
      return null;
    } else {
      if (lits.length > exprs.length + 1 || (exprs.length && lits[lits.length - 1] === '')) return null; // two values side by side
      exprs.push(leaf);
      lits.push('');
    }
  }
  return { lits, exprs };
}

/** The parts of a query built with a template literal or `+`, else null. */
export function queryParts(e: ts.Expression): QueryParts | null {
  if (ts.isTemplateExpression(e)) return templateParts(e);
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return concatParts(e);
  return null;
}

/** Placeholders for every value of the query; null when a value cannot move (a name where SQL takes no value, an unbalanced quote). */
export function parameteriseTemplate(query: QueryParts, style: JsPlaceholder): { sql: string; values: string[] } | null {
  const lits = query.lits;
  const out: string[] = [lits[0]];
  const values: string[] = [];
  let inQuote = (lits[0].match(/'/g)?.length ?? 0) % 2 === 1;
  for (let i = 0; i < query.exprs.length; i++) {
    let value = query.exprs[i].getText();
    let next = lits[i + 1];
    if (!inQuote && !VALUE_POSITION.test(out.join('').slice(-40))) return null; // `${column}` after SELECT is a name
    if (inQuote) {
      const before = out.pop()!;
      const open = before.lastIndexOf("'");
      const close = next.indexOf("'");
      if (open < 0 || close < 0) return null;
      const lead = before.slice(open + 1);
      const trail = next.slice(0, close);
      if (/[`$\\{}]/.test(lead + trail)) return null;
      out.push(before.slice(0, open));
      next = next.slice(close + 1);
      if (lead || trail) value = `\`${lead}\${${value}}${trail}\``;
    }
    values.push(value);
    out.push(style === '$n' ? `$${values.length}` : '?');
    out.push(next);
    inQuote = (next.match(/'/g)?.length ?? 0) % 2 === 1;
  }
  return { sql: out.join(''), values };
}

function rawText(n: ts.TemplateLiteralLikeNode): string {
  return n.rawText ?? n.text;
}

/** `db.query(`...`)` / `db.query('...' + x)` -> `db.query('...', [values])` in the driver's placeholder style. */
export function driverFix(call: ts.CallExpression, tpl: ts.Expression, style: JsPlaceholder, driver: string, quote: string): Fix | null {
  const parts = queryParts(tpl);
  const p = parts && parameteriseTemplate(parts, style);
  if (!p) return null;
  const sql = p.sql.includes(quote) || /[\r\n]/.test(p.sql) ? `\`${p.sql.replace(/`/g, '\\`')}\`` : `${quote}${p.sql}${quote}`;
  const sf = call.getSourceFile();
  const edits: TextEdit[] = [
    { start: tpl.getStart(sf), end: tpl.getEnd(), newText: sql },
    { start: tpl.getEnd(), end: tpl.getEnd(), newText: `, [${p.values.join(', ')}]` },
  ];
  return { title: `Pass the values as query parameters (\`${style === '$n' ? '$1' : '?'}\`, ${driver})`, applicability: 'unsafe', edits };
}

/** `prisma.$queryRawUnsafe(`...`)` -> `prisma.$queryRaw`...``: every substitution becomes a parameter. */
export function prismaFix(call: ts.CallExpression, tpl: ts.Expression, method: ts.Identifier | ts.PrivateIdentifier): Fix | null {
  const sf = call.getSourceFile();
  const parts = queryParts(tpl);
  const p = parts && parameteriseTemplate(parts, '$n');
  if (!p) return null;
  // quotes around a substitution go: the tagged template binds the value, quoted it would be a literal '$1'
  let i = 0;
  const text = '`' + p.sql.replace(/\$(\d+)/g, () => `\${${p.values[i++]}}`) + '`';
  const tagged = method.text === '$executeRawUnsafe' ? '$executeRaw' : '$queryRaw';
  const args = call.arguments;
  if (args.length !== 1) return null;
  return {
    title: `Use the \`${tagged}\` tagged template (Prisma sends each value as a parameter)`,
    applicability: 'unsafe',
    edits: [
      { start: method.getStart(sf), end: method.getEnd(), newText: tagged },
      { start: call.expression.getEnd(), end: call.getEnd(), newText: text },
    ],
  };
}
