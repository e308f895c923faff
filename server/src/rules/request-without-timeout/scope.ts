/**
 * Where production code is not: test files and linter test fixtures, and (for
 * JS) code that runs in a browser tab. Shared by request-without-timeout and
 * stripe-idempotency-key, which are about production servers only: a test
 * runner bounds a hanging request with its own timeout, and a test that creates
 * a Stripe object in test mode cannot charge anyone twice.
 *
 * Only conventions that hold across projects are used: test file names
 * (`test_x.py`, `x_test.py`, `conftest.py`, `x.test.ts`, `x.spec.ts`), test
 * folders that only ever hold tests (`__tests__`, `e2e`), test frameworks
 * imported by the file, and semgrep rule-test files (`# ruleid:` annotations).
 * Generic folder names such as `test/` are not used on purpose: application
 * code lives under such names too.
 */

const PY_TEST_NAME = /(^|[\\/])(test_[^\\/]*|[^\\/]*_tests?|conftest|tests)\.py$/;
const JS_TEST_NAME = /\.(test|spec|e2e|cy)\.[cm]?[jt]sx?$/i;
const JS_TEST_DIR = /(^|[\\/])(__tests__|__mocks__|e2e|cypress|playwright)[\\/]/;
const PY_TEST_IMPORT = /^\s*(import\s+(pytest|unittest)\b|from\s+(pytest|unittest|django\.test|rest_framework\.test|flask_testing)\b\s+import)/m;
const JS_TEST_IMPORT = /\bfrom\s+['"](@playwright\/test|vitest|@jest\/globals|node:test|mocha|chai|@testing-library\/[\w-]+|supertest)['"]|\brequire\(\s*['"](node:test|mocha|chai|supertest)['"]\s*\)/;
/** semgrep rule tests mark each expected match with `# ruleid: <id>` / `// ruleid: <id>`. */
const SEMGREP_FIXTURE = /^\s*(#|\/\/)\s*(ruleid|todoruleid|ok|todook):\s*[\w.-]+\s*$/m;

/**
 * Detectors ask these once per function or call, so the answer is kept for the
 * last file asked about (the runner lints one file at a time).
 */
function memo(fn: (path: string, text: string) => boolean): (path: string, text: string) => boolean {
  let lastPath: string | undefined;
  let lastText: string | undefined;
  let last = false;
  return (path, text) => {
    if (path !== lastPath || text !== lastText) {
      last = fn(path, text);
      lastPath = path;
      lastText = text;
    }
    return last;
  };
}

export const isPythonTestCode = memo((path, text) => PY_TEST_NAME.test(path) || PY_TEST_IMPORT.test(text) || SEMGREP_FIXTURE.test(text));

export const isJsTestCode = memo(
  (path, text) => JS_TEST_NAME.test(path) || JS_TEST_DIR.test(path) || JS_TEST_IMPORT.test(text) || SEMGREP_FIXTURE.test(text),
);

/** Folders whose files are served to or bundled for the browser. */
const BROWSER_DIR = /(^|[\\/])(client-only|static|public|browser)[\\/]/;
/** React / Next.js client hooks: a module importing them runs in a component. */
const CLIENT_HOOK_IMPORT = /\bimport\s*\{[^}]*\buse[A-Z]\w*[^}]*\}\s*from\s*['"](react|next\/router|next\/navigation|swr|@tanstack\/react-query|react-query)['"]|\bfrom\s*['"](next\/router|react-dom|react-dom\/client|swr)['"]/;

/**
 * A JS/TS file that runs in the browser by convention: under a folder of
 * static or client-only assets, a Remix `*.client.ts` module, a minified bundle,
 * or a module that imports React/Next.js client hooks.
 */
export const isBrowserModule = memo((path, text) => {
  if (BROWSER_DIR.test(path)) return true;
  if (/\.client\.[cm]?[jt]sx?$/i.test(path)) return true;
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
