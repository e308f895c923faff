/**
 * Configuration: `.shipguard.json` at the workspace root, or a `"shipguard"`
 * key in `package.json`, or `[tool.shipguard]` in `pyproject.toml` (any valid
 * TOML: tables, dotted keys, inline tables). Editor settings are layered on top.
 *
 * Every source is checked against one JSON Schema (CONFIG_SCHEMA, also written
 * to shipguard.schema.json for editor completion): an unknown key, a mistyped
 * rule id, a wrong type is an error with its location and a "did you mean".
 * A config with errors is not used at all: the CLI stops with status 2, the
 * language server shows the errors once and runs on defaults.
 *
 * Config is data only: nothing from the workspace is ever executed, which is
 * why the extension can run in untrusted workspaces.
 */
import { patternProblem, safePatterns } from './globs';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Severity } from './types';
import { parseToml, TomlError, type TomlValue } from './toml';

export type RuleSetting = Severity | 'off';

export interface UserConfig {
  rules?: Record<string, RuleSetting>;
  exclude?: string[];
  /** Endpoint name fragments that count as sensitive (throttle rules). */
  sensitiveEndpoints?: string[];
  unsafeFixes?: boolean;
  maxFileSize?: number;
}

export interface ResolvedConfig {
  rules: Record<string, RuleSetting>;
  exclude: string[];
  sensitiveEndpoints: string[];
  unsafeFixes: boolean;
  maxFileSize: number;
  /** Where the config came from, for logs. */
  source: string | null;
  /** Problems with editor settings layered on top: logged, the rest applies. */
  problems: string[];
  /** What is wrong with the config file, each with its location; when any, the file was not used. */
  errors: string[];
}

export const DEFAULT_SENSITIVE_ENDPOINTS = [
  'login', 'signin', 'token', 'register', 'signup', 'password', 'reset', 'otp', 'verify',
  'checkout', 'payment', 'charge', 'subscribe', 'upload', 'export', 'backfill',
];

export const SEVERITY_SETTINGS = ['off', 'error', 'warning', 'info', 'hint'] as const;
const SEVERITIES = new Set<string>(SEVERITY_SETTINGS);

export function defaultConfig(): ResolvedConfig {
  return {
    rules: {},
    exclude: [],
    sensitiveEndpoints: [...DEFAULT_SENSITIVE_ENDPOINTS],
    unsafeFixes: false,
    maxFileSize: 2_000_000,
    source: null,
    problems: [],
    errors: [],
  };
}

// ---------------------------------------------------------------------------
// the schema

/** The subset of JSON Schema the config uses (and `validate` implements). */
export interface Schema {
  type?: 'object' | 'array' | 'string' | 'boolean' | 'integer';
  description?: string;
  markdownDescription?: string;
  enum?: readonly string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  propertyNames?: Schema;
  items?: Schema;
  minimum?: number;
  maxLength?: number;
}

/** The config file's schema; `ruleIds` lists the rules a `rules` key may name. */
export function configSchema(ruleIds: readonly string[]): Schema & { $schema: string; title: string } {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'shipguard configuration (.shipguard.json, package.json "shipguard", pyproject.toml [tool.shipguard])',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string', description: 'The JSON Schema of this file (for editors).' },
      rules: {
        type: 'object',
        description: 'Severity per rule id: off, error, warning, info or hint.',
        propertyNames: { enum: ruleIds },
        additionalProperties: { type: 'string', enum: SEVERITY_SETTINGS },
      },
      exclude: {
        type: 'array',
        description: 'Patterns (gitignore syntax, relative to the workspace root) of files not to analyse.',
        items: { type: 'string', maxLength: 1000 },
      },
      sensitiveEndpoints: {
        type: 'array',
        description: 'Words in a route path or handler name that make an endpoint sensitive (throttling rules). Replaces the default list.',
        items: { type: 'string', maxLength: 200 },
      },
      unsafeFixes: { type: 'boolean', description: 'Apply unsafe fixes in `shipguard fix` and fix-all as well.' },
      maxFileSize: { type: 'integer', minimum: 1, description: 'Files larger than this many bytes are skipped.' },
    },
  };
}

