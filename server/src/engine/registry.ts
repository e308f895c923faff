/** The rule registry: an explicit, ordered list given by `rules/index.ts`; the engine knows no rule by name. */
import type { Rule } from './types';
import { UNUSED_SUPPRESSION } from './builtin';

export class RuleRegistry {
  private readonly byId = new Map<string, Rule>();

  constructor(readonly rules: readonly Rule[]) {
    for (const r of [...rules, UNUSED_SUPPRESSION]) {
      if (this.byId.has(r.id)) throw new Error(`duplicate rule id ${r.id}`);
      if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(r.id)) throw new Error(`rule id ${r.id} is not kebab-case`);
      this.byId.set(r.id, r);
    }
  }

  get(id: string): Rule | undefined {
    return this.byId.get(id);
  }

  /** Every rule including the engine's own (for docs, SARIF metadata, `shipguard rules`). */
  all(): Rule[] {
    return [...this.byId.values()];
  }

  /** Close matches for a mistyped id, for error messages. */
  suggest(id: string): string[] {
    return this.all()
      .map((r) => r.id)
      .filter((x) => x.includes(id) || id.includes(x) || distance(x, id) <= 3);
  }
}

function distance(a: string, b: string): number {
  const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) dp[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      dp[i][j] = Math.min(dp[i - 1][j] + 1, dp[i][j - 1] + 1, dp[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return dp[a.length][b.length];
}
