/**
 * Does a test of the project assert on a log message the fix rewrites?
 *
 * A test that captures the log (`assertLogs`, `caplog`) and looks for the message text, or that
 * mocks the logger and checks `.error` was called, fails after the fix even though production
 * behaviour only improved: such a fix is a reviewer's call, not a bulk one.
 *
 * Only computed when fixes are (the editor's quick fix, `shipguard fix`), never on a plain scan.
 * The project's test files are found by name (`test_*.py`, `*_test.py`, `*_tests.py`, `tests.py`)
 * under the project root: the nearest folder with a Python project marker (`pyproject.toml`,
 * `setup.py`, `setup.cfg`, `manage.py`, `.git`, ...), else the folder above the file's top
 * package. Their texts are kept for a few seconds, so the findings of one run read them once.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALWAYS_SKIPPED_DIRS } from '../../engine/discovery';
import { fresh } from '../../lang/snapshot';

const MARKERS = ['pyproject.toml', 'setup.py', 'setup.cfg', 'manage.py', 'tox.ini', 'pytest.ini', '.git'];
const TEST_NAME = /^(test_.*|.*_tests?|tests)\.py$/;
const MAX_FILES = 5000;
/** Directory entries looked at, at most: a huge tree costs a bounded walk. */
const MAX_ENTRIES = 100_000;
const MAX_FILE_BYTES = 1024 * 1024;
const MAX_TOTAL_BYTES = 64 * 1024 * 1024;
const TTL_MS = 5000;
/** A constant piece shorter than this says too little to tie a test to this message. */
const MIN_ANCHOR = 12;
/** A test that checks which logger method ran, or with which arguments. */
const MOCKED_LOG_METHOD = /\.(error|critical|fatal|exception)\.(assert_\w+|call_args(_list)?|called|call_count|mock_calls)\b/;

interface TestText {
  file: string;
  text: string;
}

const cache = new Map<string, { at: number; tests: TestText[] }>();

/** The folder whose tree holds the project's tests. */
export function projectRoot(file: string): string {
  let dir = path.dirname(path.resolve(file));
  let topPackage: string | null = null;
  for (let i = 0; i < 12; i++) {
    if (MARKERS.some((m) => fs.existsSync(path.join(dir, m)))) return dir;
    if (fs.existsSync(path.join(dir, '__init__.py'))) topPackage = dir;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return topPackage ? path.dirname(topPackage) : path.dirname(path.resolve(file));
}

function testFiles(root: string): TestText[] {
  const hit = cache.get(root);
  const now = Date.now();
  if (hit && fresh(hit.at, TTL_MS, now)) return hit.tests;
  const tests: TestText[] = [];
  let bytes = 0;
  let seen = 0;
  let entriesSeen = 0;
  const stack = [root];
  while (stack.length && seen < MAX_FILES && bytes < MAX_TOTAL_BYTES && entriesSeen < MAX_ENTRIES) {
    const dir = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    entriesSeen += entries.length;
    for (const e of entries) {
      if (e.isDirectory()) {
        if (!e.name.startsWith('.') && !ALWAYS_SKIPPED_DIRS.has(e.name)) stack.push(path.join(dir, e.name));
        continue;
      }
      if (!e.isFile() || !TEST_NAME.test(e.name)) continue;
      const file = path.join(dir, e.name);
      seen++;
      try {
        if (fs.statSync(file).size > MAX_FILE_BYTES) continue;
        const text = fs.readFileSync(file, 'utf8');
        bytes += text.length;
        tests.push({ file, text });
      } catch {
        // unreadable: not a test we can learn from
      }
    }
  }
  if (cache.size > 16) cache.clear();
  cache.set(root, { at: now, tests });
  return tests;
}

const STRING_LITERAL = /(?:\b[rRbBuUfF]{1,2})?("""|'''|"|')((?:\\.|(?!\1)[^\\])*?)\1/gs;
const PLACEHOLDER = /\{[^{}]*\}|%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdrifxXeEgGa]/g;

/** The constant text pieces of the string literals in `code` (placeholders and interpolations split them). */
export function constantPieces(code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(STRING_LITERAL)) {
    for (const piece of m[2].split(PLACEHOLDER)) {
      const t = piece.trim();
      if (t) out.push(t);
    }
  }
  return out;
}

/** The string literal of `line` that contains offset `at`, or null. */
function literalAround(line: string, at: number): string | null {
  for (const m of line.matchAll(STRING_LITERAL)) {
    const start = m.index! + m[0].indexOf(m[1]);
    if (start <= at && at < m.index! + m[0].length) return m[0];
  }
  return null;
}

/**
 * The test file (relative to the project root) that asserts on the message of the call `before`
 * in a way the rewritten call `after` no longer satisfies, or null. `after` is null when the fix
 * keeps the message as it is (then only a test that mocks the logger method can break).
 */
export function testAssertingOn(file: string, before: string, after: string | null): string | null {
  // an untitled editor buffer has no project around it
  if (!path.isAbsolute(file)) return null;
  const old = constantPieces(before);
  const anchor = old.reduce((best, p) => (p.length > best.length ? p : best), '');
  if (anchor.length < MIN_ANCHOR) return null;
  const kept = after === null ? old : constantPieces(after);
  const root = projectRoot(file);
  const self = path.resolve(file);
  for (const t of testFiles(root)) {
    if (t.file === self) continue;
    let at = t.text.indexOf(anchor);
    if (at < 0) continue;
    if (MOCKED_LOG_METHOD.test(t.text)) return path.relative(root, t.file);
    if (after === null) continue;
    while (at >= 0) {
      const lineStart = t.text.lastIndexOf('\n', at) + 1;
      let lineEnd = t.text.indexOf('\n', at);
      if (lineEnd < 0) lineEnd = t.text.length;
      const literal = literalAround(t.text.slice(lineStart, lineEnd), at - lineStart);
      // every constant piece the test expects must still be in the rewritten message
      const expected = literal ? constantPieces(literal) : [anchor];
      if (expected.some((p) => !kept.some((k) => k.includes(p)))) return path.relative(root, t.file);
      at = t.text.indexOf(anchor, at + anchor.length);
    }
  }
  return null;
}
