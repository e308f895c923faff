/**
 * log-exception-without-traceback: a fix that would break a test of the project
 * asserting on the log message is unsafe; one the tests still pass with stays safe.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ready, lintText, fixText } from '../harness';
import { projectRoot } from '../../server/src/rules/log-exception-without-traceback/asserted';

const RULE = 'log-exception-without-traceback';

function project(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-logassert-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

const MAIL = [
  'import logging',
  '',
  'logger = logging.getLogger("app.mail")',
  '',
  '',
  'def refresh(account):',
  '    try:',
  '        account.refresh()',
  '    except RefreshTokenError as e:',
  '        logger.error(f"Failed to refresh oauth token for account {account}: {e}")',
  '',
  '',
  'def webhook(action):',
  '    try:',
  '        action.send()',
  '    except Exception as e:',
  '        logger.error(f"Error occurred parsing webhook params: {e}")',
  '',
  '',
  'def cleanup(user):',
  '    try:',
  '        user.cleanup()',
  '    except Exception as e:',
  '        logger.error(f"Error while cleaning up user {user.pk}: {e}")',
  '',
].join('\n');

/** title and applicability of the fix offered on each finding, by line (1-based) */
function offered(file: string): Array<[number, string, string]> {
  const text = fs.readFileSync(file, 'utf8');
  return lintText(file, text, { only: [RULE] })
    .findings.filter((f) => f.ruleId === RULE)
    .map((f) => [text.slice(0, f.start).split('\n').length, f.fixes[0]?.applicability ?? 'none', f.fixes[0]?.title ?? '']);
}

describe('log-exception-without-traceback: tests asserting on the message', () => {
  before(ready);

  it('a captured message the rewrite shortens makes the fix unsafe; one it keeps does not', () => {
    const root = project({
      'pyproject.toml': '[project]\nname = "app"\n',
      'app/__init__.py': '',
      'app/mail.py': MAIL,
      'app/tests/test_mail.py': [
        'from django.test import TestCase',
        'class T(TestCase):',
        '    def test_refresh(self):',
        '        with self.assertLogs("app.mail", level="ERROR") as cm:',
        '            refresh(account)',
        '            self.assertIn(f"Failed to refresh oauth token for account {account}: test_error", cm.output[0])',
        '    def test_webhook(self):',
        '        with self.assertLogs("app.mail", level="ERROR") as cm:',
        '            expected_str = "Error occurred parsing webhook params"',
        '            self.assertIn(expected_str, cm.output[0])',
        '',
      ].join('\n'),
    });
    const file = path.join(root, 'app', 'mail.py');
    assert.deepEqual(offered(file), [
      [10, 'unsafe', 'Use `logger.exception()` (logs the traceback) without the exception text in the message, and drop the unused `as e` (unsafe: app/tests/test_mail.py asserts on this log message)'],
      [17, 'safe', 'Use `logger.exception()` (logs the traceback) without the exception text in the message, and drop the unused `as e`'],
      [24, 'safe', 'Use `logger.exception()` (logs the traceback) without the exception text in the message, and drop the unused `as e`'],
    ]);
    // plain `fix` leaves the asserted message alone and fixes the others
    const out = fixText(file, MAIL, { only: [RULE] }).text;
    assert.match(out, /except RefreshTokenError as e:\n {8}logger\.error\(f"Failed to refresh oauth token for account \{account\}: \{e\}"\)/);
    assert.match(out, /except Exception:\n {8}logger\.exception\("Error occurred parsing webhook params"\)/);
    assert.match(out, /except Exception:\n {8}logger\.exception\(f"Error while cleaning up user \{user\.pk\}"\)/);
  });

  it('a test that mocks the logger method makes every fix of that message unsafe, even one that keeps the text', () => {
    const src = [
      'import logging',
      'logger = logging.getLogger(__name__)',
      'def sync(batch):',
      '    try:',
      '        batch.push()',
      '    except Exception as e:',
      '        logger.error("Batch sync to the warehouse failed: " + str(e))',
      '    try:',
      '        batch.pull()',
      '    except Exception as e:',
      '        logger.error(str(e))',
      '',
    ].join('\n');
    const root = project({
      'setup.py': '',
      'sync.py': src,
      'tests/test_sync.py': [
        'from unittest import mock',
        '@mock.patch("sync.logger")',
        'def test_sync(log):',
        '    sync(batch)',
        '    log.error.assert_called_once_with("Batch sync to the warehouse failed: boom")',
        '',
      ].join('\n'),
    });
    const file = path.join(root, 'sync.py');
    const got = offered(file);
    assert.equal(got[0][1], 'unsafe');
    assert.match(got[0][2], /tests\/test_sync\.py asserts on this log message/);
    // `str(e)` alone has no constant text to tie a test to: it keeps its message and stays safe
    assert.deepEqual(got[1], [11, 'safe', 'Add `exc_info=True` to log the traceback']);
  });

  it('the project root is the nearest marker folder, else the folder above the top package', () => {
    const root = project({ 'src/manage.py': '', 'src/documents/__init__.py': '', 'src/documents/signals/__init__.py': '', 'src/documents/signals/h.py': '', 'lib/pkg/__init__.py': '', 'lib/pkg/sub/m.py': '' });
    assert.equal(projectRoot(path.join(root, 'src', 'documents', 'signals', 'h.py')), path.join(root, 'src'));
    // no marker up to the file system root in a temp folder: above the top package
    const lone = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-logassert-'));
    fs.mkdirSync(path.join(lone, 'pkg', 'sub'), { recursive: true });
    fs.writeFileSync(path.join(lone, 'pkg', '__init__.py'), '');
    fs.writeFileSync(path.join(lone, 'pkg', 'sub', '__init__.py'), '');
    assert.equal(projectRoot(path.join(lone, 'pkg', 'sub', 'm.py')), lone);
  });
});
