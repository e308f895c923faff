/**
 * The edit declaring a Python dependency a fix starts to import, in the project's own manifest:
 * the nearest directory above the file that holds a `pyproject.toml` with a PEP 621
 * `[project] dependencies = [...]` array (the item goes last, in the array's layout) or a
 * `requirements.txt` / `requirements.in` (a line at the end). Nothing when the dependency is
 * declared already, or when the nearest manifest is of another kind (Poetry tables, Pipfile,
 * setup.py: the title of the fix then says nothing was declared). Lock files are never edited.
 * Identical edits from several fixes of one run are merged by the engine (`mergeFileEdits`).
 */
import * as path from 'node:path';
import type { FileEdits } from '../../server/src/engine/types';
import type { TextEdit } from '../../server/src/text/edits';
import { detectEol } from '../../server/src/text/positions';
import { manifestDeps } from '../../server/src/lang/manifests';
import { readTextFile } from '../../server/src/lang/snapshot';

/** A distribution name as pip compares them (PEP 503): case, `_` and `.` do not matter. */
function normalise(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** The manifests of a Python project a directory may hold, the ones this module writes first. */
const MANIFESTS = ['pyproject.toml', 'requirements.txt', 'requirements.in', 'Pipfile', 'setup.py', 'setup.cfg'];

export interface DependencyEdit extends FileEdits {
  /** The manifest's file name, for the fix title. */
  manifest: string;
}

/**
 * `requirement` is what is written (`Flask-Limiter[redis]>=3`); `name` the distribution looked for.
 * `stop` bounds the walk (the workspace root), when known.
 */
export function pythonDependencyEdit(file: string, name: string, requirement: string, stop?: string): DependencyEdit | null {
  if (!path.isAbsolute(file)) return null;
  const want = normalise(name);
  let dir = path.dirname(file);
  for (let i = 0; i < 12; i++) {
    const texts = new Map(MANIFESTS.map((n) => [n, readTextFile(path.join(dir, n))]));
    if ([...texts.values()].some((t) => t !== null)) {
      for (const [n, t] of texts) if (t !== null && manifestDeps(n, t).some((d) => normalise(d) === want)) return null;
      const pyproject = texts.get('pyproject.toml');
      if (pyproject) {
        const edit = pep621Edit(pyproject, requirement);
        if (edit) return { path: path.join(dir, 'pyproject.toml'), edits: [edit], manifest: 'pyproject.toml' };
      }
      const reqName = ['requirements.txt', 'requirements.in'].find((n) => texts.get(n) !== null);
      const reqs = reqName ? texts.get(reqName)! : null;
      if (reqName && reqs !== null) {
        const eol = detectEol(reqs);
        const lead = reqs.length && !reqs.endsWith('\n') ? eol : '';
        return { path: path.join(dir, reqName), edits: [{ start: reqs.length, end: reqs.length, newText: `${lead}${requirement}${eol}` }], manifest: reqName };
      }
      return null;
    }
    if (stop && path.resolve(dir) === path.resolve(stop)) break;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return null;
}

/** `"<requirement>",` as the last item of `[project] dependencies = [...]`, or null when there is none. */
function pep621Edit(text: string, requirement: string): TextEdit | null {
  const section = /^\[project\][ \t]*$/m.exec(text);
  if (!section) return null;
  const next = /^\[/m.exec(text.slice(section.index + section[0].length));
  const end = next ? section.index + section[0].length + next.index : text.length;
  const body = text.slice(section.index, end);
  const m = /^dependencies\s*=\s*\[/m.exec(body);
  if (!m) return null;
  const open = section.index + m.index + m[0].length;
  // the closing bracket: strings hold no brackets in requirement lists worth supporting
  let close = -1;
  let inString: string | null = null;
  for (let i = open; i < end; i++) {
    const c = text[i];
    if (inString) {
      if (c === inString) inString = null;
    } else if (c === '"' || c === "'") inString = c;
    else if (c === '#') i = text.indexOf('\n', i) < 0 ? end : text.indexOf('\n', i);
    else if (c === ']') {
      close = i;
      break;
    }
  }
  if (close < 0) return null;
  const inner = text.slice(open, close);
  const q = /'/.test(inner) && !/"/.test(inner) ? "'" : '"';
  const item = `${q}${requirement}${q}`;
  if (inner.trim() === '') return { start: open, end: close, newText: item };
  const trimmed = inner.replace(/\s+$/, '');
  const after = open + trimmed.length;
  const comma = trimmed.endsWith(',') ? '' : ',';
  if (!/\n/.test(inner)) return { start: after, end: after, newText: `${comma} ${item}` };
  const eol = detectEol(text);
  const indent = /\n([ \t]+)\S/.exec(inner)?.[1] ?? '    ';
  return { start: after, end: after, newText: `${comma}${eol}${indent}${item}${comma ? '' : ','}` };
}
