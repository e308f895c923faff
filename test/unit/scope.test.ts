/**
 * Test code is decided from file names, test folders inside the project and test-framework
 * imports; comments (another linter's `# ruleid:` annotations) are no evidence.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inTestFolder, isJsTestCode, isPythonTestCode } from '../../server/src/lang/scope';

describe('test-code detection (lang/scope)', () => {
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shipguard-scope-'));
    // a project checked out under a folder named test/: only folders below its root count
    const proj = path.join(tmp, 'test', 'shop');
    for (const d of ['tests', 'src/payments', 'src/__tests__', 'src/http/__fixtures__/routers', 'e2e']) fs.mkdirSync(path.join(proj, d), { recursive: true });
    fs.writeFileSync(path.join(proj, 'pyproject.toml'), '');
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('file names', () => {
    for (const p of ['app/test_orders.py', 'app/orders_test.py', 'app/tests.py', 'conftest.py']) assert.ok(isPythonTestCode(p, ''), p);
    for (const p of ['src/a.test.ts', 'src/a.spec.tsx', 'test/app.e2e-spec.ts', 'cypress.cy.js']) assert.ok(isJsTestCode(p, ''), p);
    assert.ok(!isPythonTestCode('app/testing_utils.py', 'x = 1\n'));
    assert.ok(!isJsTestCode('src/latest.ts', 'export {}\n'));
  });

  it('test folders below the project root', () => {
    const proj = path.join(tmp, 'test', 'shop');
    assert.ok(inTestFolder(path.join(proj, 'tests', 'factories.py')));
    assert.ok(inTestFolder(path.join(proj, 'src', '__tests__', 'helpers.ts')));
    assert.ok(inTestFolder(path.join(proj, 'e2e', 'login.ts')));
    assert.ok(inTestFolder(path.join(proj, 'src', 'http', '__fixtures__', 'routers', 'route.ts')), 'Jest fixtures of a router test');
    assert.ok(!inTestFolder(path.join(proj, 'src', 'payments', 'stripe.py')), 'the test/ above the project root does not count');
    assert.ok(isPythonTestCode(path.join(proj, 'tests', 'factories.py'), 'import factory\n'));
    assert.ok(inTestFolder('pkg/tests/utils.py'), 'relative paths: every folder counts');
  });

  it('test-framework imports', () => {
    assert.ok(isPythonTestCode('app/checks.py', 'import pytest\n'));
    assert.ok(isPythonTestCode('app/checks.py', 'from django.test import TestCase\n'));
    assert.ok(isPythonTestCode('app/checks.py', 'from unittest.mock import patch\n'));
    assert.ok(isJsTestCode('src/checks.ts', "import { test, expect } from '@playwright/test';\n"));
    assert.ok(isJsTestCode('src/checks.ts', "import { describe, it } from 'vitest';\n"));
  });

  it('another linter\'s test annotations are not test code', () => {
    assert.ok(!isPythonTestCode('rules/requests.py', '# ruleid: no-timeout\nrequests.get(url)\n'));
    assert.ok(!isJsTestCode('rules/axios.ts', '// ruleid: no-timeout\naxios.get(url);\n'));
  });
});
