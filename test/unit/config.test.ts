/** Config sources, precedence, and bad config that is reported but never fatal. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig, mergeConfig, defaultConfig, readPyprojectSection } from '../../server/src/engine/config';
import { lint } from '../../server/src/engine/lint';
import { makeSourceFile } from '../../server/src/engine/files';
import { findWorkspaceRoot } from '../../server/src/engine/workspace';
import { RULES } from '../../server/src/rules';
import { ready } from '../harness';

const RULE = 'request-without-timeout';
const CODE = 'import requests\nrequests.get("https://x")\n';

function tmp(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipguard-config-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

describe('config', () => {
  before(ready);
  const made: string[] = [];
  const dir = (files: Record<string, string>) => {
    const d = tmp(files);
    made.push(d);
    return d;
  };
  after(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('defaults when there is no config', () => {
    const c = loadConfig(dir({}));
    assert.equal(c.source, null);
    assert.deepEqual(c.rules, {});
    assert.deepEqual(c.problems, []);
    assert.ok(c.sensitiveEndpoints.includes('login'));
  });

  it('.shipguard.json: rules, exclude, sensitive endpoints', () => {
    const d = dir({ '.shipguard.json': JSON.stringify({ rules: { [RULE]: 'error' }, exclude: ['legacy/'], sensitiveEndpoints: ['redeem'] }) });
    const c = loadConfig(d);
    assert.equal(c.rules[RULE], 'error');
    assert.deepEqual(c.exclude, ['legacy/']);
    assert.deepEqual(c.sensitiveEndpoints, ['redeem']);
    assert.match(c.source!, /\.shipguard\.json$/);
  });

  it('package.json "shipguard" key', () => {
    const d = dir({ 'package.json': JSON.stringify({ name: 'x', shipguard: { rules: { [RULE]: 'off' } } }) });
    assert.equal(loadConfig(d).rules[RULE], 'off');
  });

  it('a package.json without the key leaves defaults', () => {
    const d = dir({ 'package.json': JSON.stringify({ name: 'x' }) });
    assert.equal(loadConfig(d).source, null);
  });

  it('pyproject.toml [tool.shipguard] and [tool.shipguard.rules]', () => {
    const toml = [
      '[project]',
      'name = "shop"',
      '',
      '[tool.shipguard]',
      'exclude = [',
      '  "migrations/",  # generated',
      "  'scripts/',",
      ']',
      'unsafe-fixes = true',
      '',
      '[tool.shipguard.rules]',
      `"${RULE}" = "info"`,
      '',
      '[tool.ruff]',
      'line-length = 100',
    ].join('\n');
    const d = dir({ 'pyproject.toml': toml });
    const c = loadConfig(d);
    assert.deepEqual(c.exclude, ['migrations/', 'scripts/']);
    assert.equal(c.unsafeFixes, true);
    assert.equal(c.rules[RULE], 'info');
    assert.equal(readPyprojectSection('[tool.ruff]\nx = 1\n'), null);
  });

  it('.shipguard.json wins over package.json and pyproject.toml', () => {
    const d = dir({
      '.shipguard.json': JSON.stringify({ rules: { [RULE]: 'hint' } }),
      'package.json': JSON.stringify({ shipguard: { rules: { [RULE]: 'off' } } }),
      'pyproject.toml': `[tool.shipguard.rules]\n"${RULE}" = "error"\n`,
    });
    assert.equal(loadConfig(d).rules[RULE], 'hint');
  });

  it('invalid JSON is reported, not fatal: defaults apply', () => {
    const d = dir({ '.shipguard.json': '{ "rules": { ' });
    const c = loadConfig(d);
    assert.equal(c.problems.length, 1);
    assert.match(c.problems[0], /not valid JSON/);
    assert.deepEqual(c.rules, {});
  });

  it('an invalid severity is reported and ignored', () => {
    const c = mergeConfig(defaultConfig(), { rules: { [RULE]: 'loud' as never } }, 'test');
    assert.equal(c.rules[RULE], undefined);
    assert.match(c.problems[0], /expected one of off, error, warning, info, hint/);
  });

  it('a rule set to off does not run; a severity override changes the findings severity', () => {
    const file = makeSourceFile('a.py', CODE);
    const on = lint(file, { rules: RULES, config: defaultConfig() });
    assert.deepEqual(on.findings.map((f) => [f.ruleId, f.severity]), [[RULE, 'warning']]);
    const off = lint(file, { rules: RULES, config: mergeConfig(defaultConfig(), { rules: { [RULE]: 'off' } }) });
    assert.deepEqual(off.findings, []);
    const err = lint(file, { rules: RULES, config: mergeConfig(defaultConfig(), { rules: { [RULE]: 'error' } }) });
    assert.deepEqual(err.findings.map((f) => f.severity), ['error']);
  });

  it('the workspace root is the nearest directory with a config or project marker', () => {
    const d = dir({ 'svc/pyproject.toml': '[project]\nname="svc"\n', 'svc/app/views.py': '', 'other/x.py': '' });
    fs.mkdirSync(path.join(d, '.git'));
    assert.equal(findWorkspaceRoot(path.join(d, 'svc', 'app')), path.join(d, 'svc'));
    assert.equal(findWorkspaceRoot(path.join(d, 'svc', 'app', 'views.py')), path.join(d, 'svc'));
    assert.equal(findWorkspaceRoot(path.join(d, 'other')), d);
  });
});