/** pyproject.toml spells keys in kebab-case as well. */
const TOML_ALIASES: Record<string, string> = { 'sensitive-endpoints': 'sensitiveEndpoints', 'unsafe-fixes': 'unsafeFixes', 'max-file-size': 'maxFileSize' };

export interface SchemaError {
  /** Key path from the config's top. */
  path: Array<string | number>;
  message: string;
}

/** Checks `value` against `schema`; iterative, so a deeply nested config cannot exhaust the stack. */
export function validate(value: unknown, schema: Schema): SchemaError[] {
  const errors: SchemaError[] = [];
  const todo: Array<{ v: unknown; s: Schema; p: Array<string | number> }> = [{ v: value, s: schema, p: [] }];
  while (todo.length) {
    const { v, s, p } = todo.pop()!;
    const name = p.length ? `"${p.join('.')}"` : 'the configuration';
    const got = describe(v);
    if (s.type) {
      const ok =
        s.type === 'object' ? typeof v === 'object' && v !== null && !Array.isArray(v)
        : s.type === 'array' ? Array.isArray(v)
        : s.type === 'integer' ? typeof v === 'number' && Number.isInteger(v)
        : typeof v === s.type;
      if (!ok) {
        errors.push({ path: p, message: `${name} must be ${article(s.type)}, not ${got}` });
        continue;
      }
    }
    if (s.enum && !s.enum.includes(v as string)) {
      const near = typeof v === 'string' ? closest(v, s.enum) : [];
      errors.push({ path: p, message: `${name} is ${got}; expected one of ${s.enum.join(', ')}${didYouMean(near)}` });
      continue;
    }
    if (typeof v === 'number' && s.minimum !== undefined && v < s.minimum) errors.push({ path: p, message: `${name} must be at least ${s.minimum}` });
    if (typeof v === 'string' && s.maxLength !== undefined && v.length > s.maxLength) errors.push({ path: p, message: `${name} is longer than ${s.maxLength} characters` });
    if (Array.isArray(v) && s.items) v.forEach((item, i) => todo.push({ v: item, s: s.items!, p: [...p, i] }));
    if (s.type === 'object' && typeof v === 'object' && v) {
      const known = Object.keys(s.properties ?? {});
      for (const [k, sub] of Object.entries(v as Record<string, unknown>)) {
        const kp = [...p, k];
        if (s.properties?.[k]) {
          todo.push({ v: sub, s: s.properties[k], p: kp });
          continue;
        }
        if (s.propertyNames?.enum && !s.propertyNames.enum.includes(k)) {
          errors.push({ path: kp, message: `unknown rule "${k}"${didYouMean(closest(k, s.propertyNames.enum))} (\`shipguard rules\` lists them)` });
          continue;
        }
        if (s.additionalProperties === false) {
          errors.push({ path: kp, message: `unknown key "${k}"${didYouMean(closest(k, known.filter((x) => x !== '$schema')))} (keys: ${known.filter((x) => x !== '$schema').join(', ')})` });
          continue;
        }
        if (typeof s.additionalProperties === 'object') todo.push({ v: sub, s: s.additionalProperties, p: kp });
      }
    }
  }
  return errors.sort((a, b) => a.path.join('.').localeCompare(b.path.join('.')));
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v);
  if (typeof v === 'object') return 'an object';
  return `${typeof v === 'number' ? 'the number' : 'the boolean'} ${String(v)}`;
}

function article(type: string): string {
  return { object: 'an object', array: 'an array of strings', string: 'a string', boolean: 'true or false', integer: 'a whole number' }[type] ?? type;
}

