/** Reading the dependency manifests of a project (package.json, requirements, pyproject, setup.py/cfg, Pipfile). */
import * as path from 'node:path';

/** Dependency names a manifest declares, lower-cased, `_` as `-` for Python. */
export function manifestDeps(file: string, text: string): string[] {
  const base = path.posix.basename(file);
  if (base === 'package.json') {
    try {
      const j = JSON.parse(text) as Record<string, unknown>;
      const out: string[] = [];
      for (const k of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
        const v = j[k];
        if (v && typeof v === 'object') out.push(...Object.keys(v as object).map((n) => n.toLowerCase()));
      }
      return out;
    } catch {
      return [];
    }
  }
  // requirements, pyproject (PEP 621 strings and Poetry tables), setup.py/cfg, Pipfile: a name at the start of a requirement
  const out = new Set<string>();
  for (const m of text.matchAll(/(?:^|["'\s,[])([A-Za-z][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*(?:[<>=!~;@]|["',\]]|$|\s*=\s*["'{])/gm)) {
    out.add(m[1].toLowerCase().replace(/_/g, '-'));
  }
  return [...out];
}
