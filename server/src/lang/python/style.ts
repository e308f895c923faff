/**
 * The line limit a Python file is kept to, so that codemods wrap what they lengthen the way
 * the project's formatter would.
 *
 * Read from the nearest configuration that sets it, walking up from the file to the project
 * root: `pyproject.toml` (`[tool.black] line-length`, `[tool.ruff] line-length`),
 * `ruff.toml` / `.ruff.toml` (`line-length`), and the flake8 sections of `setup.cfg`,
 * `tox.ini` and `.flake8` (`max-line-length`). With none, black's and ruff's default of 88,
 * unless the file's own code lines are longer (a file with no formatter allows its own); lines
 * that carry `# noqa`, and lines long only for a string literal or a trailing comment (which
 * the formatters cannot split), say nothing about it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseToml, type TomlTable } from '../../engine/toml';
import { readTextFile } from '../snapshot';

/** black's and ruff's default. */
export const DEFAULT_LINE_LIMIT = 88;

const ROOT_MARKERS = ['.git', 'setup.py', 'manage.py'];
const byDir = new Map<string, number | null>();

function tomlLimit(text: string, tables: string[][]): number | null {
  let data: TomlTable;
  try {
    data = parseToml(text).data;
  } catch {
    return null;
  }
  for (const keys of tables) {
    let cur: unknown = data;
    for (const k of keys) cur = cur && typeof cur === 'object' && !Array.isArray(cur) ? (cur as TomlTable)[k] : undefined;
    if (typeof cur === 'number' && cur > 0) return cur;
  }
  return null;
}

/** `max-line-length = 100` in an ini file's `[flake8]` section. */
function iniLimit(text: string): number | null {
  let inFlake8 = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const section = /^\[([^\]]+)\]/.exec(line);
    if (section) {
      inFlake8 = /^(flake8|pycodestyle|pep8)$/.test(section[1].trim());
      continue;
    }
    if (!inFlake8) continue;
    const m = /^max[-_]line[-_]length\s*[=:]\s*(\d+)/.exec(line);
    if (m) return Number(m[1]);
  }
  return null;
}

function configuredIn(dir: string): number | null {
  const pyproject = readTextFile(path.join(dir, 'pyproject.toml'));
  if (pyproject) {
    const n = tomlLimit(pyproject, [['tool', 'black', 'line-length'], ['tool', 'ruff', 'line-length'], ['tool', 'flake8', 'max-line-length']]);
    if (n) return n;
  }
  for (const name of ['ruff.toml', '.ruff.toml']) {
    const t = readTextFile(path.join(dir, name));
    const n = t ? tomlLimit(t, [['line-length']]) : null;
    if (n) return n;
  }
  for (const name of ['.flake8', 'setup.cfg', 'tox.ini']) {
    const t = readTextFile(path.join(dir, name));
    const n = t ? iniLimit(t) : null;
    if (n) return n;
  }
  return null;
}

/** The configured limit for files under `dir`, or null: the nearest configuration up to the project root. */
function configuredLimit(dir: string): number | null {
  const seen: string[] = [];
  let cur = dir;
  let found: number | null = null;
  for (let depth = 0; depth < 12; depth++) {
    const known = byDir.get(cur);
    if (known !== undefined) {
      found = known;
      break;
    }
    seen.push(cur);
    found = configuredIn(cur);
    if (found !== null) break;
    const parent = path.dirname(cur);
    if (parent === cur || ROOT_MARKERS.some((m) => fs.existsSync(path.join(cur, m)))) break;
    cur = parent;
  }
  for (const d of seen) byDir.set(d, found);
  return found;
}

/** The limit a configuration of the project sets for the file at `filePath`, or null. */
export function configuredLineLimit(filePath: string | undefined): number | null {
  if (!filePath || /^[a-z][\w+.-]+:/i.test(filePath)) return null;
  return configuredLimit(path.dirname(path.resolve(filePath)));
}

/** The file's own limit from its lines, for the last text asked (every fix of a pass asks of the same text). */
let lastText: string | null = null;
let lastOwn = DEFAULT_LINE_LIMIT;

/** The line limit for `text`, the contents of the Python file at `filePath`. */
export function pythonLineLimit(filePath: string | undefined, text: string): number {
  const n = configuredLineLimit(filePath);
  if (n !== null) return n;
  if (text === lastText) return lastOwn;
  lastOwn = ownLimit(text);
  lastText = text;
  return lastOwn;
}

function ownLimit(text: string): number {
  let longest = DEFAULT_LINE_LIMIT;
  for (const line of text.split(/\r?\n/)) {
    if (line.length <= longest || /#\s*noqa\b/i.test(line)) continue;
    // a trailing comment may run long: formatters leave it alone
    const code = line.replace(/\s+#[^'"]*$/, '');
    if (code.length <= longest) continue;
    // so may a string: a line long only for its literal says nothing of the formatter
    if (code.replace(/([rbuf]{0,2})(["'])(?:\\.|(?!\2).)*\2/gi, '""').length <= DEFAULT_LINE_LIMIT) continue;
    longest = code.length;
  }
  return longest;
}

/** For tests: forget what was read. */
export function clearLineLimitCache(): void {
  byDir.clear();
}
