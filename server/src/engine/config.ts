/**
 * Configuration: `.shipguard.json` at the workspace root, or a `"shipguard"`
 * key in `package.json`, or `[tool.shipguard]` in `pyproject.toml` (a small
 * subset of TOML: string, boolean and string-array values, and a
 * `[tool.shipguard.rules]` table). Editor settings are layered on top.
 *
 * Config is data only: nothing from the workspace is ever executed, which is
 * why the extension can run in untrusted workspaces.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Severity } from './types';

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
  /** Problems found while reading config, reported once, never fatal. */
  problems: string[];
}

export const DEFAULT_SENSITIVE_ENDPOINTS = [
  'login', 'signin', 'token', 'register', 'signup', 'password', 'reset', 'otp', 'verify',
  'checkout', 'payment', 'charge', 'subscribe', 'upload', 'export', 'backfill',
];

const SEVERITIES = new Set(['off', 'error', 'warning', 'info', 'hint']);

export function defaultConfig(): ResolvedConfig {
  return {
    rules: {},
    exclude: [],
    sensitiveEndpoints: [...DEFAULT_SENSITIVE_ENDPOINTS],
    unsafeFixes: false,
    maxFileSize: 2_000_000,
    source: null,
    problems: [],
  };
}

/** Layers `over` on top of `base` (rules merged per id, arrays of `exclude` concatenated). */
export function mergeConfig(base: ResolvedConfig, over: UserConfig | undefined, source?: string): ResolvedConfig {
  if (!over) return base;
  const out: ResolvedConfig = { ...base, rules: { ...base.rules }, exclude: [...base.exclude], problems: [...base.problems] };
  if (over.rules && typeof over.rules === 'object') {
    for (const [id, v] of Object.entries(over.rules)) {
      if (typeof v === 'string' && SEVERITIES.has(v)) out.rules[id] = v as RuleSetting;
      else out.problems.push(`${source ?? 'config'}: rule "${id}": expected one of off, error, warning, info, hint`);
    }
  }
  if (Array.isArray(over.exclude)) out.exclude.push(...over.exclude.filter((e) => typeof e === 'string'));
  if (Array.isArray(over.sensitiveEndpoints)) out.sensitiveEndpoints = over.sensitiveEndpoints.filter((e) => typeof e === 'string');
  if (typeof over.unsafeFixes === 'boolean') out.unsafeFixes = over.unsafeFixes;
  if (typeof over.maxFileSize === 'number' && over.maxFileSize > 0) out.maxFileSize = over.maxFileSize;
  if (source) out.source = source;
  return out;
}

/** Reads the workspace config found at `root` (no upward search: the root is the workspace). */
export function loadConfig(root: string): ResolvedConfig {
  const base = defaultConfig();
  const json = path.join(root, '.shipguard.json');
  if (fs.existsSync(json)) {
    try {
      return mergeConfig(base, JSON.parse(fs.readFileSync(json, 'utf8')) as UserConfig, json);
    } catch (e) {
      base.problems.push(`${json}: not valid JSON (${(e as Error).message}); using defaults`);
      return base;
    }
  }
  const pkg = path.join(root, 'package.json');
  if (fs.existsSync(pkg)) {
    try {
      const data = JSON.parse(fs.readFileSync(pkg, 'utf8')) as { shipguard?: UserConfig };
      if (data.shipguard) return mergeConfig(base, data.shipguard, `${pkg} ("shipguard")`);
    } catch {
      // a broken package.json is not ours to report
    }
  }
  const pyproject = path.join(root, 'pyproject.toml');
  if (fs.existsSync(pyproject)) {
    const cfg = readPyprojectSection(fs.readFileSync(pyproject, 'utf8'));
    if (cfg) return mergeConfig(base, cfg, `${pyproject} [tool.shipguard]`);
  }
  return base;
}

/** The `[tool.shipguard]` and `[tool.shipguard.rules]` tables of a pyproject.toml (simple values only). */
export function readPyprojectSection(toml: string): UserConfig | null {
  let section: string | null = null;
  let found = false;
  const cfg: UserConfig = {};
  const rules: Record<string, RuleSetting> = {};
  const lines = toml.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      section = header[1].trim();
      if (section === 'tool.shipguard' || section === 'tool.shipguard.rules') found = true;
      continue;
    }
    if (section !== 'tool.shipguard' && section !== 'tool.shipguard.rules') continue;
    const kv = /^("?[\w.-]+"?)\s*=\s*(.+)$/.exec(line);
    if (!kv) continue;
    const key = kv[1].replace(/"/g, '');
    let raw = kv[2];
    // arrays may span lines
    if (raw.startsWith('[') && !raw.includes(']')) {
      const strip = (l: string | undefined) => (l ?? '').replace(/(^|\s)#.*$/, '').trim();
      while (++i < lines.length && !strip(lines[i]).includes(']')) raw += strip(lines[i]);
      raw += strip(lines[i]);
    }
    let value: unknown;
    try {
      value = JSON.parse(raw.replace(/'/g, '"').replace(/,\s*]/, ']'));
    } catch {
      continue;
    }
    if (section === 'tool.shipguard.rules') {
      if (typeof value === 'string') rules[key] = value as RuleSetting;
    } else if (key === 'exclude' || key === 'sensitive-endpoints' || key === 'sensitiveEndpoints') {
      if (Array.isArray(value)) {
        if (key === 'exclude') cfg.exclude = value as string[];
        else cfg.sensitiveEndpoints = value as string[];
      }
    } else if ((key === 'unsafe-fixes' || key === 'unsafeFixes') && typeof value === 'boolean') {
      cfg.unsafeFixes = value;
    }
  }
  if (!found) return null;
  if (Object.keys(rules).length) cfg.rules = rules;
  return cfg;
}
