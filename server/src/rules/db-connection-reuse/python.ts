/**
 * db-connection-reuse, Python: a Django `DATABASES` entry of a production settings module with
 * no `CONN_MAX_AGE` (or `0`), so every request opens, authenticates and closes its own
 * connection, and (PostgreSQL) no `connect_timeout`, so a database that stops answering hangs
 * every worker.
 *
 * Entries are read where settings modules write them: the dicts of a module-level
 * `DATABASES = {...}`, `DATABASES["default"] = {...}`, and `dj_database_url.config(...)` /
 * `.parse(...)` calls (any import form) without `conn_max_age=`. Not flagged: SQLite engines,
 * Django 5.1's pool (`OPTIONS["pool"]`, which needs `CONN_MAX_AGE` 0), pgbouncer set-ups
 * (`DISABLE_SERVER_SIDE_CURSORS`), an entry whose `CONN_MAX_AGE` is set later in the module or
 * in a production module that star-imports it (`DATABASES["default"]["CONN_MAX_AGE"] = 600`),
 * an assignment a later production module overrides, ASGI-only settings, development and test
 * settings.
 */
import * as fs from 'node:fs';
import type { Node } from '../../lang/python/tree';
import type { PyContext, PyDetector } from '../../engine/types';
import { hasKwargsSplat, keywordArg, stringValue } from '../../lang/python/ast';
import { djangoSettings, productionAssignments, type DjangoSettings } from '../../lang/python/settings';
import { outsideProductionPython } from '../../lang/python/django';
import { dbUrlFix, entryFix, type EntryGap } from '../../../../codemods/python/db-connection-reuse';

