/**
 * Can a module's names be bound to a library at all? A cheap, sound gate in
 * front of cross-file name resolution, which parses every project module a
 * name goes through.
 *
 * A name can only resolve to `requests` (or `axios`) if some module on its
 * import chain mentions the library: the file itself, or a project module it
 * imports from, or one that module imports from, and so on. Reading a
 * module's text and matching a pattern costs a fraction of parsing it, and
 * the answer per module is kept for the scan. Outside a scan (the editor may
 * change files) what a module's text gave is checked against its modification
 * time and size once the files are seen to change (forgetOnChange), and read
 * again only when they changed.
 */
import * as fs from 'node:fs';
import { forgetOnChange, statPath } from './snapshot';
import { detached } from '../text/strings';

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
  /** the specifiers of its imports (resolved to files on each use: a file added elsewhere may change where one leads) */
  specifiers: string[];
}

/** What a module's text gave (null: not a module resolution loads), at the version read, last checked in `epoch`. */
interface InfoEntry {
  value: ModuleInfo | null;
  mtimeMs: number;
  size: number;
  epoch: number;
}

/**
 * reach(M, hops) = M mentions the library, or hops remain and some project module M imports
 * from reaches with one hop less. The hop bound ends import cycles and matches how far
 * resolution goes, so a "no" is exact for the resolver; answers are kept per (module, hops).
 */
export class LibraryReach {
  private readonly info = new Map<string, InfoEntry>();
  /** Advanced when the files are seen to change (outside a stable scan): an entry of an older epoch is checked against the file again. */
  private epoch = 0;
  /**
   * Per module: the most hops known to find nothing and the fewest known to reach (reach grows
   * with hops), so a module is explored again only for a bound between the two.
   */
  private readonly answers = new Map<string, { noUpTo: number; yesFrom: number }>();

  constructor(
    private readonly mentions: RegExp,
    private readonly graph: ImportGraph,
  ) {
    forgetOnChange(() => {
      this.epoch++;
      // answers are derived from the modules' entries, cheap to derive again once they are checked
      this.answers.clear();
    });
  }

  /** True when `file` (with `text`) or a project module on its import chains mentions the library. */
  mayReach(file: string, text: string): boolean {
    if (this.mentions.test(text)) return true;
    return this.importsReach(file, this.targets(file, this.graph.specifiers(text)), MAX_HOPS);
  }

  /** True when the project module `file` or one on its import chains mentions the library. */
  moduleMayReach(file: string): boolean {
    return this.reach(file, MAX_HOPS - 1);
  }

  private targets(file: string, specifiers: Iterable<string>): string[] {
    const out: string[] = [];
    for (const spec of specifiers) {
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
    const r = !!m && (m.mentions || this.importsReach(file, this.targets(file, m.specifiers), hops));
    if (this.answers.size > 100_000) this.answers.clear();
    const a = this.answers.get(file) ?? { noUpTo: -1, yesFrom: Infinity };
    if (r) a.yesFrom = Math.min(a.yesFrom, hops);
    else a.noUpTo = Math.max(a.noUpTo, hops);
    this.answers.set(file, a);
    return r;
  }

  private moduleInfo(file: string): ModuleInfo | null {
    const hit = this.info.get(file);
    if (hit && hit.epoch === this.epoch) return hit.value;
    const st = statPath(file);
    const mtimeMs = st?.mtimeMs ?? -1;
    const size = st?.size ?? -1;
    if (hit && hit.mtimeMs === mtimeMs && hit.size === size) {
      hit.epoch = this.epoch;
      return hit.value;
    }
    let m: ModuleInfo | null = null;
    try {
      // too big for cross-file resolution to load: nothing resolves through it
      if (st?.isFile && st.size <= MAX_BYTES) {
        const text = fs.readFileSync(file, 'utf8');
        const mentions = this.mentions.test(text);
        // specifiers are cut from the text: copies, so the entry does not keep the text alive
        m = { mentions, specifiers: mentions ? [] : Array.from(new Set(this.graph.specifiers(text)), detached) };
      }
    } catch {
      m = null;
    }
    if (this.info.size > 20_000) this.info.clear();
    this.info.set(file, { value: m, mtimeMs, size, epoch: this.epoch });
    return m;
  }
}
