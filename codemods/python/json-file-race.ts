/**
 * Codemod: make a JSON read-modify-write of one file safe across processes.
 *
 *   with open(PATH) as f:                       with FileLock(f"{PATH}.lock"):
 *       data = json.load(f)                         with open(PATH) as f:
 *   data["n"] += 1                          ->          data = json.load(f)
 *   with open(PATH, "w") as f:                      data["n"] += 1
 *       json.dump(data, f)                          with tempfile.NamedTemporaryFile("w", dir=os.path.dirname(os.path.abspath(PATH)), delete=False) as f:
 *                                                       json.dump(data, f)
 *                                                   os.replace(f.name, PATH)
 *
 * The lock (package `filelock`) covers the read, the change and the write; the
 * write goes to a temp file in the same folder and is renamed over the target,
 * so readers never see a half-written file. Imports are added or merged.
 */
import type { Node } from '../../server/src/lang/python/tree';
import type { Fix } from '../../server/src/engine/types';
import type { TextEdit } from '../../server/src/text/edits';
import type { PyBindings } from '../../server/src/lang/python/bindings';
import { detectEol } from '../../server/src/text/positions';
import { applyEdits } from '../../server/src/text/edits';
import { callArgs, indentAt, indentUnit, preferredQuote } from '../../server/src/lang/python/ast';
import { ensureFromImport, ensureImport } from '../../server/src/lang/python/edits';

export interface JsonRmwSite {
  /** first and last statements of the region (siblings in one block) */
  first: Node;
  last: Node;
  path: Node;
  /** the `with open(PATH, "w") as f:` statement and its `open(...)` call */
  writeWith: Node;
  writeOpen: Node;
  handle: string;
}

export function jsonLockFix(text: string, root: Node, site: JsonRmwSite, bindings: PyBindings): Fix | null {
  const eol = detectEol(text);
  const unit = indentUnit(text);
  const q = preferredQuote(text);
  const P = site.path.text;
  if (/[\r\n]/.test(P)) return null;
  // names: FileLock, os, tempfile must be free or already the right modules
  for (const [name, want] of [['FileLock', 'filelock.FileLock'], ['os', 'os'], ['tempfile', 'tempfile']] as const) {
    const have = bindings.imports.get(name);
    if (have && have !== want) return null;
  }
  let lineStart = site.first.startIndex;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  if (text.slice(lineStart, site.first.startIndex).trim() !== '') return null;
  const regionEnd = site.last.endIndex;
  // multi-line strings would change if re-indented
  for (const s of root.descendantsOfType('string')) {
    if (s && s.startIndex >= lineStart && s.endIndex <= regionEnd && /[\r\n]/.test(s.text)) return null;
  }
  const indent = indentAt(text, site.first.startIndex);
  // the atomic write, as edits relative to the region
  const extra = callArgs(site.writeOpen)
    .slice(2)
    .filter((a) => a.type === 'keyword_argument' && ['encoding', 'newline', 'errors'].includes(a.childForFieldName('name')?.text ?? ''))
    .map((a) => `, ${a.text}`)
    .join('');
  const modeKw = callArgs(site.writeOpen).find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'mode');
  const enc = modeKw ? '' : callArgs(site.writeOpen).filter((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'encoding').map((a) => `, ${a.text}`).join('');
  const withIndent = indentAt(text, site.writeWith.startIndex);
  const inner: TextEdit[] = [
    {
      start: site.writeOpen.startIndex - lineStart,
      end: site.writeOpen.endIndex - lineStart,
      newText: `tempfile.NamedTemporaryFile(${q}w${q}, dir=os.path.dirname(os.path.abspath(${P})), delete=False${modeKw ? enc : extra})`,
    },
    { start: site.writeWith.endIndex - lineStart, end: site.writeWith.endIndex - lineStart, newText: `${eol}${withIndent}os.replace(${site.handle}.name, ${P})` },
  ];
  const region = applyEdits(text.slice(lineStart, regionEnd), inner);
  const reindented = region
    .split(/(\r\n|\n)/)
    .map((part) => (part === '\n' || part === '\r\n' || part.trim() === '' ? part : unit + part))
    .join('');
  let lockPath: string;
  if (site.path.type === 'string' && /^['"]/.test(P) && !site.path.namedChildren.some((c) => c?.type === 'interpolation')) {
    lockPath = `${P.slice(0, -1)}.lock${P.slice(-1)}`;
  } else {
    const fq = P.includes(q) ? (q === '"' ? "'" : '"') : q;
    if (P.includes(fq) || P.includes('{') || P.includes('\\')) return null;
    lockPath = `f${fq}{${P}}.lock${fq}`;
  }
  const edits: TextEdit[] = [{ start: lineStart, end: regionEnd, newText: `${indent}with FileLock(${lockPath}):${eol}${reindented}` }];
  for (const e of [ensureImport(text, root, 'os'), ensureImport(text, root, 'tempfile'), ensureFromImport(text, root, 'filelock', 'FileLock')]) {
    if (e) edits.push(e);
  }
  // several imports inserted at one point: join them into one edit
  const merged: TextEdit[] = [];
  for (const e of edits) {
    const same = merged.find((m) => m.start === e.start && m.end === e.end && m.start === m.end);
    if (same) same.newText += e.newText;
    else merged.push({ ...e });
  }
  return {
    title: 'Lock the file with `FileLock` and write it atomically (adds the `filelock` package)',
    applicability: 'unsafe',
    edits: merged,
  };
}