const DB_URL = new Set(['dj_database_url.config', 'dj_database_url.parse']);
/** `CONN_MAX_AGE` set outside the entry's literal: a subscript write, an `update(...)`. */
const SET_ELSEWHERE = /\[\s*["']CONN_MAX_AGE["']\s*\]\s*=[^=]|\.update\([^)]*\bCONN_MAX_AGE\b|\bsetdefault\(\s*["']CONN_MAX_AGE["']/;
const TIMEOUT_KEY = /^(?:connect_timeout|timeout|read_timeout|connection_timeout)$/;

function key(p: Node): string | null {
  return p.type === 'pair' ? stringValue(p.childForFieldName('key')) : null;
}

function pairOf(dict: Node, name: string): Node | null {
  for (const p of dict.namedChildren) if (key(p) === name) return p.childForFieldName('value');
  return null;
}

function isZero(v: Node | null): boolean {
  return !!v && v.type === 'integer' && Number(v.text) === 0;
}

/** Module level, or under a module-level `if` / `try` / `with` (no function, no class). */
function moduleLevel(n: Node): boolean {
  for (let cur = n.parent; cur; cur = cur.parent) {
    if (cur.type === 'function_definition' || cur.type === 'class_definition' || cur.type === 'lambda') return false;
  }
  return true;
}

/** The module's settings chain: null when no production entry runs it. */
function settingsOf(ctx: PyContext): DjangoSettings | null {
  if (outsideProductionPython(ctx.file.path, ctx.file.text)) return null;
  return djangoSettings(ctx.file.path, ctx.root, ctx.file.text);
}

/** The production entries star-importing this module set `CONN_MAX_AGE` themselves. */
function setByChain(ctx: PyContext, s: DjangoSettings): boolean {
  if (SET_ELSEWHERE.test(ctx.file.text)) return true;
  for (const t of s.tops) {
    if (t.file === ctx.file.path) continue;
    let text = '';
    try {
      text = fs.readFileSync(t.file, 'utf8');
    } catch {
      continue;
    }
    if (/\bCONN_MAX_AGE\b|\bconn_max_age\s*=/.test(text)) return true;
  }
  return false;
}

/** Served through ASGI only: persistent connections are per event-loop task there, Django's docs advise a pool instead. */
function asgiOnly(text: string): boolean {
  return /^\s*ASGI_APPLICATION\s*=/m.test(text) && !/^\s*WSGI_APPLICATION\s*=/m.test(text);
}

function checkEntry(ctx: PyContext, dict: Node, at: Node): void {
  if (dict.type !== 'dictionary') return;
  // `{**base, ...}`: what the splat holds is not read
  if (dict.namedChildren.some((c) => c.type === 'dictionary_splat')) return;
  const engine = pairOf(dict, 'ENGINE');
  if (!engine || /sqlite|dummy/i.test(engine.text)) return;
  const age = pairOf(dict, 'CONN_MAX_AGE');
  if (age && !isZero(age)) return;
  if (pairOf(dict, 'DISABLE_SERVER_SIDE_CURSORS')?.type === 'true') return; // pgbouncer in transaction mode
  const options = pairOf(dict, 'OPTIONS');
  if (options?.type === 'dictionary' && pairOf(options, 'pool')) return; // Django 5.1's pool wants CONN_MAX_AGE 0
  if (options && options.type !== 'dictionary' && /\bpool\b/.test(options.text)) return;
  const postgres = /postgres|postgis|psycopg/i.test(engine.text);
  let optionsGap: EntryGap['options'] = null;
  if (postgres) {
    if (!options) optionsGap = 'add';
    else if (options.type === 'dictionary') {
      const timed = options.namedChildren.some((p) => TIMEOUT_KEY.test(key(p) ?? '') || (key(p) === 'options' && /statement_timeout/.test(p.text)));
      if (!timed) optionsGap = options;
    }
  }
  const gap: EntryGap = { dict, zero: age && isZero(age) ? age : null, options: optionsGap };
  ctx.report({
    node: at,
    message: age
      ? '`CONN_MAX_AGE` is 0: every request opens and closes its own database connection; keep connections for a minute'
      : 'No `CONN_MAX_AGE` in this database entry: every request opens and closes its own database connection' + (postgres && optionsGap ? ', and no `connect_timeout` bounds a connect to a database that stops answering' : ''),
    fixes: () => [entryFix(ctx.file.text, gap)],
  });
}

export const python: PyDetector = {
  nodeTypes: ['assignment', 'call'],
  requires: /\bDATABASES\s*(?:\[[^\]\n]*\]\s*)?=[^=]|dj_database_url/,
  visit(node: Node, ctx: PyContext) {
    if (node.type === 'call') {
      const f = node.childForFieldName('function');
      // cheap first: `config(` / `parse(` or a name imported from dj_database_url
      const last = f?.type === 'identifier' ? f.text : f?.type === 'attribute' ? f.childForFieldName('attribute')?.text : null;
      if (!last || !(last === 'config' || last === 'parse' || ctx.bindings.imports.get(last)?.startsWith('dj_database_url.'))) return;
      const q = f ? ctx.bindings.resolve(f) : null;
      if (!q || !DB_URL.has(q) || !moduleLevel(node) || hasKwargsSplat(node)) return;
      const age = keywordArg(node, 'conn_max_age');
      if (age && !isZero(age)) return;
      // a SQLite URL spelled out in the call (not a `default=` the environment replaces)
      const first = node.childForFieldName('arguments')?.namedChildren[0];
      if (q === 'dj_database_url.parse' && first && /^["']sqlite/.test(first.text)) return;
      const s = settingsOf(ctx);
      if (!s || asgiOnly(ctx.file.text) || setByChain(ctx, s)) return;
      ctx.report({
        node,
        message: age
          ? '`conn_max_age=0`: every request opens and closes its own database connection; keep connections for a minute'
          : '`dj_database_url` without `conn_max_age`: every request opens and closes its own database connection',
        fixes: () => [dbUrlFix(ctx.file.text, node, age, ctx.file.path)],
      });
      return;
    }
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (!left || !right || !moduleLevel(node)) return;
    const whole = left.type === 'identifier' && left.text === 'DATABASES';
    const one = left.type === 'subscript' && left.childForFieldName('value')?.text === 'DATABASES';
    if (!whole && !one) return;
    if (right.type !== 'dictionary') return;
    const s = settingsOf(ctx);
    if (!s) return;
    if (asgiOnly(ctx.file.text)) return;
    // a DATABASES that a later production module replaces is not what production runs
    const stmt = node.parent;
    if (whole && stmt?.parent?.type === 'module' && s.tops.length && !productionAssignments(s, 'DATABASES').some((v) => v.start === stmt.startIndex)) return;
    if (setByChain(ctx, s)) return;
    if (one) {
      checkEntry(ctx, right, left);
      return;
    }
    for (const p of right.namedChildren) {
      if (p.type !== 'pair') continue;
      const v = p.childForFieldName('value');
      const k = p.childForFieldName('key');
      if (v && k) checkEntry(ctx, v, k);
    }
  },
};
