/**
 * The production Django settings entries of a workspace (see `lang/python/settings.ts`): read as
 * data, split settings counted together, modules named for development or tests left out.
 */
import * as path from 'node:path';
import type { ProjectContext } from '../engine/project';
import { parsePythonTree } from '../lang/python/parser';
import { djangoSettings, isSettingsModule, type Top } from '../lang/python/settings';
import type { Service } from './services';

export interface DjangoEntry {
  /** workspace-relative settings module production starts with */
  file: string;
  top: Top;
}

export function djangoEntries(ctx: ProjectContext, s: Service): DjangoEntry[] {
  const out: DjangoEntry[] = [];
  const seen = new Set<string>();
  for (const f of s.files) {
    if (!f.endsWith('.py')) continue;
    const text = ctx.read(f);
    if (text === undefined || !isSettingsModule(f, text)) continue;
    const abs = path.join(ctx.root, f);
    const ds = djangoSettings(abs, parsePythonTree(text), text);
    if (!ds?.isTop) continue;
    for (const t of ds.tops) {
      if (t.file !== abs || seen.has(t.file)) continue;
      seen.add(t.file);
      out.push({ file: f, top: t });
    }
  }
  return out;
}

/** The names of MIDDLEWARE / INSTALLED_APPS along an entry's chain, as written (quoted strings of its value). */
export function listNames(top: Top, name: string): string[] | null {
  const v = top.effective.get(name);
  if (!v) return null;
  return [...v.text.matchAll(/["']([\w.]+)["']/g)].map((m) => m[1]);
}
