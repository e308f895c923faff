/**
 * Django settings modules, split settings included, for the configuration rules
 * (debug-enabled, cors-wildcard, insecure-session-cookie).
 *
 * A settings module is `settings.py`, a module of a `settings/` package, or a
 * module that assigns `INSTALLED_APPS` / `MIDDLEWARE` / `DATABASES` /
 * `ROOT_URLCONF`. Modules named for development or tests (`settings/dev.py`,
 * `settings_local.py`, `test_settings.py`, `local/settings.py`) are not
 * production.
 *
 * Split settings are read the way Django loads them: `settings/production.py`
 * star-imports `settings/base.py` and overrides some names. A *production
 * entry* is a settings module that production could be started with: named for
 * no development or test purpose and not itself star-imported by another
 * production module of its folder (that one is the entry, `base.py` only a
 * part of it). The value a name has in production is its last assignment along
 * the entry's chain, in source order (`from .base import *` first, then the
 * overrides); star imports of development modules (`try: from .local import *`)
 * are left out. Only module-level statements count (those under a module-level
 * `if` / `try` are assignments too, marked conditional); class-based settings
 * (django-configurations) are not read.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Node } from './tree';
import { parsePythonTree } from './parser';
import { findPythonModule } from './bindings';
import { stringValue } from './ast';
import { FactsIndex, PROJECT_TTL_MS } from '../endpoints/model';
import { isPythonTestCode } from '../scope';

const NON_PRODUCTION = /^(?:dev|devel|development|local|test|tests|testing|ci|debug|sandbox|example|sample)$/i;
const SETTINGS_NAMES = /^\s*(?:INSTALLED_APPS|MIDDLEWARE|DATABASES|ROOT_URLCONF)\s*=/m;
/** Names only a Django settings module assigns at module level: a module in a `settings/` folder without any is a helper. */
const APP_NAMES = new Set(['INSTALLED_APPS', 'MIDDLEWARE', 'DATABASES', 'ROOT_URLCONF']);
const CORE_NAMES = new Set(['INSTALLED_APPS', 'MIDDLEWARE', 'DATABASES', 'ROOT_URLCONF', 'DEBUG', 'SECRET_KEY', 'ALLOWED_HOSTS', 'WSGI_APPLICATION']);

/** Django's own defaults (`django/conf/global_settings.py`): what a project overrides, not a project's settings. */
const FRAMEWORK_DEFAULTS = /(^|[\\/])django[\\/]conf[\\/]global_settings\.py$/;

export function isSettingsModule(filePath: string, text: string): boolean {
  if (FRAMEWORK_DEFAULTS.test(filePath)) return false;
  const parts = filePath.split(/[\\/]/);
  const stem = (parts[parts.length - 1] ?? '').replace(/\.py$/, '');
  return stem === 'settings' || parts[parts.length - 2] === 'settings' || SETTINGS_NAMES.test(text);
}

/** Named for development or tests: the module (`dev.py`, `settings_local.py`, `dev_settings.py`) or its folder (`local/settings.py`, `testproject/settings.py`). */
export function isNonProductionModule(filePath: string): boolean {
  const parts = filePath.split(/[\\/]/);
  const stem = (parts[parts.length - 1] ?? '').replace(/\.py$/, '');
  if (stem.split(/[_.-]/).some((w) => NON_PRODUCTION.test(w))) return true;
  // the module's own folder: `local/settings.py`, a reusable app's `testproject/` or `example_project/`
  const folder = parts[parts.length - 2] ?? '';
  return NON_PRODUCTION.test(folder) || /^(?:tests?|testing|example|sample|demo|dev)[_-]?(?:project|proj|site|app)s?$/i.test(folder);
}

export type ValueKind = 'true' | 'false' | 'none' | 'string' | 'number' | 'list' | 'expr';

/** One module-level assignment of a settings name (plain data: it outlives the tree). */
export interface SettingValue {
  file: string;
  name: string;
  kind: ValueKind;
  /** the value's text (`True`, `"Lax"`, `env.bool("DEBUG")`) */
  text: string;
  /** under a module-level `if` / `try` / `with` block */
  conditional: boolean;
  /** offsets of the assignment statement and of its value */
  start: number;
  end: number;
  valueStart: number;
  valueEnd: number;
}

type Event = { star: string; conditional: boolean } | { assign: SettingValue };

export interface SettingsFacts {
  file: string;
  /** module-level assignments and star imports, in source order */
  events: Event[];
  /** assigns one of the names only a settings module assigns (INSTALLED_APPS, DEBUG, SECRET_KEY...) */
  core: boolean;
  /** assigns INSTALLED_APPS, MIDDLEWARE, DATABASES or ROOT_URLCONF: a settings module wherever it lives */
  appNames: boolean;
  mentionsSessionsApp: boolean;
  mentionsCsrfMiddleware: boolean;
}

function valueKind(v: Node): ValueKind {
  switch (v.type) {
    case 'true':
      return 'true';
    case 'false':
      return 'false';
    case 'none':
      return 'none';
    case 'integer':
    case 'float':
      return 'number';
    case 'string':
      return stringValue(v) !== null ? 'string' : 'expr';
    case 'list':
    case 'tuple':
      return 'list';
    default:
      return 'expr';
  }
}