function didYouMean(near: string[]): string {
  return near.length ? `; did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : '';
}

/** The candidates nearest to `word` (case and separators ignored), for "did you mean". */
export function closest(word: string, candidates: readonly string[]): string[] {
  const norm = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '');
  const w = norm(word);
  const scored = candidates.map((c) => ({ c, d: editDistance(norm(c), w) })).filter((x) => x.d <= Math.max(2, Math.floor(w.length / 4)));
  const best = Math.min(...scored.map((x) => x.d));
  return scored.filter((x) => x.d === best).map((x) => x.c).slice(0, 3);
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

// ---------------------------------------------------------------------------
// merging and loading

/** Layers `over` on top of `base` (rules merged per id, arrays of `exclude` concatenated); bad values become `problems`. */
export function mergeConfig(base: ResolvedConfig, over: UserConfig | undefined, source?: string): ResolvedConfig {
  if (!over) return base;
  const out: ResolvedConfig = { ...base, rules: { ...base.rules }, exclude: [...base.exclude], problems: [...base.problems], errors: [...base.errors] };
  if (over.rules && typeof over.rules === 'object') {
    for (const [id, v] of Object.entries(over.rules)) {
      if (typeof v === 'string' && SEVERITIES.has(v)) out.rules[id] = v as RuleSetting;
      else out.problems.push(`${source ?? 'config'}: rule "${id}": expected one of off, error, warning, info, hint`);
    }
  }
  if (Array.isArray(over.exclude)) {
    const given = over.exclude.filter((e): e is string => typeof e === 'string');
    out.exclude.push(...safePatterns(given, (p, why) => out.problems.push(`${source ?? 'settings'}: exclude pattern "${p.slice(0, 80)}" ${why}; not used`)));
  }
  if (Array.isArray(over.sensitiveEndpoints)) out.sensitiveEndpoints = over.sensitiveEndpoints.filter((e) => typeof e === 'string');
  if (typeof over.unsafeFixes === 'boolean') out.unsafeFixes = over.unsafeFixes;
  if (typeof over.maxFileSize === 'number' && over.maxFileSize > 0) out.maxFileSize = over.maxFileSize;
  if (source) out.source = source;
  return out;
}

export interface LoadOptions {
  /** Rule ids a config may name; without them rule ids are not checked. */
  ruleIds?: readonly string[];
}

/** Reads the workspace config found at `root` (no upward search: the root is the workspace). */
export function loadConfig(root: string, opts: LoadOptions = {}): ResolvedConfig {
  const base = defaultConfig();
  const found = readConfigSource(root);
  if (!found) return base;
  if ('error' in found) return { ...base, source: found.file, errors: [found.error] };
  const schema = configSchema(opts.ruleIds ?? []);
  if (!opts.ruleIds) delete schema.properties!.rules.propertyNames;
  const errors = validate(found.data, schema).map((e) => `${found.where(e.path)}: ${e.message}`);
  // a valid config is an object; its exclude patterns must also be safe to compile (see globs.ts)
  const exclude = errors.length ? undefined : (found.data as UserConfig).exclude;
  if (Array.isArray(exclude)) {
    exclude.forEach((pattern, i) => {
      const why = typeof pattern === 'string' ? patternProblem(pattern) : null;
      if (why) errors.push(`${found.where(['exclude', i])}: "exclude.${i}" ${why}`);
    });
  }
  if (errors.length) return { ...base, source: found.label, errors };
  return mergeConfig(base, found.data as UserConfig, found.label);
}

type Source =
  | { file: string; error: string }
  | { data: unknown; label: string; file: string; where: (p: Array<string | number>) => string };

/** Text of a config file with a UTF-8 byte order mark removed (editors on Windows write one). */
function readText(file: string): string {
  const text = fs.readFileSync(file, 'utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function readConfigSource(root: string): Source | null {
  const json = path.join(root, '.shipguard.json');
  if (fs.existsSync(json)) {
    let text: string;
    try {
      text = readText(json);
    } catch (e) {
      return { file: json, error: `${json}: cannot read (${(e as NodeJS.ErrnoException).code})` };
    }
    const parsed = parseJsonWithPositions(text);
    if ('error' in parsed) return { file: json, error: `${json}:${parsed.line}:${parsed.column}: not valid JSON: ${parsed.error}` };
    return { data: parsed.value, label: json, file: json, where: (p) => locate(json, parsed.positions, p) };
  }
  const pkg = path.join(root, 'package.json');
  if (fs.existsSync(pkg)) {
    let parsed: ReturnType<typeof parseJsonWithPositions>;
    try {
      parsed = parseJsonWithPositions(readText(pkg));
    } catch (e) {
      return { file: pkg, error: `${pkg}: cannot read (${(e as NodeJS.ErrnoException).code})` };
    }
    if ('error' in parsed) {
      return { file: pkg, error: `${pkg}:${parsed.line}:${parsed.column}: not valid JSON (${parsed.error}), so whether it configures shipguard is unknown` };
    }
    const v = parsed.value as Record<string, unknown> | null;
    if (v && typeof v === 'object' && !Array.isArray(v) && 'shipguard' in v) {
      return { data: v.shipguard, label: `${pkg} ("shipguard")`, file: pkg, where: (p) => locate(pkg, parsed.positions, ['shipguard', ...p]) };
    }
  }
  const pyproject = path.join(root, 'pyproject.toml');
  if (fs.existsSync(pyproject)) {
    let doc: ReturnType<typeof parseToml>;
    try {
      doc = parseToml(readText(pyproject));
    } catch (e) {
      if (e instanceof TomlError) return { file: pyproject, error: `${pyproject}:${e.line}: not valid TOML: ${e.message.replace(/^line \d+: /, '')}` };
      return { file: pyproject, error: `${pyproject}: cannot read (${(e as NodeJS.ErrnoException).code})` };
    }
    const tool = doc.data.tool;
    const section = tool && typeof tool === 'object' && !Array.isArray(tool) ? (tool as Record<string, TomlValue>).shipguard : undefined;
    if (section !== undefined) {
      const data = tomlToConfig(section);
      return {
        data,
        label: `${pyproject} [tool.shipguard]`,
        file: pyproject,
        where: (p) => {
          // the TOML spelling of the key path, found by its original (kebab-case) name
          const original = p.map((k) => (typeof k === 'string' ? (Object.entries(TOML_ALIASES).find(([, v]) => v === k)?.[0] ?? k) : k));
          for (let n = original.length; n >= 0; n--) {
            for (const cand of [original.slice(0, n), p.slice(0, n)]) {
              const line = doc.lines.get(['tool', 'shipguard', ...cand].join('\0'));
              if (line) return `${pyproject}:${line} [tool.shipguard${cand.length ? `.${cand.join('.')}` : ''}]`;
            }
          }
          return `${pyproject} [tool.shipguard]`;
        },
      };
    }
  }
  return null;
}

/** `[tool.shipguard]` as the JSON config would spell it (kebab-case keys accepted). */
function tomlToConfig(section: TomlValue): unknown {
  if (!section || typeof section !== 'object' || Array.isArray(section)) return section;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(section)) out[TOML_ALIASES[k] ?? k] = v;
  return out;
}

/** The `[tool.shipguard]` table of a pyproject.toml as config, or null when it has none (throws on invalid TOML). */
export function readPyprojectSection(toml: string): UserConfig | null {
  const tool = parseToml(toml).data.tool;
  const section = tool && typeof tool === 'object' && !Array.isArray(tool) ? (tool as Record<string, TomlValue>).shipguard : undefined;
  return section === undefined ? null : (tomlToConfig(section) as UserConfig);
}

function locate(file: string, positions: Map<string, { line: number; column: number }>, p: Array<string | number>): string {
  for (let n = p.length; n >= 0; n--) {
    const pos = positions.get(p.slice(0, n).join('\0'));
    if (pos) return `${file}:${pos.line}:${pos.column}`;
  }
  return file;
}

// ---------------------------------------------------------------------------
// JSON with the position of every key

const MAX_JSON_DEPTH = 100;

type JsonParse =
  | { value: unknown; positions: Map<string, { line: number; column: number }> }
  | { error: string; line: number; column: number };

/**
 * JSON.parse's grammar, recording where each key path starts (the key for an
 * object member, the value for an array element) so errors can point at it.
 * Iterative, and nesting is capped: depth costs neither stack nor much heap.
 */
export function parseJsonWithPositions(text: string): JsonParse {
  const positions = new Map<string, { line: number; column: number }>();
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const pos = () => ({ line, column: i - lineStart + 1 });
  const fail = (msg: string): JsonParse => ({ error: msg, ...pos() });
  const ws = () => {
    for (;;) {
      const c = text[i];
      if (c === '\n') {
        line++;
        lineStart = ++i;
      } else if (c === ' ' || c === '\t' || c === '\r') i++;
      else return;
    }
  };
  type Frame = { kind: 'obj'; value: Record<string, unknown>; path: string[]; key?: string } | { kind: 'arr'; value: unknown[]; path: string[] };
  const stack: Frame[] = [];
  let root: unknown;
  let rootSet = false;
  const place = (v: unknown): void => {
    const top = stack[stack.length - 1];
    if (!top) {
      root = v;
      rootSet = true;
    } else if (top.kind === 'arr') top.value.push(v);
    else {
      Object.defineProperty(top.value, top.key!, { value: v, enumerable: true, writable: true, configurable: true });
      top.key = undefined;
    }
  };
  const childPath = (): string[] => {
    const top = stack[stack.length - 1];
    if (!top) return [];
    return top.kind === 'arr' ? [...top.path, String(top.value.length)] : [...top.path, top.key!];
  };
  const scalar = /^(?:"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/;
  for (;;) {
    ws();
    // a value is expected here
    const p = childPath();
    const top = stack[stack.length - 1];
    if (top?.kind === 'arr') positions.set(p.join('\0'), pos());
    const c = text[i];
    if (c === '{' || c === '[') {
      // no config is this deep; a cap keeps paths (and so memory) small
      if (stack.length >= MAX_JSON_DEPTH) return fail(`nested more than ${MAX_JSON_DEPTH} levels deep`);
      i++;
      stack.push(c === '{' ? { kind: 'obj', value: {}, path: p } : { kind: 'arr', value: [], path: p });
      ws();
      if (text[i] === (c === '{' ? '}' : ']')) {
        i++;
        const done = stack.pop()!;
        place(done.value);
      } else if (c === '{') {
        if (text[i] !== '"') return fail('expected a "quoted" key');
        const m = scalar.exec(text.slice(i, i + 10000));
        if (!m || m[0][0] !== '"') return fail('bad key');
        const f = stack[stack.length - 1] as Extract<Frame, { kind: 'obj' }>;
        f.key = JSON.parse(m[0]) as string;
        positions.set([...f.path, f.key].join('\0'), pos());
        i += m[0].length;
        ws();
        if (text[i] !== ':') return fail('expected : after a key');
        i++;
        continue;
      } else continue;
    } else {
      const m = scalar.exec(text.slice(i, i + 1_000_000));
      if (!m) return fail(c === undefined ? 'unexpected end of file' : `unexpected ${JSON.stringify(c)}`);
      i += m[0].length;
      place(JSON.parse(m[0]));
    }
    // after a value: close containers or move to the next member
    for (;;) {
      ws();
      const t = stack[stack.length - 1];
      if (!t) {
        if (i < text.length) return fail(`unexpected ${JSON.stringify(text[i])} after the end of the document`);
        return rootSet ? { value: root, positions } : fail('empty document');
      }
      const close = t.kind === 'obj' ? '}' : ']';
      if (text[i] === close) {
        i++;
        stack.pop();
        place(t.value);
        continue;
      }
      if (text[i] !== ',') return fail(`expected , or ${close}${text[i] === undefined ? ' before the end of the file' : ''}`);
      i++;
      ws();
      if (t.kind === 'obj') {
        const m = text[i] === '"' ? scalar.exec(text.slice(i, i + 10000)) : null;
        if (!m || m[0][0] !== '"') return fail(text[i] === '}' ? 'a trailing comma is not allowed in JSON' : 'expected a "quoted" key');
        t.key = JSON.parse(m[0]) as string;
        positions.set([...t.path, t.key].join('\0'), pos());
        i += m[0].length;
        ws();
        if (text[i] !== ':') return fail('expected : after a key');
        i++;
      } else if (text[i] === ']') return fail('a trailing comma is not allowed in JSON');
      break;
    }
  }
}
