/** Config sources, precedence, and bad config that is reported but never fatal. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig, mergeConfig, defaultConfig, readPyprojectSection, configSchema, validate, parseJsonWithPositions } from '../../server/src/engine/config';
import { parseToml } from '../../server/src/engine/toml';
import { RuleRegistry } from '../../server/src/engine/registry';
import { lint } from '../../server/src/engine/lint';
import { makeSourceFile } from '../../server/src/engine/files';
import { findWorkspaceRoot } from '../../server/src/engine/discovery';
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

  it('invalid JSON is an error with its location; the config is not used (defaults apply)', () => {
    const d = dir({ '.shipguard.json': '{ "rules": { ' });
    const c = loadConfig(d);
    assert.equal(c.errors.length, 1);
    assert.match(c.errors[0], /\.shipguard\.json:1:14: not valid JSON: expected a "quoted" key/);
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
  describe('validation (one schema for every source)', () => {
    const ids = new RuleRegistry(RULES).all().map((r) => r.id);
    const load = (files: Record<string, string>) => loadConfig(dir(files), { ruleIds: ids });

    it('a UTF-8 byte order mark is accepted', () => {
      const c = load({ '.shipguard.json': `\ufeff${JSON.stringify({ rules: { [RULE]: 'error' } })}` });
      assert.deepEqual(c.errors, []);
      assert.equal(c.rules[RULE], 'error');
    });

    it('a misspelt rule id, a wrong severity, exclude as a string, an unknown key: each located, with a "did you mean"', () => {
      const text = '{\n  "rules": { "request-without-timout": "error", "stripe-idempotency-key": "eror" },\n  "exclude": "legacy/",\n  "sensitiveEndpoint": ["x"],\n  "maxFileSize": "big"\n}\n';
      const c = load({ '.shipguard.json': text });
      const msgs = c.errors.map((e) => e.replace(/^.*\.shipguard\.json/, ''));
      assert.deepEqual(msgs, [
        ':3:3: "exclude" must be an array of strings, not "legacy/"',
        ':5:3: "maxFileSize" must be a whole number, not "big"',
        ':2:14: unknown rule "request-without-timout"; did you mean "request-without-timeout"? (`shipguard rules` lists them)',
        ':2:49: "rules.stripe-idempotency-key" is "eror"; expected one of off, error, warning, info, hint; did you mean "error"?',
        ':4:3: unknown key "sensitiveEndpoint"; did you mean "sensitiveEndpoints"? (keys: rules, exclude, sensitiveEndpoints, unsafeFixes, maxFileSize)',
      ]);
      // a config with errors is not used: defaults apply
      assert.deepEqual(c.rules, {});
      assert.deepEqual(c.exclude, []);
    });

    it('a config that is null, an array or a number is an error', () => {
      for (const text of ['null', '[]', '3']) {
        const c = load({ '.shipguard.json': text });
        assert.equal(c.errors.length, 1, text);
        assert.match(c.errors[0], /the configuration must be an object, not (null|an array|the number 3)/);
      }
    });

    it('package.json: a broken file and a wrong "shipguard" value are errors; without the key it is not a config', () => {
      assert.match(load({ 'package.json': '{ "name": "x", }' }).errors[0], /package\.json:1:16: not valid JSON \(a trailing comma is not allowed in JSON\)/);
      assert.match(load({ 'package.json': JSON.stringify({ name: 'x', shipguard: { rule: {} } }) }).errors[0], /package\.json:1:26: unknown key "rule"; did you mean "rules"\?/);
      assert.deepEqual(load({ 'package.json': '{"name": "x"}' }).errors, []);
    });

    it('pyproject.toml: inline tables, dotted keys, literal and multi-line strings are all read', () => {
      const forms = [
        `[tool.shipguard]\nrules = { "${RULE}" = "error" }\nexclude = ['legacy/', """gen/"""]\n`,
        `[tool]\nshipguard.rules.${RULE} = "error"\nshipguard.exclude = [\n  "legacy/", # old\n  "gen/",\n]\n`,
        `tool.shipguard.rules.${RULE} = 'error'\ntool.shipguard.exclude = ["legacy/", "gen/"]\n`,
        `[tool.shipguard.rules]\n${RULE} = "error"\n[tool.shipguard]\nexclude = ["legacy/", "gen/"]\n`,
      ];
      for (const toml of forms) {
        const c = load({ 'pyproject.toml': toml });
        assert.deepEqual(c.errors, [], toml);
        assert.equal(c.rules[RULE], 'error', toml);
        assert.deepEqual(c.exclude, ['legacy/', 'gen/'], toml);
      }
    });

    it('pyproject.toml: invalid TOML and wrong values are errors with their line; kebab-case keys are accepted', () => {
      assert.match(load({ 'pyproject.toml': '[tool.shipguard]\nexclude = [unquoted]\n' }).errors[0], /pyproject\.toml:2: not valid TOML: unexpected "u" where a value was expected/);
      assert.match(
        load({ 'pyproject.toml': '[project]\nname = "a"\n[tool.shipguard]\nunsafe-fixes = "yes"\n' }).errors[0],
        /pyproject\.toml:4 \[tool\.shipguard\.unsafe-fixes\]: "unsafeFixes" must be true or false, not "yes"/,
      );
      assert.equal(load({ 'pyproject.toml': '[tool.shipguard]\nunsafe-fixes = true\nsensitive-endpoints = ["redeem"]\n' }).sensitiveEndpoints[0], 'redeem');
      // another tool's broken section is still broken TOML: the file cannot be read
      assert.equal(load({ 'pyproject.toml': '[tool.ruff]\nx = \n' }).errors.length, 1);
      // no [tool.shipguard]: not a shipguard config
      assert.deepEqual(load({ 'pyproject.toml': '[tool.ruff]\nline-length = 100\n' }).errors, []);
    });

    it('the JSON reader is iterative and caps nesting: a 100k-deep config is an error, not a crash', () => {
      const text = `{"exclude": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
      const c = load({ '.shipguard.json': text });
      assert.match(c.errors[0], /\.shipguard\.json:1:\d+: not valid JSON: nested more than 100 levels deep/);
      const parsed = parseJsonWithPositions(`${'['.repeat(50)}${']'.repeat(50)}`);
      assert.ok('value' in parsed);
      assert.equal(validate(parsed.value, configSchema(ids))[0].message, 'the configuration must be an object, not an array');
    });

    it('the JSON reader agrees with JSON.parse and rejects what it rejects', () => {
      for (const t of ['{"a": [1, 2.5e3, "x\\n\\u00e9", true, null, {}], "b": {"c": []}}', '"s"', '  7 ', '{"__proto__": 1}']) {
        const p = parseJsonWithPositions(t);
        assert.ok('value' in p, t);
        assert.deepEqual(p.value, JSON.parse(t), t);
      }
      for (const t of ['{', '{"a" 1}', '[1,]', '{"a":1}x', '', "{'a': 1}"]) assert.ok('error' in parseJsonWithPositions(t), t);
    });

    it('TOML: values of every kind, and its errors', () => {
      const doc = parseToml(
        [
          'a = 1_000',
          'b = 0x1F',
          'c = -3.5e2',
          'd = true',
          'e = "t\\u00e9\\n"',
          "f = 'C:\\x'",
          'g = """',
          'two',
          'lines"""',
          "h = '''raw\\n'''",
          'i = 1979-05-27T07:32:00Z',
          'j = [[1, 2], ["x"]]',
          'k = { x.y = 1, z = [ ] }',
          '[[arr]]',
          'n = 1',
          '[[arr]]',
          'n = 2',
          '["quoted key".sub]',
          'v = inf',
        ].join('\n'),
      );
      assert.deepEqual(doc.data, {
        a: 1000,
        b: 31,
        c: -350,
        d: true,
        e: 't\u00e9\n',
        f: 'C:\\x',
        g: 'two\nlines',
        h: 'raw\\n',
        i: '1979-05-27T07:32:00Z',
        j: [[1, 2], ['x']],
        k: { x: { y: 1 }, z: [] },
        arr: [{ n: 1 }, { n: 2 }],
        'quoted key': { sub: { v: Infinity } },
      });
      assert.throws(() => parseToml('a = 1\na = 2\n'), /line 2: key a is defined twice/);
      assert.throws(() => parseToml('[t]\n[t]\n'), /line 2: table \[t\] is defined twice/);
      assert.throws(() => parseToml('a = 1 b = 2\n'), /line 1: unexpected "b" after a value/);
    });

    it('shipguard.schema.json is the schema the validator uses (regenerated by npm run docs), and VS Code is told of it', () => {
      const root = path.resolve(__dirname, '..', '..');
      assert.deepEqual(JSON.parse(fs.readFileSync(path.join(root, 'shipguard.schema.json'), 'utf8')), JSON.parse(JSON.stringify(configSchema(ids))));
      const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
      assert.deepEqual(pkg.contributes.jsonValidation, [{ fileMatch: '.shipguard.json', url: './shipguard.schema.json' }]);
    });
  });
});
