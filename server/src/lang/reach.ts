/**
 * Can a module's names be bound to a library at all? A cheap, sound gate in
 * front of cross-file name resolution, which parses every project module a
 * name goes through.
 *
 * A name can only resolve to `requests` (or `axios`) if some module on its
 * import chain mentions the library: the file itself, or a project module it
 * imports from, or one that module imports from, and so on. Reading a
 * module's text and matching a pattern costs a fraction of parsing it, and
 * the answer per module is kept for the scan (forgotten every 2 s, since the
 * editor may change files).
 */
import * as fs from 'node:fs';
import { forgetEvery, statPath } from './snapshot';

/** Cross-file resolution loads at most this many modules along one chain (lang/modules.ts guards depth 4). */
const MAX_HOPS = 5;
const MAX_BYTES = 512 * 1024;

/** Which project modules a file imports from: module specifiers, resolved to files by `find`. */
export interface ImportGraph {
  /** the specifiers of a module's imports that cross-file resolution follows */
  specifiers(text: string): Iterable<string>;
  /** the project file a specifier names, from `fromFile` (null: a package, or not found) */
  find(fromFile: string, spec: string): string | null;
}

interface ModuleInfo {
  mentions: boolean;
  imports: string[];
}

/**
 * reach(M, hops) = M mentions the library, or hops remain and some project module M imports
 * from reaches with one hop less. The hop bound ends import cycles and matches how far
 * resolution goes, so a "no" is exact for the resolver; answers are kept per (module, hops).
 */
export class LibraryReach {
  private readonly info = new Map<string, ModuleInfo | null>();
  /**
   * Per module: the most hops known to find nothing and the fewest known to reach (reach grows
   * with hops), so a module is explored again only for a bound between the two.
   */
  private readonly answers = new Map<string, { noUpTo: number; yesFrom: number }>();

  constructor(
    private readonly mentions: RegExp,
    private readonly graph: ImportGraph,
  ) {
    forgetEvery(2000, () => {
      this.info.clear();
      this.answers.clear();
    });
  }

  /** True when `file` (with `text`) or a project module on its import chains mentions the library. */
  mayReach(file: string, text: string): boolean {
    if (this.mentions.test(text)) return true;
    return this.importsReach(file, this.importsOf(file, text), MAX_HOPS);
  }

  /** True when the project module `file` or one on its import chains mentions the library. */
  moduleMayReach(file: string): boolean {
    return this.reach(file, MAX_HOPS - 1);
  }

  private importsOf(file: string, text: string): string[] {
    const out: string[] = [];
    for (const spec of this.graph.specifiers(text)) {
      const target = this.graph.find(file, spec);
      if (target && target !== file && !out.includes(target)) out.push(target);
    }
    return out;
  }

  private importsReach(file: string, targets: string[], hops: number): boolean {
    if (hops <= 0) return false;
    return targets.some((t) => this.reach(t, hops - 1));
  }

  private reach(file: string, hops: number): boolean {
    const hit = this.answers.get(file);
    if (hit && hops <= hit.noUpTo) return false;
    if (hit && hops >= hit.yesFrom) return true;
    const m = this.moduleInfo(file);
    const r = !!m && (m.mentions || this.importsReach(file, m.imports, hops));
    if (this.answers.size > 100_000) this.answers.clear();
    const a = this.answers.get(file) ?? { noUpTo: -1, yesFrom: Infinity };
    if (r) a.yesFrom = Math.min(a.yesFrom, hops);
    else a.noUpTo = Math.max(a.noUpTo, hops);
    this.answers.set(file, a);
    return r;
  }

  private moduleInfo(file: string): ModuleInfo | null {
    const hit = this.info.get(file);
    if (hit !== undefined) return hit;
    let m: ModuleInfo | null = null;
    try {
      const st = statPath(file);
      // too big for cross-file resolution to load: nothing resolves through it
      if (st?.isFile && st.size <= MAX_BYTES) {
        const text = fs.readFileSync(file, 'utf8');
        const mentions = this.mentions.test(text);
        m = { mentions, imports: mentions ? [] : this.importsOf(file, text) };
      }
    } catch {
      m = null;
    }
    if (this.info.size > 20_000) this.info.clear();
    this.info.set(file, m);
    return m;
  }
}
