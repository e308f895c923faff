/**
 * sql-string-format, JavaScript / TypeScript: a query built with a template literal or `+`
 * from a value that is not a constant, passed to `query` / `execute` (pg, mysql2, knex
 * `raw`, Sequelize, TypeORM) or Prisma `$queryRawUnsafe` / `$executeRawUnsafe`.
 */
import { ts } from 'ts-morph';
import type { JsContext, JsDetector } from '../../engine/types';
import { isJsTestCode, isBrowserModule } from '../../lang/scope';
import { builtValues, enclosingFn, isBuiltString, levelOf, REQUEST, staticText, UNKNOWN } from '../../lang/js/taint';
import { VALUE_POSITION } from '../../../../codemods/python/sql-string-format';
import { driverFix, prismaFix, queryParts, type JsPlaceholder } from '../../../../codemods/js/sql-string-format';

const METHODS = new Set(['query', 'execute', 'raw', '$queryRawUnsafe', '$executeRawUnsafe', 'unsafe', 'whereRaw', 'orderByRaw', 'havingRaw']);
const SQL_WORDS = /\b(?:select|insert\s+into|update|delete\s+from|create|drop|alter|truncate|with|grant|vacuum|explain|copy|set|show|refresh|call|merge|replace\s+into|order\s+by|where)\b/i;

/** The placeholder style of the one SQL driver the file imports. */
function driverStyle(text: string): { style: JsPlaceholder; driver: string } | null {
  const found: Array<{ style: JsPlaceholder; driver: string }> = [];
  if (/(?:from\s+|require\(\s*)['"](?:pg|pg-pool)['"]/.test(text)) found.push({ style: '$n', driver: 'pg' });
  if (/(?:from\s+|require\(\s*)['"](?:mysql2?|mysql2\/promise)['"]/.test(text)) found.push({ style: '?', driver: 'mysql2' });
  if (/(?:from\s+|require\(\s*)['"](?:sqlite3|better-sqlite3)['"]/.test(text)) found.push({ style: '?', driver: 'sqlite' });
  return found.length === 1 ? found[0] : null;
}

/**
 * A template is flagged for a request value anywhere, and for any other non-constant value
 * where SQL takes a value (inside '...' or after `=`, `LIKE`, `LIMIT`...): a table or column
 * name the code computes (`"${this.tableName}"`) cannot be a parameter and is not input.
 */
function templateFlagged(tpl: ts.TemplateExpression, level: (e: ts.Expression) => number): boolean {
  let before = tpl.head.text;
  let inQuote = (before.match(/'/g)?.length ?? 0) % 2 === 1;
  for (const span of tpl.templateSpans) {
    const l = level(span.expression);
    if (l >= REQUEST) return true;
    if (l >= UNKNOWN && (inQuote || VALUE_POSITION.test(before))) return true;
    before = span.literal.text;
    if ((before.match(/'/g)?.length ?? 0) % 2 === 1) inQuote = !inQuote;
  }
  return false;
}

export const js: JsDetector = {
  kinds: [ts.SyntaxKind.CallExpression],
  requires: /\.(?:query|execute|raw|\$queryRawUnsafe|\$executeRawUnsafe|unsafe|whereRaw|orderByRaw|havingRaw)\s*\(/,
  visit(node: ts.Node, ctx: JsContext) {
    const call = node as ts.CallExpression;
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee) || !METHODS.has(callee.name.text)) return;
    const sqlArg = call.arguments[0];
    if (!sqlArg) return;
    if (isJsTestCode(ctx.file.path, ctx.file.text) || isBrowserModule(ctx.file.path, ctx.file.text)) return;
    const fn = enclosingFn(call);
    const values = builtValues(sqlArg, fn);
    const built = values.filter(isBuiltString);
    // `let sql = 'DELETE ...'; sql += ` AND id = ${id}``: the SQL words may sit in a part that is not built
    if (!built.length || !values.some((b) => SQL_WORDS.test(staticText(b)))) return;
    const tctx = { bindings: ctx.bindings, sourceFile: ctx.sourceFile };
    const tainted = built.filter((b) => (ts.isTemplateExpression(b) ? templateFlagged(b, (x) => levelOf(x, fn, tctx)) : levelOf(b, fn, tctx) >= UNKNOWN));
    if (!tainted.length) return;
    const method = callee.name.text;
    ctx.report({
      // the finding starts at the call: a long query on its own lines still points at the line that runs it
      node: call,
      start: call.getStart(ctx.sourceFile),
      end: sqlArg.getEnd(),
      message: `SQL built with ${ts.isTemplateExpression(tainted[0]) ? 'a template literal' : 'string concatenation'} from a value that is not a constant: a quote in the value changes the query (SQL injection); ${method.startsWith('$') ? 'use the `$queryRaw` tagged template' : 'pass the value as a query parameter'}`,
      fixes: () => {
        // a query built in the call itself: a template literal or `+`
        const parts = sqlArg === tainted[0] ? queryParts(sqlArg) : null;
        if (!parts) return [];
        // every substitution must be a value: a constant one is SQL text (a table name) the fix would turn into a parameter
        if (parts.exprs.some((e) => levelOf(e, fn, tctx) < UNKNOWN)) return [];
        if (method === '$queryRawUnsafe' || method === '$executeRawUnsafe') return [prismaFix(call, sqlArg, callee.name)];
        if (call.arguments.length !== 1 || (method !== 'query' && method !== 'execute')) return [];
        const d = driverStyle(ctx.file.text);
        if (!d) return [];
        const quote = (ctx.file.text.match(/'/g)?.length ?? 0) >= (ctx.file.text.match(/"/g)?.length ?? 0) ? "'" : '"';
        return [driverFix(call, sqlArg, d.style, d.driver, quote)];
      },
    });
  },
};
