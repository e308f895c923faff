/**
 * Codemod: a template-literal query becomes a parameterised one.
 *   pg          `...'${name}'...`  ->  '...$1...', [name]
 *   mysql2      `...'${name}'...`  ->  '...?...', [name]
 *   Prisma      $queryRawUnsafe(`...${id}...`) -> $queryRaw`...${id}...` (the tagged
 *               template sends every substitution as a parameter)
 * The SQL quotes around a value go; a quoted pattern keeps its wildcards in the
 * value (`LIKE '%${q}%'` -> `LIKE $1` with `` `%${q}%` ``).
 */
import { ts } from 'ts-morph';
import type { Fix, TextEdit } from '../../server/src/engine/types';
import { VALUE_POSITION } from '../python/sql-string-format';

export type JsPlaceholder = '$n' | '?';

/** Placeholders for every substitution of `tpl`; null when a substitution cannot move (nested template, unbalanced quote). */
export function parameteriseTemplate(tpl: ts.TemplateExpression, style: JsPlaceholder): { sql: string; values: string[] } | null {
  const lits = [tpl.head.text, ...tpl.templateSpans.map((s) => s.literal.text)];
  const raw = [rawText(tpl.head), ...tpl.templateSpans.map((s) => rawText(s.literal))];
  if (raw.some((r, i) => r !== lits[i])) return null; // escapes: keep the author's text, no guess
  const out: string[] = [lits[0]];
  const values: string[] = [];
  let inQuote = (lits[0].match(/'/g)?.length ?? 0) % 2 === 1;
  for (let i = 0; i < tpl.templateSpans.length; i++) {
    const span = tpl.templateSpans[i];
    let value = span.expression.getText();
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

/** `db.query(`...`)` -> `db.query('...', [values])` in the driver's placeholder style. */
export function driverFix(call: ts.CallExpression, tpl: ts.TemplateExpression, style: JsPlaceholder, driver: string, quote: string): Fix | null {
  const p = parameteriseTemplate(tpl, style);
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
export function prismaFix(call: ts.CallExpression, tpl: ts.TemplateExpression, method: ts.Identifier | ts.PrivateIdentifier): Fix | null {
  const sf = call.getSourceFile();
  const p = parameteriseTemplate(tpl, '$n');
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
