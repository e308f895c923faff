/**
 * sql-string-format, Python: a query built at run time (f-string, `%`, `.format`, `+`,
 * `"".join`) from a value that is not a constant, passed to a DB-API `execute`, Django
 * `raw` / `extra` / `RawSQL`, SQLAlchemy `text` / `exec_driver_sql`, or pandas `read_sql`.
 * A query built only from literals and module constants (a table name from a constant) is
 * not flagged, nor a value passed through `int()` or `quote_name`.
 */
import type { Node } from '../../lang/python/tree';
import type { PyContext, PyDetector } from '../../engine/types';
import { callArgs, keywordArg, positionalArgs } from '../../lang/python/ast';
import { enclosingFunction } from '../../lang/python/django';
import { isPythonTestCode } from '../../lang/scope';
import { builtValues, isBuiltString, levelOf, REQUEST, UNKNOWN } from '../../lang/python/taint';
import { parameteriseFix, VALUE_POSITION, type Placeholder } from '../../../../codemods/python/sql-string-format';

const EXEC_METHODS = new Set(['execute', 'executemany', 'executescript', 'raw', 'exec_driver_sql', 'read_sql', 'read_sql_query', 'mogrify']);
/** SQL a query string starts with or contains: a string that has none of these is not a query. */
const SQL_WORDS = /\b(?:select|insert\s+into|update|delete\s+from|create|drop|alter|truncate|with|pragma|grant|revoke|vacuum|analyze|explain|copy|lock\s+table|set|show|refresh|call|merge|replace\s+into)\b/i;

/** The static text of a built string (its literal parts), for the looks-like-SQL test. */
function staticText(e: Node): string {
  if (e.type === 'string') return e.namedChildren.filter((c) => c.type === 'string_content').map((c) => c.text).join(' ');
  return e.namedChildren.map(staticText).join(' ');
}

/** The placeholder style of the driver the file imports; null when none or several. */
function placeholderStyle(text: string, sinkIsText: boolean): { style: Placeholder; driver: string } | null {
  if (sinkIsText) return { style: ':name', driver: 'SQLAlchemy' };
  const drivers: Array<{ style: Placeholder; driver: string }> = [];
  if (/^\s*(?:import|from)\s+sqlite3\b/m.test(text)) drivers.push({ style: '?', driver: 'sqlite3' });
  const m = /^\s*(?:import|from)\s+(psycopg2?|django|pymysql|MySQLdb|mysql\.connector)\b/m.exec(text);
  if (m) drivers.push({ style: '%s', driver: m[1] === 'django' ? 'Django' : m[1] });
  return drivers.length === 1 ? drivers[0] : null;
}

function sinkArgument(call: Node, ctx: PyContext): { sql: Node; kind: 'exec' | 'text' | 'extra' } | null {
  const fn = call.childForFieldName('function');
  if (!fn) return null;
  if (fn.type === 'attribute') {
    const attr = fn.childForFieldName('attribute')?.text ?? '';
    if (attr === 'extra') {
      for (const k of ['where', 'select', 'tables', 'order_by']) {
        const v = keywordArg(call, k);
        if (v) return { sql: v, kind: 'extra' };
      }
      return null;
    }
    if (!EXEC_METHODS.has(attr) && attr !== 'text' && attr !== 'RawSQL') return null;
    const sql = positionalArgs(call)[0] ?? keywordArg(call, 'sql') ?? keywordArg(call, 'query');
    if (!sql) return null;
    if (attr === 'text' || attr === 'RawSQL') {
      const q = ctx.bindings.resolve(fn);
      return q === 'sqlalchemy.text' || q === 'sqlalchemy.sql.text' || q?.endsWith('.expressions.RawSQL') ? { sql, kind: attr === 'text' ? 'text' : 'exec' } : null;
    }
    return { sql, kind: 'exec' };
  }
  if (fn.type === 'identifier' && (fn.text === 'text' || fn.text === 'RawSQL')) {
    const q = ctx.bindings.resolve(fn);
    if (q !== 'sqlalchemy.text' && q !== 'sqlalchemy.sql.text' && q !== 'sqlalchemy.sql.expression.text' && !q?.endsWith('.expressions.RawSQL')) return null;
    const sql = positionalArgs(call)[0];
    return sql ? { sql, kind: fn.text === 'text' ? 'text' : 'exec' } : null;
  }
  return null;
}

