/** Report formatters on synthetic reports: text line shape, colour, JSON fields, SARIF structure and baseline state. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { formatJson, formatSarif, formatText, type ReportContext } from '../../server/src/cli/output';
import { applyBaseline, makeBaseline } from '../../server/src/cli/baseline';
import { parseCli, UsageError } from '../../server/src/cli/args';
import { RuleRegistry } from '../../server/src/engine/registry';
import { defaultConfig } from '../../server/src/engine/config';
import type { FileReport, ReportedFinding } from '../../server/src/engine/report';
import { RULES } from '../../server/src/rules';

const ROOT = path.resolve('/work/project');
const RULE = 'request-without-timeout';

function finding(line: number, column: number, fp: string): ReportedFinding {
  return {
    ruleId: RULE,
    severity: 'warning',
    message: '`requests.get` without `timeout=`',
    start: line * 100 + column,
    end: line * 100 + column + 12,
    line,
    column,
    endLine: line,
    endColumn: column + 12,
    sarif: { startLine: line, startColumn: column + 1, endLine: line, endColumn: column + 13 },
    fingerprint: `${fp.padEnd(32, '0')}:1`,
    fixes: [],
  };
}

function reports(): FileReport[] {
  const base = { lines: 10, bytes: 100, syntaxErrors: 0, failedRules: [], logs: [] };
  return [
    { ...base, path: path.join(ROOT, 'app', 'views.py'), findings: [finding(3, 5, 'a'), finding(7, 9, 'b')] },
    { ...base, path: path.join(ROOT, 'app', 'ok.py'), findings: [] },
    { ...base, path: path.join(ROOT, 'big.py'), findings: [], skipped: 'skipped: too big' },
  ];
}

function ctx(extra: Partial<ReportContext> = {}): ReportContext {
  return { cwd: ROOT, root: ROOT, version: '9.9.9', rules: new RuleRegistry(RULES).all(), config: defaultConfig(), scanned: 2, seconds: 0.123, baselined: 0, ...extra };
}

describe('output formats', () => {
  it('text: one line per finding, then the summary; colour only on request', () => {
    const out = formatText(reports(), ctx(), false);
    assert.equal(
      out,
      `app/views.py:3:5  warning  ${RULE}  \`requests.get\` without \`timeout=\`\n` +
        `app/views.py:7:9  warning  ${RULE}  \`requests.get\` without \`timeout=\`\n` +
        '\n2 findings in 1 file (2 files scanned in 0.12 s)\n',
    );
    assert.match(formatText(reports(), ctx(), true), /\x1b\[1mapp\/views\.py:3:5\x1b\[22m  \x1b\[33mwarning\x1b\[39m  \x1b\[33mrequest-without-timeout/);
  });

  it('JSON: findings with 1-based ranges in UTF-16 columns (as SARIF), skipped files with reasons', () => {
    const doc = JSON.parse(formatJson(reports(), ctx()));
    assert.equal(doc.version, '9.9.9');
    assert.equal(doc.columnKind, 'utf16CodeUnits');
    assert.deepEqual(doc.summary, { findings: 2, files: 1, scanned: 2, seconds: 0.123, baselined: 0 });
    // the synthetic finding's SARIF columns are one more than its code-point columns: JSON follows SARIF
    assert.deepEqual(doc.findings[0].range, { start: { line: 3, column: 6 }, end: { line: 3, column: 18 } });
    assert.deepEqual(doc.skipped, [{ file: 'big.py', reason: 'skipped: too big' }]);
  });

  it('SARIF: every registered rule described once; results point at their rule', () => {
    const log = JSON.parse(formatSarif(reports(), ctx()));
    const run = log.runs[0];
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    assert.deepEqual(ids, new RuleRegistry(RULES).all().map((r) => r.id));
    for (const r of run.results) assert.equal(ids[r.ruleIndex], r.ruleId);
    assert.equal(run.results[1].locations[0].physicalLocation.region.startColumn, 10);
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, 'file:///work/project/');
    assert.equal(run.invocations[0].toolExecutionNotifications[0].message.text, 'big.py: skipped: too big');
  });

  it('SARIF: a severity override sets the rule level; off becomes none', () => {
    const config = { ...defaultConfig(), rules: { [RULE]: 'error' as const, 'unused-suppression': 'off' as const } };
    const rules = JSON.parse(formatSarif([], ctx({ config }))).runs[0].tool.driver.rules;
    assert.equal(rules.find((r: { id: string }) => r.id === RULE).defaultConfiguration.level, 'error');
    assert.equal(rules.find((r: { id: string }) => r.id === 'unused-suppression').defaultConfiguration.level, 'none');
  });

  it('baseline: matches by path, rule and fingerprint; hidden findings stay in SARIF as suppressed', () => {
    const old = reports();
    old[0].findings = [old[0].findings[0]];
    const baseline = makeBaseline(old, ROOT);
    assert.deepEqual(baseline.findings.map((f) => [f.path, f.rule]), [['app/views.py', RULE]]);
    const now = reports();
    const hidden = applyBaseline(now, baseline, ROOT);
    assert.deepEqual(now[0].findings.map((f) => f.line), [7]);
    assert.equal(hidden.get(now[0].path)!.length, 1);
    const results = JSON.parse(formatSarif(now, ctx({ baselined: 1, baseline: { file: 'b.json', findings: hidden } }))).runs[0].results;
    assert.deepEqual(results.map((r: { baselineState: string }) => r.baselineState), ['unchanged', 'new']);
    // the same finding in another file is not covered by the baseline
    const moved = reports();
    moved[0].path = path.join(ROOT, 'app', 'other.py');
    applyBaseline(moved, baseline, ROOT);
    assert.equal(moved[0].findings.length, 2);
  });
});

describe('argument parsing', () => {
  it('parses commands, repeated and comma-separated rules, and defaults', () => {
    const a = parseCli(['scan', 'src', 'lib', '--rule', 'a-b', '--rule', 'c,d', '--format', 'sarif', '-j', '2', '--no-progress']);
    assert.equal(a.command, 'scan');
    assert.deepEqual(a.positionals, ['src', 'lib']);
    assert.deepEqual(a.rules, ['a-b', 'c', 'd']);
    assert.equal(a.format, 'sarif');
    assert.equal(a.jobs, 2);
    assert.equal(a.progress, false);
    assert.equal(a.cache, true);
    const f = parseCli(['fix', '--unsafe-fixes', '--diff']);
    assert.equal(f.unsafeFixes, true);
    assert.equal(f.diff, true);
  });

  it('rejects unknown options, options of other commands, bad values', () => {
    for (const argv of [['scan', '--frmat', 'json'], ['fix', '--format', 'json'], ['scan', '--jobs', '0'], ['rules', '--format', 'sarif'], ['explain'], ['explain', 'a', 'b'], ['lsp'], ['--format', 'json']]) {
      assert.throws(() => parseCli(argv), UsageError, argv.join(' '));
    }
  });
});
