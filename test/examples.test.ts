/**
 * The example workspace is the README's first command: `shipguard scan
 * examples` must report exactly the planted bugs of every registered rule
 * (examples/expected-findings.json lists the planted bugs of all rule
 * families; entries of rules not registered yet are ignored).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { ROOT } from './harness';
import { RULES } from '../server/src/rules';
import { languageOf } from '../server/src/engine/files';

interface Expected {
  file: string;
  line: number;
  rule: string;
}

describe('examples/ workspace', function () {
  this.timeout(120_000);
  it('the CLI reports exactly the planted bugs of the registered rules', () => {
    // a rule counts for a file when it is registered for that file's language
    const registered = new Set(RULES.flatMap((r) => r.languages.map((l) => `${r.id}/${l}`)));
    const expected = (JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', 'expected-findings.json'), 'utf8')) as Expected[])
      .filter((e) => registered.has(`${e.rule}/${languageOf(e.file)}`))
      .map((e) => `${e.file}:${e.line} ${e.rule}`)
      .sort();
    let out: string;
    try {
      out = execFileSync(process.execPath, [path.join(ROOT, 'bin', 'shipguard.js'), 'scan', '.', '--format', 'json', '--no-progress'], {
        cwd: path.join(ROOT, 'examples'),
        encoding: 'utf8',
      });
    } catch (e) {
      const err = e as { status?: number; stdout?: string };
      assert.equal(err.status, 1, 'scan exits 1 when it finds something');
      out = err.stdout ?? '';
    }
    const actual = (JSON.parse(out) as { findings: Array<{ file: string; rule: string; range: { start: { line: number } } }> }).findings
      .filter((f) => f.rule !== 'unused-suppression')
      .map((f) => `${f.file.replace(/\\/g, '/')}:${f.range.start.line} ${f.rule}`)
      .sort();
    assert.ok(expected.length >= 20, `the examples plant the registered rules' bugs (${expected.length})`);
    assert.deepEqual(actual, expected);
  });

  it('every example tsconfig is accepted by this TypeScript without a config or deprecation error (examples open clean)', function () {
    this.timeout(60_000);
    const configs = fs.readdirSync(path.join(ROOT, 'examples'), { withFileTypes: true })
      .filter((e) => e.isDirectory() && fs.existsSync(path.join(ROOT, 'examples', e.name, 'tsconfig.json')))
      .map((e) => path.join(ROOT, 'examples', e.name, 'tsconfig.json'));
    assert.ok(configs.length >= 1);
    for (const cfg of configs) {
      let out = '';
      try {
        // the examples' packages are not installed, so type errors are expected; option errors (TS5xxx) are not
        out = execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', cfg, '--noEmit'], { encoding: 'utf8' });
      } catch (e) {
        out = `${(e as { stdout?: string }).stdout ?? ''}${(e as { stderr?: string }).stderr ?? ''}`;
      }
      assert.doesNotMatch(out, /error TS5\d{3}/, `${path.relative(ROOT, cfg)}: ${out.slice(0, 400)}`);
    }
  });
});