/**
 * An f-string is flagged for a request value anywhere, and for any other non-constant value
 * where SQL takes a value (inside '...' or after `=`, `LIKE`, `LIMIT`...): a table or column
 * name the code computes (`"{table}"`) cannot be a parameter and is not input.
 */
function fstringFlagged(f: Node, level: (e: Node) => number): boolean {
  let before = '';
  let inQuote = false;
  for (const c of f.children) {
    if (c.type === 'string_content' || c.type === 'escape_sequence') {
      before += c.text;
      if ((c.text.match(/'/g)?.length ?? 0) % 2 === 1) inQuote = !inQuote;
    } else if (c.type === 'interpolation' && c.namedChildren[0]) {
      const l = level(c.namedChildren[0]);
      if (l >= REQUEST) return true;
      if (l >= UNKNOWN && (inQuote || VALUE_POSITION.test(before))) return true;
      before = '';
    }
  }
  return false;
}

/**
 * `"... %s ..." % args` under the same rule as an f-string: each `%s` / `%(name)s` is
 * matched with its value; a computed name (`FROM %s` with a quoted table name) is no
 * value and not input, a value where SQL takes one is. Null when the shape is not a
 * literal format string, so the caller falls back to the plain test.
 */
function percentFlagged(b: Node, level: (e: Node) => number): boolean | null {
  if (b.type !== 'binary_operator' || b.childForFieldName('operator')?.text !== '%') return null;
  const left = b.childForFieldName('left');
  const right = b.childForFieldName('right');
  if (!left || !right || left.type !== 'string' || left.namedChildren.some((c) => c.type === 'interpolation')) return null;
  const fmt = left.namedChildren.filter((c) => c.type === 'string_content' || c.type === 'escape_sequence').map((c) => c.text).join('');
  const byKey = new Map<string, Node>();
  let positional: Node[] = [];
  if (right.type === 'tuple' || right.type === 'parenthesized_expression') positional = right.namedChildren.filter((c) => c.type !== 'comment');
  else if (right.type === 'dictionary') {
    for (const pair of right.namedChildren) {
      const k = pair.childForFieldName('key');
      const v = pair.childForFieldName('value');
      if (k?.type === 'string' && v) byKey.set(k.text.slice(1, -1), v);
    }
  } else positional = [right];
  const spec = /%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?([sdifr%])/g;
  let last = 0;
  let before = '';
  let inQuote = false;
  let i = 0;
  for (let m = spec.exec(fmt); m; m = spec.exec(fmt)) {
    const chunk = fmt.slice(last, m.index);
    last = m.index + m[0].length;
    before += chunk;
    if ((chunk.match(/'/g)?.length ?? 0) % 2 === 1) inQuote = !inQuote;
    if (m[2] === '%') continue;
    // `%d` / `%i` / `%f` format a number or raise: no quote can come through them
    if (m[2] !== 's' && m[2] !== 'r') {
      i += m[1] === undefined ? 1 : 0;
      before = '';
      continue;
    }
    const value = m[1] !== undefined ? byKey.get(m[1]) : positional[i++];
    // a dict or tuple held in a name: each value unknown, judged like any value
    const l = value ? level(value) : level(right);
    if (l >= REQUEST) return true;
    if (l >= UNKNOWN && (inQuote || VALUE_POSITION.test(before))) return true;
    before = '';
  }
  return false;
}

/**
 * Names bound with the parameters the query call passes: `where, params = _build_where(filters)`
 * then `execute(sql, params)` (or `[..., *params]`). A helper that returns a clause beside its
 * parameters wrote the clause with placeholders for them; the clause is SQL text, not a value.
 */
function pairedClauses(fn: Node | null, call: Node): Set<string> {
  const out = new Set<string>();
  const passed = positionalArgs(call)[1] ?? keywordArg(call, 'params') ?? keywordArg(call, 'parameters');
  if (!fn || !passed) return out;
  const passedNames = new Set(passed.descendantsOfType('identifier').map((i) => i?.text ?? ''));
  if (passed.type === 'identifier') passedNames.add(passed.text);
  for (const a of fn.descendantsOfType('assignment')) {
    const left = a?.childForFieldName('left');
    if (!left || (left.type !== 'pattern_list' && left.type !== 'tuple_pattern') || a!.childForFieldName('right')?.type !== 'call') continue;
    const names = left.namedChildren.filter((c) => c.type === 'identifier').map((c) => c.text);
    if (names.length === 2 && passedNames.has(names[1]) && !passedNames.has(names[0])) out.add(names[0]);
  }
  return out;
}

export const python: PyDetector = {
  nodeTypes: ['call'],
  requires: /\.(?:execute|executemany|executescript|raw|extra|exec_driver_sql|read_sql|read_sql_query|mogrify)\s*\(|\btext\s*\(|RawSQL/,
  visit(node: Node, ctx: PyContext) {
    const sink = sinkArgument(node, ctx);
    if (!sink) return;
    if (sink.kind === 'exec' && sink.sql.type === 'call' && /(?:^|\.)(?:text|RawSQL)$/.test(sink.sql.childForFieldName('function')?.text ?? '')) return; // the text() call is the sink
    if (isPythonTestCode(ctx.file.path, ctx.file.text)) return;
    const fn = enclosingFunction(node);
    const candidates = sink.sql.type === 'list' || sink.sql.type === 'dictionary' ? sink.sql.namedChildren.map((c) => c.childForFieldName('value') ?? c) : [sink.sql];
    const values = candidates.flatMap((c) => builtValues(c, fn));
    const built = values.filter(isBuiltString);
    if (!built.length) return;
    // `sql = "DELETE ..."; sql += f" AND id = {x}"`: the SQL words may sit in a part that is not built
    if (sink.kind !== 'extra' && !values.some((b) => SQL_WORDS.test(staticText(b)))) return; // `extra(where=...)` is SQL by definition // `extra(where=...)` is SQL by definition
    const tctx = { bindings: ctx.bindings, root: ctx.root };
    const clauses = pairedClauses(fn, node);
    // `where, params = build_where(filters)` and `execute(sql, params)`: the clause was built for those parameters
    const level = (x: Node): number => {
      if (clauses.size && x.type === 'binary_operator' && x.childForFieldName('operator')?.text === '+') return Math.max(level(x.childForFieldName('left')!), level(x.childForFieldName('right')!));
      if (x.type === 'identifier' && clauses.has(x.text)) return 0;
      return levelOf(x, fn, tctx);
    };
    const tainted = built.filter((b) => (b.type === 'string' ? fstringFlagged(b, level) : (percentFlagged(b, level) ?? level(b) >= UNKNOWN)));
    if (!tainted.length) return;
    const how = tainted[0].type === 'string' ? 'an f-string' : tainted[0].type === 'call' ? '`.format()`' : 'string formatting';
    ctx.report({
      // the finding starts at the call: a long query on its own lines still points at the line that runs it
      node,
      start: node.startIndex,
      end: sink.sql.endIndex,
      message: `SQL built with ${how} from a value that is not a constant: a quote in the value changes the query (SQL injection); pass the value as a query parameter`,
      fixes: () => {
        // a query built in the call itself (f-string, `%`, `.format()`, `+`), the call taking no parameters yet
        const f = sink.sql;
        if (sink.kind === 'extra' || tainted[0] !== f) return [];
        let paramsCall: Node | null = node;
        if (sink.kind === 'text') {
          const outer = node.parent?.type === 'argument_list' ? node.parent.parent : null;
          paramsCall = outer?.type === 'call' && /\.(?:execute|exec_driver_sql)$/.test(outer.childForFieldName('function')?.text ?? '') && callArgs(outer).length === 1 ? outer : null;
        } else if (callArgs(node).length !== 1) {
          paramsCall = null;
        }
        const style = placeholderStyle(ctx.file.text, sink.kind === 'text');
        if (!paramsCall || !style) return [];
        return [parameteriseFix(ctx.file.text, f, paramsCall, style.style, (e) => levelOf(e, fn, tctx) >= UNKNOWN, style.driver)];
      },
    });
  },
};
