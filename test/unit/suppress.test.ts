/** Suppression comments: placement rules, ids, and unused-suppression with its removal fix. */
import * as assert from 'node:assert/strict';
import { lintText, ready } from '../harness';
import { applyEdits } from '../../server/src/text/edits';
import { LineIndex } from '../../server/src/text/positions';

const RULE = 'request-without-timeout';
const HEAD = 'import requests\n\n\ndef f(url):\n';

function ids(text: string): string[] {
  const idx = new LineIndex(text);
  return lintText('s.py', text).findings.map((f) => `${idx.lineOf(f.start) + 1}:${f.ruleId}`);
}

describe('suppressions', () => {
  before(ready);

  it('the unsuppressed baseline fires', () => {
    assert.deepEqual(ids(`${HEAD}    return requests.get(url)\n`), [`5:${RULE}`]);
  });

  it('a trailing comment on the same line suppresses', () => {
    assert.deepEqual(ids(`${HEAD}    return requests.get(url)  # shipguard: ignore[${RULE}] internal mock server\n`), []);
  });

  it('a comment alone on the line above suppresses', () => {
    assert.deepEqual(ids(`${HEAD}    # shipguard: ignore[${RULE}] the stub answers instantly\n    return requests.get(url)\n`), []);
  });

  it('a bare ignore without ids suppresses every rule', () => {
    assert.deepEqual(ids(`${HEAD}    return requests.get(url)  # shipguard: ignore\n`), []);
  });

  it('a trailing comment on the last line of a multi-line call suppresses (formatters put it there)', () => {
    const text = `${HEAD}    return requests.get(\n        url,\n        params={"a": 1},\n    )  # shipguard: ignore[${RULE}] reason\n`;
    assert.deepEqual(ids(text), []);
  });

  it('a trailing comment on the first line of a multi-line call suppresses', () => {
    const text = `${HEAD}    return requests.get(  # shipguard: ignore[${RULE}] reason\n        url,\n    )\n`;
    assert.deepEqual(ids(text), []);
  });

  it("a trailing comment of the previous statement does NOT suppress the next line", () => {
    const text = `${HEAD}    a = requests.get(url, timeout=3)  # shipguard: ignore[${RULE}] meant for this line\n    return requests.get(url)\n`;
    const got = ids(text);
    assert.ok(got.includes(`6:${RULE}`), `the next statement is still reported: ${got}`);
    assert.ok(got.includes('5:unused-suppression'), `and the comment suppresses nothing: ${got}`);
  });

  it('a comment two lines above does not suppress', () => {
    const text = `${HEAD}    # shipguard: ignore[${RULE}] too far\n    x = 1\n    return requests.get(url)\n`;
    assert.ok(ids(text).includes(`7:${RULE}`));
  });

  it('a suppression for another rule does not suppress this one', () => {
    const text = `${HEAD}    return requests.get(url)  # shipguard: ignore[stripe-idempotency-key] wrong rule\n`;
    const got = ids(text);
    assert.ok(got.includes(`5:${RULE}`));
  });

  it('an unknown rule id is reported as such', () => {
    const text = `x = 1  # shipguard: ignore[no-such-rule] typo\n`;
    const res = lintText('u.py', text);
    assert.equal(res.findings.length, 1);
    assert.equal(res.findings[0].ruleId, 'unused-suppression');
    assert.match(res.findings[0].message, /unknown rule no-such-rule/);
  });

  it('JS/TS comments work the same way', () => {
    const text = `const x = 1; // shipguard: ignore[${RULE}] nothing here\n`;
    const res = lintText('a.ts', text);
    assert.deepEqual(res.findings.map((f) => f.ruleId), ['unused-suppression']);
  });

  it('an unused trailing suppression is reported with a safe fix that removes only the comment', () => {
    const text = `total = 1 + 1  # shipguard: ignore[${RULE}] stale\nprint(total)\n`;
    const res = lintText('t.py', text);
    assert.equal(res.findings.length, 1);
    const f = res.findings[0];
    assert.equal(f.ruleId, 'unused-suppression');
    assert.match(f.message, /Unused suppression/);
    assert.equal(f.fixes.length, 1);
    assert.equal(f.fixes[0].applicability, 'safe');
    const fixed = applyEdits(text, f.fixes[0].edits);
    assert.equal(fixed, 'total = 1 + 1\nprint(total)\n');
    assert.deepEqual(lintText('t.py', fixed).findings, []);
  });

  it('an unused standalone suppression is removed with its whole line (CRLF kept)', () => {
    const text = `x = 1\r\n# shipguard: ignore[${RULE}] stale\r\ny = 2\r\n`;
    const res = lintText('t.py', text);
    assert.equal(res.findings.length, 1);
    assert.equal(applyEdits(text, res.findings[0].fixes[0].edits), 'x = 1\r\ny = 2\r\n');
  });

  it('a suppression used by a rule that is switched off is not reported as unused', () => {
    const text = `${HEAD}    return requests.get(url)  # shipguard: ignore[${RULE}] reason\n`;
    const res = lintText('s.py', text, { config: { rules: { [RULE]: 'off' } } });
    assert.deepEqual(res.findings, []);
  });
});
