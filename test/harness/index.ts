/** Shared test helpers: engine set-up, fixture annotations, fix checks. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { initPython } from '../../server/src/lang/python/parser';
import { lint, fixFile, type LintResult } from '../../server/src/engine/lint';
import { makeSourceFile, languageOf } from '../../server/src/engine/files';
import { RULES } from '../../server/src/rules';
import { defaultConfig, mergeConfig, type UserConfig } from '../../server/src/engine/config';
import { LineIndex } from '../../server/src/text/positions';

export const ROOT = path.resolve(__dirname, '..', '..');

export async function ready(): Promise<void> {
  await initPython();
}

export function lintText(filePath: string, text: string, opts: { only?: string[]; config?: UserConfig } = {}): LintResult {
  const logs: string[] = [];
  const res = lint(makeSourceFile(filePath, text), {
    rules: RULES,
    only: opts.only,
    config: mergeConfig(defaultConfig(), opts.config),
    log: (m) => logs.push(m),
  });
  if (res.failedRules.length) throw new Error(`rules threw: ${res.failedRules.join(', ')}\n${logs.join('\n')}`);
  return res;
}

export function fixText(filePath: string, text: string, opts: { only?: string[]; unsafe?: boolean; config?: UserConfig } = {}) {
  return fixFile(makeSourceFile(filePath, text), {
    rules: RULES,
    only: opts.only,
    unsafe: opts.unsafe,
    config: mergeConfig(defaultConfig(), opts.config),
  });
}

/** `expect: rule-id` / `expect: rule-id x2` annotations -> sorted "line:rule" keys (1-based lines). */
export function expectedAnnotations(text: string): string[] {
  const out: string[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((l, i) => {
    for (const m of l.matchAll(/expect:\s*([a-z0-9-]+)(?:\s+x(\d+))?/g)) {
      const n = m[2] ? Number(m[2]) : 1;
      for (let k = 0; k < n; k++) out.push(`${i + 1}:${m[1]}`);
    }
  });
  return out.sort();
}

export function actualKeys(text: string, res: LintResult, ruleId?: string): string[] {
  const idx = new LineIndex(text);
  return res.findings
    .filter((f) => !ruleId || f.ruleId === ruleId)
    .map((f) => `${idx.lineOf(f.start) + 1}:${f.ruleId}`)
    .sort();
}

export function isSource(file: string): boolean {
  return languageOf(file) !== null;
}

/** Every `.py` file below `dir`. */
export function pythonFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) pythonFiles(p, out);
    else if (e.name.endsWith('.py')) out.push(p);
  }
  return out;
}

export function readUtf8(p: string): string {
  return fs.readFileSync(p, 'utf8');
}

/** Small deterministic PRNG (mulberry32) so a randomised test can be replayed from its seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
