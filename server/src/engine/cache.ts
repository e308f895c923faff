/** The scan cache: file reports kept by content hash and a key of everything else that changes results. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as crypto from 'node:crypto';
import { writeFileAtomic } from './atomic';
import type { FileReport } from './report';

export interface CacheOptions {
  /** Directory for cache files. */
  dir: string;
  /** Anything that changes results besides file contents: tool build, rule set, config. */
  key: string;
}

export interface CacheEntry {
  mtimeMs: number;
  size: number;
  report: FileReport;
}

interface CacheFile {
  key: string;
  entries: Record<string, CacheEntry>;
}

/** The default cache directory: node_modules/.cache/shipguard when node_modules exists, else .shipguard-cache/. */
export function defaultCacheDir(root: string): string {
  if (fs.existsSync(path.join(root, 'node_modules'))) return path.join(root, 'node_modules', '.cache', 'shipguard');
  return path.join(root, '.shipguard-cache');
}

export function cacheKey(parts: unknown[]): string {
  return crypto.createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}

export function loadCache(opts: CacheOptions): Map<string, CacheEntry> {
  try {
    const data = JSON.parse(fs.readFileSync(path.join(opts.dir, `scan-${opts.key}.json`), 'utf8')) as CacheFile;
    if (data.key !== opts.key) return new Map();
    return new Map(Object.entries(data.entries));
  } catch {
    return new Map();
  }
}

export function saveCache(opts: CacheOptions, entries: Map<string, CacheEntry>): void {
  try {
    fs.mkdirSync(opts.dir, { recursive: true });
    const marker = path.join(opts.dir, '.gitignore');
    if (!fs.existsSync(marker)) fs.writeFileSync(marker, '# Automatically created by shipguard.\n*\n');
    // keep only this key's file: an older rule set or config will not come back often enough to pay for the space
    for (const f of fs.readdirSync(opts.dir)) {
      if (f.startsWith('scan-') && f !== `scan-${opts.key}.json`) fs.rmSync(path.join(opts.dir, f), { force: true });
    }
    const data: CacheFile = { key: opts.key, entries: Object.fromEntries(entries) };
    writeFileAtomic(path.join(opts.dir, `scan-${opts.key}.json`), JSON.stringify(data));
  } catch {
    // a cache that cannot be written only costs time
  }
}
