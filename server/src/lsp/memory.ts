/**
 * Gives memory back once a burst of analysis is over.
 *
 * Analysing a big file builds a syntax tree of a few hundred bytes per byte
 * of source; once the file is closed (or edited again) that is garbage, but
 * V8 grows its heap to fit the burst and, in a process that then sits idle
 * (an editor's language server between keystrokes), does not collect it nor
 * give the pages back: four 1 MB files opened and closed left the server at
 * 1.7 GB. So after a burst of work (a million characters of text analysed) the server
 * runs one full collection once it has been idle for a second, which returns the heap to
 * what is live (0.4 GB there). Nothing is collected while work goes on; typing in a 20 kB
 * file adds up to that after about fifty debounced lints, and then costs one collection
 * (tens of milliseconds) in the next pause.
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

let gc: (() => void) | null | undefined;

/** V8's full collection, exposed at run time (as `node --expose-gc` does); null where that is refused. */
function fullCollection(): (() => void) | null {
  if (gc !== undefined) return gc;
  try {
    v8.setFlagsFromString('--expose-gc');
    const fn: unknown = vm.runInNewContext('gc');
    gc = typeof fn === 'function' ? () => (fn as () => void)() : null;
  } catch {
    gc = null;
  }
  return gc;
}

export class IdleCollector {
  private work = 0;
  private timer: NodeJS.Timeout | undefined;
  collections = 0;

  constructor(
    /** Characters analysed since the last collection that make a burst. */
    private readonly threshold = 1_000_000,
    /** Quiet time after the last work before collecting. */
    private readonly idleMs = 1_000,
  ) {}

  /** Records work on `chars` characters of text; (re)starts the idle timer once they add up to a burst. */
  note(chars: number): void {
    this.work += chars;
    if (this.work < this.threshold) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.work = 0;
      const collect = fullCollection();
      if (collect) {
        collect();
        this.collections++;
      }
    }, this.idleMs);
    this.timer.unref();
  }

  /** Records work known to be large (a workspace scan, a codemod): a collection follows once idle. */
  burst(): void {
    this.note(this.threshold);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