/** The facts of one module, from its tree. */
export function readSettingsFacts(file: string, root: Node, text: string): SettingsFacts {
  const events: Event[] = [];
  let core = false;
  let appNames = false;
  const walk = (block: Node, conditional: boolean): void => {
    for (const stmt of block.namedChildren) {
      if (stmt.type === 'expression_statement') {
        const a = stmt.namedChildren[0];
        if (a?.type !== 'assignment') continue;
        const left = a.childForFieldName('left');
        const right = a.childForFieldName('right');
        if (left?.type !== 'identifier' || !right) continue;
        if (CORE_NAMES.has(left.text) && !conditional) core = true;
        if (APP_NAMES.has(left.text) && !conditional) appNames = true;
        events.push({ assign: { file, name: left.text, kind: valueKind(right), text: right.text, conditional, start: stmt.startIndex, end: stmt.endIndex, valueStart: right.startIndex, valueEnd: right.endIndex } });
      } else if (stmt.type === 'import_from_statement') {
        if (!stmt.namedChildren.some((c) => c.type === 'wildcard_import')) continue;
        const mod = stmt.childForFieldName('module_name')?.text;
        if (mod) events.push({ star: mod, conditional });
      } else if (stmt.type === 'if_statement' || stmt.type === 'try_statement' || stmt.type === 'with_statement') {
        // the blocks of the statement and of its elif / else / except / finally clauses
        const stack: Node[] = [stmt];
        while (stack.length) {
          const n = stack.pop()!;
          for (const c of n.namedChildren) {
            if (c.type === 'block') walk(c, true);
            else if (/^(elif_clause|else_clause|except_clause|finally_clause)$/.test(c.type)) stack.push(c);
          }
        }
      }
    }
  };
  walk(root, false);
  return {
    file,
    events,
    core,
    appNames,
    mentionsSessionsApp: /django\.contrib\.sessions/.test(text),
    mentionsCsrfMiddleware: /CsrfViewMiddleware/.test(text),
  };
}

/** A module that assigns no upper-case name and star-imports nothing holds no setting (Django reads upper-case names only). */
const MAY_HOLD_SETTINGS = /^[ \t]*[A-Z][A-Z0-9_]*\s*=|import\s+\*/m;
const onDisk = new FactsIndex<SettingsFacts>(MAY_HOLD_SETTINGS, (file, text) => readSettingsFacts(file, parsePythonTree(text), text));
/**
 * What decides whether a module on disk is a settings entry, read from its text: the names
 * assigned at the top level (column 0: no `if` or `try` around them) and the modules it
 * star-imports (`from .base import *`, in any block).
 */
interface EntryFacts {
  appNames: boolean;
  core: boolean;
  stars: string[];
}
const TOP_ASSIGNED = /^([A-Z][A-Z0-9_]*)[ \t]*(?::[^=\n]*)?=(?!=)/gm;
const entryOnDisk = new FactsIndex<EntryFacts>(MAY_HOLD_SETTINGS, (_file, text) => {
  let appNames = false;
  let core = false;
  for (const m of text.matchAll(TOP_ASSIGNED)) {
    if (APP_NAMES.has(m[1])) appNames = true;
    if (CORE_NAMES.has(m[1])) core = true;
  }
  const stars = Array.from(text.matchAll(/^[ \t]*from[ \t]+([\w.]+)[ \t]+import[ \t]+\*/gm), (m) => m[1]);
  return { appNames, core, stars };
});

/** Module files of a folder, listed once per few seconds. */
const folders = new Map<string, { at: number; files: string[] }>();
function siblings(dir: string): string[] {
  const now = Date.now();
  const hit = folders.get(dir);
  if (hit && now - hit.at < PROJECT_TTL_MS) return hit.files;
  let files: string[] = [];
  try {
    // a module with a dot in its stem (`x.fixed.py`) cannot be imported: it is no part of the app
    files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.py') && !path.basename(f, '.py').includes('.'))
      .slice(0, 200)
      .map((f) => path.join(dir, f));
  } catch {
    files = [];
  }
  if (folders.size > 2000) folders.clear();
  folders.set(dir, { at: now, files });
  return files;
}

/** The last assignment of each name along a production entry's chain. */
export type Effective = Map<string, SettingValue>;

/** A production entry: the last value of each name along its chain, and what the chain holds. */
export interface Top {
  file: string;
  effective: Effective;
  /** names some module of the chain assigns unconditionally (defined whatever the environment) */
  always: Set<string>;
  /** `django.contrib.sessions` / `CsrfViewMiddleware` written somewhere in the chain */
  sessionsApp: boolean;
  csrfMiddleware: boolean;
  /** the chain assigns INSTALLED_APPS / MIDDLEWARE (so their contents can be read) */
  definesApps: boolean;
  definesMiddleware: boolean;
}

