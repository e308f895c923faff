/**
 * Settings per resource: the workspace folder's config file (`.shipguard.json`,
 * `package.json` "shipguard", `[tool.shipguard]`) with the client's
 * `shipguard.*` settings layered on top.
 *
 * Nothing is kept in globals: results are cached per resource URI and per
 * folder, and both caches are cleared when the configuration or a config file
 * changes (vscode-eslint's "settings must never be stored in globals").
 */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ignore, { type Ignore } from 'ignore';
import { RULES } from '../rules';
import { RuleRegistry } from '../engine/registry';
import { defaultConfig, loadConfig, mergeConfig, type ResolvedConfig, type RuleSetting } from '../engine/config';

/** The `shipguard.*` settings as the client sends them. */
export interface ClientSettings {
  enable: boolean;
  rules: Record<string, RuleSetting>;
  unsafeFixes: boolean;
  exclude: string[];
  maxFileSize: number;
}

export const DEFAULT_MAX_FILE_SIZE = 2_000_000;

export const DEFAULT_CLIENT_SETTINGS: ClientSettings = {
  enable: true,
  rules: {},
  unsafeFixes: false,
  exclude: [],
  maxFileSize: DEFAULT_MAX_FILE_SIZE,
};

export interface EffectiveSettings {
  enable: boolean;
  config: ResolvedConfig;
  unsafeFixes: boolean;
  /** File system path of the workspace folder the resource belongs to (null: untitled or outside every folder). */
  folder: string | null;
  /** Matches paths relative to `folder` against the exclude globs. */
  excluded(fsPath: string): boolean;
}

export interface SettingsHost {
  /** Fetches `shipguard` settings for a resource (workspace/configuration), or null when the client cannot. */
  fetch(scopeUri: string | undefined): Promise<Partial<ClientSettings> | null>;
  folders(): string[];
  log(message: string): void;
  /** The folder's config file has errors (it is not used), or none any more (an empty list). */
  configErrors?(folder: string, errors: string[]): void;
}

/** Turns a client value into ClientSettings, ignoring what has the wrong type. */
export function normaliseClientSettings(raw: unknown): ClientSettings {
  const out: ClientSettings = { ...DEFAULT_CLIENT_SETTINGS, rules: {}, exclude: [] };
  if (!raw || typeof raw !== 'object') return out;
  const r = raw as Record<string, unknown>;
  if (typeof r.enable === 'boolean') out.enable = r.enable;
  if (typeof r.unsafeFixes === 'boolean') out.unsafeFixes = r.unsafeFixes;
  if (typeof r.maxFileSize === 'number' && r.maxFileSize > 0) out.maxFileSize = r.maxFileSize;
  if (Array.isArray(r.exclude)) out.exclude = r.exclude.filter((x): x is string => typeof x === 'string');
  if (r.rules && typeof r.rules === 'object') {
    for (const [id, v] of Object.entries(r.rules as Record<string, unknown>)) {
      if (typeof v === 'string') out.rules[id] = v as RuleSetting;
    }
  }
  return out;
}

/**
 * One spelling per file URI. Editors encode paths differently (VS Code writes
 * `%5B` for `[` and `%28` for `(`, Node's pathToFileURL does not), and Next.js
 * route folders (`app/[id]/`, `(auth)/`) are full of such characters.
 */
export function canonicalUri(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return pathToFileURL(fileURLToPath(uri)).href;
  } catch {
    return uri;
  }
}

export function uriToPath(uri: string): string | null {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : null;
  } catch {
    return null;
  }
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export class SettingsCache {
  private readonly perResource = new Map<string, Promise<EffectiveSettings>>();
  private readonly perFolder = new Map<string, ResolvedConfig>();
  /** Settings pushed with didChangeConfiguration, for clients without workspace/configuration. */
  private pushed: Partial<ClientSettings> | null = null;

  constructor(private readonly host: SettingsHost) {}

  /** Forget everything (didChangeConfiguration, a config file changed, folders changed). */
  clear(pushed?: unknown): void {
    this.perResource.clear();
    this.perFolder.clear();
    if (pushed !== undefined) this.pushed = pushed && typeof pushed === 'object' ? (pushed as Partial<ClientSettings>) : null;
  }

  /** The innermost workspace folder containing the path. */
  folderOf(fsPath: string | null): string | null {
    if (!fsPath) return null;
    let best: string | null = null;
    for (const f of this.host.folders()) {
      if (isInside(fsPath, f) && (!best || f.length > best.length)) best = f;
    }
    return best;
  }

  get(uri: string): Promise<EffectiveSettings> {
    const fsPath = uriToPath(uri);
    const folder = this.folderOf(fsPath);
    // Settings may differ per file (language overrides), so key by resource.
    let p = this.perResource.get(uri);
    if (!p) {
      p = this.compute(uri, folder).catch((e) => {
        this.host.log(`settings for ${uri} could not be read (${(e as Error).message}); using defaults`);
        this.perResource.delete(uri);
        return this.build(folder, DEFAULT_CLIENT_SETTINGS);
      });
      this.perResource.set(uri, p);
    }
    return p;
  }

  private async compute(uri: string, folder: string | null): Promise<EffectiveSettings> {
    const fetched = await this.host.fetch(uri);
    const client = normaliseClientSettings(fetched ?? this.pushed ?? {});
    return this.build(folder, client);
  }

  private folderConfig(folder: string | null): ResolvedConfig {
    if (!folder) return defaultConfig();
    let cfg = this.perFolder.get(folder);
    if (!cfg) {
      cfg = loadConfig(folder, { ruleIds: new RuleRegistry(RULES).all().map((r) => r.id) });
      for (const p of cfg.problems) this.host.log(p);
      for (const e of cfg.errors) this.host.log(`config error: ${e}`);
      this.host.configErrors?.(folder, cfg.errors);
      if (cfg.source) this.host.log(`config: ${cfg.source}`);
      this.perFolder.set(folder, cfg);
    }
    return cfg;
  }

  private build(folder: string | null, client: ClientSettings): EffectiveSettings {
    const base = this.folderConfig(folder);
    const config = mergeConfig(base, { rules: client.rules, exclude: client.exclude }, undefined);
    for (const p of config.problems.slice(base.problems.length)) this.host.log(`settings: ${p}`);
    // The editor setting only raises what the config file says; its default must not undo the file.
    config.unsafeFixes = client.unsafeFixes || base.unsafeFixes;
    if (client.maxFileSize !== DEFAULT_MAX_FILE_SIZE) config.maxFileSize = client.maxFileSize;
    let matcher: Ignore | null = null;
    return {
      enable: client.enable,
      config,
      unsafeFixes: config.unsafeFixes,
      folder,
      excluded(fsPath: string): boolean {
        if (!folder || !config.exclude.length) return false;
        const rel = path.relative(folder, fsPath).split(path.sep).join('/');
        if (!rel || rel.startsWith('..')) return false;
        matcher ??= ignore().add(config.exclude);
        try {
          return matcher.ignores(rel);
        } catch {
          return false;
        }
      },
    };
  }
}
