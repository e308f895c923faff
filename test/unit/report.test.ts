/**
 * The readiness report (server/src/report/): severity mapping, grouping, scores, "How to
 * verify" extraction, project checks run isolated over a ProjectContext, and rendering (HTML
 * escaped and self-contained, Markdown grouped like the audits, JSON shape stable).
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildReport, docsSection, familyScore, projectContext, reportSeverity, runChecks, REPORT_SCHEMA_VERSION } from '../../server/src/report/build';
import { escapeHtml, renderHtml, renderMarkdown, renderJson } from '../../server/src/report/render';
import type { ProjectCheck } from '../../server/src/engine/project';
import type { FileReport, ReportedFinding } from '../../server/src/engine/report';
import type { Rule } from '../../server/src/engine/types';
import { RULES } from '../../server/src/rules';

const ROOT = path.join(os.tmpdir(), 'report-root');

function finding(ruleId: string, severity: ReportedFinding['severity'], line: number, message: string, fixes: ReportedFinding['fixes'] = []): ReportedFinding {
  return {
    ruleId,
    severity,
    message,
    start: 0,
    end: 1,
    line,
    column: 1,
    endLine: line,
    endColumn: 2,
    sarif: { startLine: line, startColumn: 1, endLine: line, endColumn: 2 },
    fingerprint: `${ruleId}:${line}`,
    fixes,
  };
}

function file(rel: string, findings: ReportedFinding[]): FileReport {
  return { path: path.join(ROOT, rel), lines: 10, bytes: 100, findings, syntaxErrors: 0, failedRules: [], logs: [] };
}

const rule = (id: string, family: Rule['family'], severity: Rule['severity'], docs = '## What it does\nx.\n'): Rule => ({ id, family, severity, languages: ['python'], docs, fix: null });

const TEST_RULES: Rule[] = [
  rule('pay-twice', 'idempotency', 'error', '## What it does\nx.\n\n## How to verify\nPay twice; see one charge.\n\n```py\n## not a heading\n```\n\n## References\n- y\n'),
  rule('slow-call', 'performance-operations', 'warning'),
  rule('leaky', 'error-handling', 'warning'),
  rule('noise', 'meta', 'hint'),
];

const NO_PROJECT = { findings: [], failed: [] };

describe('readiness report', () => {
  it('maps rule severity and family to Critical / High / Medium', () => {
    assert.equal(reportSeverity('error', 'locking'), 'critical');
    assert.equal(reportSeverity('error', 'performance-operations'), 'critical');
    assert.equal(reportSeverity('warning', 'throttling'), 'high');
    assert.equal(reportSeverity('warning', 'performance-operations'), 'medium');
    assert.equal(reportSeverity('warning', 'meta'), 'medium');
    assert.equal(reportSeverity('info', 'idempotency'), 'medium');
    assert.equal(reportSeverity('hint', 'secrets-auth-config'), 'medium');
  });

  it('scores a family from its counts, never below 0', () => {
    assert.equal(familyScore({ critical: 0, high: 0, medium: 0 }), 100);
    assert.equal(familyScore({ critical: 1, high: 2, medium: 3 }), 100 - 25 - 20 - 9);
    assert.equal(familyScore({ critical: 5, high: 0, medium: 0 }), 0);
  });

  it('takes the How to verify section up to the next heading, fenced code included', () => {
    assert.equal(docsSection(TEST_RULES[0].docs, 'How to verify'), 'Pay twice; see one charge.\n\n```py\n## not a heading\n```');
    assert.equal(docsSection(TEST_RULES[1].docs, 'How to verify'), '');
  });

  it('every shipped rule has How to verify steps', () => {
    for (const r of RULES) assert.notEqual(docsSection(r.docs, 'How to verify'), '', r.id);
  });

  it('groups and orders findings by severity, family, file and line, with the best fix', () => {
    const r = buildReport({
      version: '9.9.9',
      root: ROOT,
      rules: TEST_RULES,
      reports: [
        file('b.py', [finding('slow-call', 'warning', 3, 'slow'), finding('pay-twice', 'error', 9, 'charge twice', [
          { title: 'Add a key (unsafe)', applicability: 'unsafe', edits: [] },
          { title: 'Add a key', applicability: 'safe', edits: [] },
        ])]),
        file('a/x.py', [finding('leaky', 'warning', 2, 'leaks'), finding('pay-twice', 'error', 4, 'charge twice')]),
        { ...file('skipped.py', []), skipped: 'too large' },
      ],
      project: NO_PROJECT,
      baselined: 2,
    });
    assert.equal(r.schemaVersion, REPORT_SCHEMA_VERSION);
    assert.deepEqual(
      r.findings.map((f) => [f.severity, f.rule, f.file, f.line]),
      [
        ['critical', 'pay-twice', 'a/x.py', 4],
        ['critical', 'pay-twice', 'b.py', 9],
        ['high', 'leaky', 'a/x.py', 2],
        ['medium', 'slow-call', 'b.py', 3],
      ],
    );
    assert.deepEqual(r.findings[1].fix, { title: 'Add a key', safety: 'safe' });
    assert.equal(r.findings[0].fix, null);
    assert.deepEqual(
      { ...r.summary },
      { files: 2, findings: 4, critical: 2, high: 1, medium: 1, projectFindings: 0, baselined: 2, blocking: 2, fixable: 1, safeFixes: 1 },
    );
    const idem = r.scores.find((s) => s.family === 'idempotency')!;
    assert.deepEqual(idem, { family: 'idempotency', title: 'Idempotency', score: 50, critical: 2, high: 0, medium: 0 });
    assert.equal(r.scores.find((s) => s.family === 'throttling')!.score, 100);
    assert.ok(!r.scores.some((s) => s.family === 'meta'), 'meta is listed only when something is in it');
    assert.equal(r.verify['pay-twice'].split('\n')[0], 'Pay twice; see one charge.');
  });

  it('runs project checks on workspace-relative POSIX paths, isolating a check that throws', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipguard-report-'));
    fs.mkdirSync(path.join(dir, 'app'));
    fs.writeFileSync(path.join(dir, 'app', 'settings.py'), '\uFEFFDEBUG = False\n');
    fs.writeFileSync(path.join(dir, 'requirements.txt'), 'django\n');
    fs.writeFileSync(path.join(dir, 'blob.bin'), Buffer.from([0xff, 0xfe, 0x00, 0x80]));
    const ctx = projectContext(dir, [path.join(dir, 'requirements.txt'), path.join(dir, 'app', 'settings.py'), path.join(dir, 'blob.bin'), path.join(os.tmpdir(), 'elsewhere.py')]);
    assert.deepEqual(ctx.files, ['app/settings.py', 'blob.bin', 'requirements.txt']);
    assert.equal(ctx.read('app/settings.py'), 'DEBUG = False\n');
    assert.equal(ctx.read('blob.bin'), undefined);
    assert.equal(ctx.read('not-discovered.py'), undefined);
    const noSentry: ProjectCheck = {
      id: 'no-error-tracking',
      title: 'No error tracking',
      family: 'performance-operations',
      severity: 'high',
      docs: '',
      run: (c) => (c.files.filter((f) => f.endsWith('requirements.txt')).some((f) => /sentry/i.test(c.read(f) ?? '')) ? [] : [{ check: 'no-error-tracking', message: 'no Sentry', file: 'requirements.txt', line: 1 }]),
    };
    const broken: ProjectCheck = { ...noSentry, id: 'broken', run: () => { throw new Error('boom'); } };
    const logs: string[] = [];
    const res = runChecks([broken, noSentry], ctx, (m) => logs.push(m));
    assert.deepEqual(res.failed, ['broken']);
    assert.match(logs.join('\n'), /broken failed.*boom/);
    assert.deepEqual(res.findings, [{ check: 'no-error-tracking', title: 'No error tracking', family: 'performance-operations', severity: 'high', message: 'no Sentry', file: 'requirements.txt', line: 1 }]);
    const r = buildReport({ version: '1', root: dir, rules: TEST_RULES, reports: [], project: res });
    assert.equal(r.summary.projectFindings, 1);
    assert.deepEqual(r.failedChecks, ['broken']);
    assert.equal(r.scores.find((s) => s.family === 'performance-operations')!.score, 90);
    const md = renderMarkdown(r);
    assert.match(md, /## Project-level checks \(1\)[\s\S]*No error tracking[\s\S]*requirements\.txt:1: no Sentry/);
    assert.match(md, /failed and were skipped: `broken`/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const hostile = buildReport({
    version: '1',
    root: ROOT,
    rules: TEST_RULES,
    reports: [file('x<y>/"a"&\'b\'.py', [finding('pay-twice', 'error', 1, '<script>alert(1)</script> & "quotes" <img src=http://evil/x>')])],
    project: { findings: [{ check: 'c', title: '<b>t</b>', family: 'meta', severity: 'medium', message: '</style><link href="https://evil">' }], failed: [] },
  });

  it('escapes every text in the HTML', () => {
    assert.equal(escapeHtml(`<a href="x">&'`), '&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
    for (const html of [renderHtml(hostile), renderHtml(hostile, { webview: { nonce: 'abcdefgh1234' } })]) {
      assert.ok(!html.includes('<script>alert'), 'message not escaped');
      assert.ok(!html.includes('<img'), 'message not escaped');
      assert.ok(!html.includes('<b>t</b>'), 'check title not escaped');
      assert.ok(!html.includes('</style><link'), 'check message not escaped');
      assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;'));
      assert.ok(html.includes('x&lt;y&gt;/&quot;a&quot;&amp;&#39;b&#39;.py:1'));
    }
  });

  it('the standalone HTML is self-contained: no script, no external resource, CSP hash matches its style', () => {
    const html = renderHtml(hostile);
    assert.ok(!/<script/i.test(html));
    assert.ok(!/<link\b/i.test(html));
    // in markup (the escaped message mentions `src=http://` as text, which is fine)
    assert.ok(!/<[^>]*\bsrc\s*=/i.test(html));
    assert.ok(!/<[^>]*\bhref\s*=\s*["']?(https?:|\/\/)/i.test(html));
    assert.ok(!/url\(|@import/i.test(html));
    assert.match(html, /@media print/);
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
    assert.equal(styles.length, 1);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1];
    assert.ok(csp.startsWith("default-src 'none';"), csp);
    assert.ok(csp.includes(`'sha256-${createHash('sha256').update(styles[0]).digest('base64')}'`), 'the CSP hash must admit the inline style');
    assert.ok(!/https?:/.test(csp));
  });

  it('the webview HTML admits only its nonce, and links carry file and line', () => {
    const html = renderHtml(hostile, { webview: { nonce: 'N0nce123' } });
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1];
    assert.equal(csp, "default-src 'none'; style-src 'nonce-N0nce123'; script-src 'nonce-N0nce123';");
    assert.equal([...html.matchAll(/<script nonce="N0nce123">/g)].length, 1);
    assert.equal([...html.matchAll(/<script/g)].length, 1);
    assert.match(html, /<a class="loc" href="#" data-file="x&lt;y&gt;\/&quot;a&quot;&amp;&#39;b&#39;.py" data-line="1">/);
    assert.ok(!/<[^>]*\bsrc\s*=/i.test(html));
  });

  it('Markdown has the summary first, then Critical / High / Medium by family, then project checks', () => {
    const r = buildReport({
      version: '1',
      root: ROOT,
      rules: TEST_RULES,
      reports: [file('a.py', [finding('leaky', 'warning', 5, 'leaks `str(e)`'), finding('pay-twice', 'error', 2, 'charge twice')])],
      project: NO_PROJECT,
    });
    const md = renderMarkdown(r);
    const order = ['# Production readiness report', '2 findings in 1 file: 1 Critical, 1 High, 0 Medium', '1 Critical finding blocks launch.', '## Readiness by family', 'How the score is computed', '## Critical (1)', '### Idempotency', '**a.py:2** `pay-twice`: charge twice', 'How to verify (pay-twice)', 'Pay twice; see one charge.', '## High (1)', '### Error handling', 'leaks `str(e)`', '## Medium (0)', '## Project-level checks (0)'];
    let at = 0;
    for (const part of order) {
      const i = md.indexOf(part, at);
      assert.ok(i >= at, `missing or out of order: ${part}`);
      at = i;
    }
    assert.match(md, /Fix: no automatic fix/);
  });

  it('JSON keeps its documented top-level shape', () => {
    const json = JSON.parse(renderJson(hostile));
    assert.deepEqual(Object.keys(json), ['schemaVersion', 'tool', 'root', 'summary', 'severityRule', 'scoreRule', 'scores', 'findings', 'projectFindings', 'failedChecks', 'verify']);
    assert.deepEqual(Object.keys(json.findings[0]), ['rule', 'family', 'severity', 'ruleSeverity', 'file', 'line', 'column', 'message', 'fix']);
  });
});
