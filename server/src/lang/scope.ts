/**
 * Where production server code is not: test code, and (for JS) code that runs
 * in a browser tab. Shared by every rule about production servers (a test
 * runner bounds a hanging request with its own timeout, a test that creates a
 * Stripe object in test mode cannot charge anyone twice, a test database has
 * one client so nothing races).
 *
 * Test code is decided from three kinds of evidence only, each a convention
 * that holds across projects:
 *   - the file name: `test_x.py`, `x_test.py`, `tests.py`, `conftest.py`,
 *     `x.test.ts`, `x.spec.ts`, `x.e2e-spec.ts`, `x.cy.ts`;
 *   - a test folder inside the project: `tests/`, `test/`, `__tests__/`,
 *     `__mocks__/`, `__fixtures__/` (Jest's), `e2e/`, `cypress/`, `playwright/`;
 *   - a test framework imported by the file (pytest, unittest, django.test,
 *     vitest, @jest/globals, node:test, mocha, @playwright/test...).
 * Comments are no evidence: another linter's test annotations (`# ruleid:`)
 * sit in files that are written to look like production code.
 */
import * as path from 'node:path';
import { forgetOnChange, hasAnyEntry } from './snapshot';

const PY_TEST_NAME = /(^|[\\/])(test_[^\\/]*|[^\\/]*_tests?|conftest|tests)\.py$/;
const JS_TEST_NAME = /\.(test|spec|e2e|e2e-spec|cy)\.[cm]?[jt]sx?$/i;
/** Folder names that hold tests (and their helpers, factories, settings) in every project that has them. */
const TEST_DIRS = new Set(['tests', 'test', '__tests__', '__mocks__', '__fixtures__', 'e2e', 'cypress', 'playwright']);
const PY_TEST_IMPORT = /^[ \t]*(import[ \t]+(pytest|unittest)\b|from[ \t]+(pytest|unittest|django\.test|rest_framework\.test|flask_testing)\b[\w.]*[ \t]+import)/m;
const JS_TEST_IMPORT =
  /\bfrom\s+['"](@playwright\/test|vitest|@jest\/globals|node:test|mocha|chai|@testing-library\/[\w-]+|supertest)['"]|\brequire\(\s*['"](node:test|mocha|chai|supertest|@playwright\/test|vitest)['"]\s*\)/;
/**
 * A folder that starts a project: a test folder counts only below it, so a
 * project checked out under `~/test/` is not all test code (and fixtures under
 * a test folder can stand for a project of their own with a `.shipguard.json`,
 * as this repository's own `test/` does).
 */
const PROJECT_MARKERS = ['.shipguard.json', '.git', 'package.json', 'pyproject.toml', 'setup.py', 'setup.cfg', 'manage.py'];

/**
 * Detectors ask these once per function or call, so the answer is kept for the
 * last file asked about (the runner lints one file at a time).
 */
function memo(fn: (path: string, text: string) => boolean): (path: string, text: string) => boolean {
  let lastPath: string | undefined;
  let lastText: string | undefined;
  let last = false;
  return (p, text) => {
    if (p !== lastPath || text !== lastText) {
      last = fn(p, text);
      lastPath = p;
      lastText = text;
    }
    return last;
  };
}

/** Is a folder a project root? Asked for every folder of a scan: remembered, and forgotten when the files change (the editor may add one). */
const rootCache = new Map<string, boolean>();
forgetOnChange(() => rootCache.clear());

function isProjectRoot(dir: string): boolean {
  let hit = rootCache.get(dir);
  if (hit === undefined) {
    hit = hasAnyEntry(dir, PROJECT_MARKERS);
    if (rootCache.size > 20_000) rootCache.clear();
    rootCache.set(dir, hit);
  }
  return hit;
}

/** Whether a folder lies in a test folder below its project root, per folder (every file of a folder asks the same). */
const testFolderCache = new Map<string, boolean>();
forgetOnChange(() => testFolderCache.clear());

/** A test folder between the file and its project root. */
export function inTestFolder(filePath: string): boolean {
  const key = path.dirname(filePath);
  let hit = testFolderCache.get(key);
  if (hit === undefined) {
    hit = testFolderAbove(filePath);
    if (testFolderCache.size > 20_000) testFolderCache.clear();
    testFolderCache.set(key, hit);
  }
  return hit;
}

function testFolderAbove(filePath: string): boolean {
  const absolute = path.isAbsolute(filePath);
  let dir = path.dirname(filePath);
  for (let i = 0; i < 64; i++) {
    if (absolute && isProjectRoot(dir)) return false;
    const name = path.basename(dir);
    if (TEST_DIRS.has(name)) return true;
    const up = path.dirname(dir);
    if (up === dir || name === '' || name === '.' || name === '..') return false;
    dir = up;
  }
  return false;
}

export const isPythonTestCode = memo((p, text) => PY_TEST_NAME.test(p) || PY_TEST_IMPORT.test(text) || inTestFolder(p));

export const isJsTestCode = memo((p, text) => JS_TEST_NAME.test(p) || JS_TEST_IMPORT.test(text) || inTestFolder(p));

/** Folders whose files are served to or bundled for the browser. */
const BROWSER_DIR = /(^|[\\/])(client-only|static|public|browser)[\\/]/;
/** React / Next.js client hooks: a module importing them runs in a component. */
const CLIENT_HOOK_IMPORT = /\bimport\s*\{[^}]*\buse[A-Z]\w*[^}]*\}\s*from\s*['"](react|next\/router|next\/navigation|swr|@tanstack\/react-query|react-query)['"]|\bfrom\s*['"](next\/router|react-dom|react-dom\/client|swr)['"]/;

/**
 * A JS/TS file that runs in the browser by convention: under a folder of
 * static or client-only assets, a Remix `*.client.ts` module, a minified bundle,
 * or a module that imports React/Next.js client hooks.
 */
export const isBrowserModule = memo((p, text) => {
  if (BROWSER_DIR.test(p)) return true;
  if (/\.client\.[cm]?[jt]sx?$/i.test(p)) return true;
  if (CLIENT_HOOK_IMPORT.test(text)) return true;
  return isMinified(text);
});

/** A bundle or minified file: some line is far longer than any hand-written one. */
function isMinified(text: string): boolean {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end - start > 2000) return true;
    start = end + 1;
  }
  return false;
}
