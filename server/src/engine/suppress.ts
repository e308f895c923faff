/**
 * Suppression comments:
 *
 *   # shipguard: ignore[rule-id] reason          (Python)
 *   // shipguard: ignore[rule-id, other-id] reason  (JS/TS)
 *
 * A comment suppresses a finding when it stands on the line above the
 * finding's statement, or at the end of any line of that statement: formatters
 * move trailing comments of multi-line calls to the last line, and that must
 * keep working (semgrep#8172, bandit#623). Suppressions that suppress nothing
 * are reported as `unused-suppression` so they do not rot.
 */
import type { Finding, Language } from './types';
import type { LineIndex } from '../text/positions';

export interface Suppression {
  line: number;
  /** Offset range of the comment text, for the removal fix. */
  start: number;
  end: number;
  ids: string[];
  reason: string;
  /** The comment is alone on its line (only then does it cover the next line). */
  standalone: boolean;
  used: boolean;
}

const PY_RE = /#\s*shipguard:\s*ignore(?:\[([^\]]*)\])?(.*)$/;
const JS_RE = /\/\/\s*shipguard:\s*ignore(?:\[([^\]]*)\])?(.*)$|\/\*\s*shipguard:\s*ignore(?:\[([^\]]*)\])?(.*?)\*\//;

export function findSuppressions(text: string, lines: LineIndex, language: Language): Suppression[] {
  if (!text.includes('shipguard:')) return [];
  const re = language === 'python' ? PY_RE : JS_RE;
  const out: Suppression[] = [];
  for (let line = 0; line < lines.lineCount; line++) {
    const content = lines.lineText(line);
    if (!content.includes('shipguard:')) continue;
    const m = re.exec(content);
    if (!m) continue;
    const idList = m[1] ?? m[3];
    const reason = (m[2] ?? m[4] ?? '').trim();
    const lineStart = lines.lineStart(line);
    out.push({
      line,
      start: lineStart + m.index,
      end: lineStart + m.index + m[0].length,
      ids: idList ? idList.split(',').map((s) => s.trim()).filter(Boolean) : [],
      reason,
      standalone: content.slice(0, m.index).trim() === '',
      used: false,
    });
  }
  return out;
}

/** Removes suppressed findings and marks the suppressions used. */
export function applySuppressions(findings: Finding[], sups: Suppression[], lines: LineIndex): Finding[] {
  if (!sups.length) return findings;
  const byLine = new Map<number, Suppression[]>();
  for (const s of sups) {
    const list = byLine.get(s.line);
    if (list) list.push(s);
    else byLine.set(s.line, [s]);
  }
  return findings.filter((f) => {
    const first = lines.lineOf(f.stmtStart ?? f.start);
    const last = lines.lineOf(Math.max(f.stmtEnd ?? f.end, f.end));
    const firstFinding = lines.lineOf(f.start);
    for (let l = first - 1; l <= Math.max(last, firstFinding); l++) {
      for (const s of byLine.get(l) ?? []) {
        if (l === first - 1 && !s.standalone) continue; // a trailing comment belongs to its own line
        if (s.ids.length === 0 || s.ids.includes(f.ruleId)) {
          s.used = true;
          return false;
        }
      }
    }
    return true;
  });
}