export interface DjangoSettings {
  /** this module's own facts */
  facts: SettingsFacts;
  /** the production entries whose chain includes this module (itself when it is one) */
  tops: Top[];
  /** this module is a production entry */
  isTop: boolean;
}

/**
 * The settings picture of a Python module: null when it is no part of a production
 * Django settings chain (not a settings module, named for development or tests, test code).
 */
let memo: { path: string; text: string; value: DjangoSettings | null } | null = null;

export function djangoSettings(filePath: string, root: Node, text: string): DjangoSettings | null {
  if (FRAMEWORK_DEFAULTS.test(filePath)) return null;
  if (memo && memo.path === filePath && memo.text === text) return memo.value;
  const value = compute(filePath, root, text);
  memo = { path: filePath, text, value };
  return value;
}

function compute(filePath: string, root: Node, text: string): DjangoSettings | null {
  if (isNonProductionModule(filePath) || isPythonTestCode(filePath, text)) return null;
  const own = readSettingsFacts(filePath, root, text);
  const factsOf = (f: string): SettingsFacts | null => (f === filePath ? own : onDisk.get(f));
  const absolute = path.isAbsolute(filePath);
  const resolveStar = (from: string, mod: string): string | null => (absolute ? findPythonModule(from, mod) : null);
  // whether a module is an entry is read from the text of the modules on disk (only the chains of
  // the entries found are parsed, below)
  const entryOf = (f: string): EntryFacts | null => (f === filePath ? { appNames: own.appNames, core: own.core, stars: own.events.flatMap((e) => ('star' in e ? [e.star] : [])) } : entryOnDisk.get(f));
  const isEntryFile = (f: string, facts: EntryFacts, seen: Set<string>): boolean => {
    if (facts.appNames) return true;
    if (facts.core && (path.basename(f) === 'settings.py' || path.basename(path.dirname(f)) === 'settings')) return true;
    // `production.py`: `from .base import *` plus overrides
    for (const star of facts.stars) {
      const t = resolveStar(f, star);
      if (!t || seen.has(t) || isNonProductionModule(t)) continue;
      seen.add(t);
      const tf = entryOf(t);
      if (tf && isEntryFile(t, tf, seen)) return true;
    }
    return false;
  };
  // who star-imports this module in its folder (production modules only)
  const importers = (f: string): string[] => {
    if (!absolute) return [];
    const out: string[] = [];
    for (const s of siblings(path.dirname(f))) {
      if (s === f || isNonProductionModule(s)) continue;
      // which siblings star-import `f` is read from their text, without parsing them
      const stars = entryOf(s)?.stars;
      if (!stars?.some((m) => resolveStar(s, m) === f)) continue;
      out.push(s);
    }
    return out;
  };
  const tops = new Set<string>();
  const findTops = (f: string, depth: number, seen: Set<string>): void => {
    if (depth > 4 || seen.has(f)) return;
    seen.add(f);
    const up = importers(f);
    if (!up.length) {
      const facts = entryOf(f);
      if (facts && isEntryFile(f, facts, new Set([f]))) tops.add(f);
      return;
    }
    for (const p of up) findTops(p, depth + 1, seen);
  };
  findTops(filePath, 0, new Set());
  if (!tops.size) return null;
  const out: DjangoSettings = { facts: own, tops: [], isTop: tops.has(filePath) };
  for (const t of tops) {
    const effective: Effective = new Map();
    const always = new Set<string>();
    const flags = { sessionsApp: false, csrfMiddleware: false, definesApps: false, definesMiddleware: false };
    const run = (f: string, depth: number, seen: Set<string>): void => {
      const facts = factsOf(f);
      if (!facts || depth > 5 || seen.has(f)) return;
      seen.add(f);
      flags.sessionsApp ||= facts.mentionsSessionsApp;
      flags.csrfMiddleware ||= facts.mentionsCsrfMiddleware;
      for (const e of facts.events) {
        if ('star' in e) {
          const target = resolveStar(f, e.star);
          // a development module pulled in when present (`try: from .local import *`) is not production
          if (target && !isNonProductionModule(target)) run(target, depth + 1, seen);
          continue;
        }
        effective.set(e.assign.name, e.assign);
        if (!e.assign.conditional) always.add(e.assign.name);
        if (e.assign.name === 'INSTALLED_APPS') flags.definesApps = true;
        if (e.assign.name === 'MIDDLEWARE') flags.definesMiddleware = true;
      }
    };
    run(t, 0, new Set());
    out.tops.push({ file: t, effective, always, ...flags });
  }
  return out;
}

/**
 * This module's own unconditional assignments of `name` that production sees: the last
 * assignment of the name along some production entry's chain.
 */
export function productionAssignments(s: DjangoSettings, name: string): SettingValue[] {
  const out: SettingValue[] = [];
  for (const t of s.tops) {
    const v = t.effective.get(name);
    if (v && v.file === s.facts.file && !v.conditional && !out.includes(v)) out.push(v);
  }
  return out;
}

/** The top entry that is this module, when it is one. */
export function ownTop(s: DjangoSettings): Top | null {
  return s.isTop ? (s.tops.find((t) => t.file === s.facts.file) ?? null) : null;
}
