/**
 * One suite per folder of test/rules/<rule-id>/ (STYLE.md section 5):
 *   valid.*          first line says `shipguard-test: no-findings`; must give zero findings of the rule
 *   invalid*.*       each offending line carries `expect: <rule-id>` (x2 for two); nothing else may fire
 *   <case>.fixed.*   text after all safe fixes of the rule
 *   <case>.unsafe-fixed.*  text after safe + unsafe fixes of the rule
 * and for every invalid file: fixes re-parse, converge, and are idempotent.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, ready, lintText, fixText, expectedAnnotations, actualKeys, isSource } from './harness';
import { RULES } from '../server/src/rules';

const RULES_DIR = path.join(ROOT, 'test', 'rules');

before(ready);

describe('rule fixture folders', () => {
  it('every registered rule has a fixture folder and every folder a rule', () => {
    const folders = fs.readdirSync(RULES_DIR).filter((f) => fs.statSync(path.join(RULES_DIR, f)).isDirectory()).sort();
    assert.deepEqual(folders, RULES.map((r) => r.id).sort());
  });
});

function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(dir, rel));
    else out.push(rel);
  }
  return out;
}

for (const rule of RULES) {
  const dir = path.join(RULES_DIR, rule.id);
  if (!fs.existsSync(dir)) continue;
  // project-shaped fixtures (settings split over files, routers in their own modules) live in subfolders
  const files = listFiles(dir).filter(isSource).sort();
  describe(`rule ${rule.id}`, () => {
    const langsCovered = new Set<string>();
    for (const file of files) {
      const base = path.basename(file);
      if (/\.(unsafe-)?fixed\./.test(base)) continue;
      const full = path.join(dir, file);
      const text = fs.readFileSync(full, 'utf8');
      const ext = path.extname(file);
      // in a project folder named valid*/invalid*, files whose names a framework fixes (Next.js `route.ts`)
      // are cases when they say so: a `no-findings` first line, or `expect:` annotations
      const folderKind = /(^|\/)(valid|invalid)[^/]*\//.exec(file)?.[2];
      const kind = base.startsWith('valid') ? 'valid' : base.startsWith('invalid') ? 'invalid' : folderKind === 'valid' && /shipguard-test: no-findings/.test(text.split(/\r?\n/)[0]) ? 'valid' : folderKind === 'invalid' && /expect:\s*[a-z]/.test(text) ? 'invalid' : null;
      if (kind === 'valid') {
        it(`${file}: no findings`, () => {
          assert.match(text.split(/\r?\n/)[0], /shipguard-test: no-findings/, 'valid files start with a `shipguard-test: no-findings` line');
          const res = lintText(full, text, { only: [rule.id] });
          assert.deepEqual(actualKeys(text, res, rule.id), []);
        });
      } else if (kind === 'invalid') {
        langsCovered.add(ext === '.py' ? 'python' : 'js');
        it(`${file}: findings match the expect: annotations`, () => {
          const res = lintText(full, text, { only: [rule.id] });
          const expected = expectedAnnotations(text).filter((k) => k.endsWith(`:${rule.id}`));
          assert.ok(expected.length > 0, 'an invalid file needs at least one `expect:` annotation');
          assert.deepEqual(actualKeys(text, res, rule.id), expected);
        });
        const stem = base.slice(0, -ext.length);
        const fixed = path.join(path.dirname(full), `${stem}.fixed${ext}`);
        const unsafeFixed = path.join(path.dirname(full), `${stem}.unsafe-fixed${ext}`);
        if (fs.existsSync(fixed)) {
          it(`${file}: safe fixes give ${path.basename(fixed)}`, () => {
            const out = fixText(full, text, { only: [rule.id] });
            assert.ok(out.converged, 'fixes converge');
            assert.equal(out.text, fs.readFileSync(fixed, 'utf8'));
            assert.equal(fixText(full, out.text, { only: [rule.id] }).text, out.text, 'fixing twice equals fixing once');
          });
        }
        if (fs.existsSync(unsafeFixed)) {
          it(`${file}: safe + unsafe fixes give ${path.basename(unsafeFixed)}`, () => {
            const out = fixText(full, text, { only: [rule.id], unsafe: true });
            assert.equal(out.text, fs.readFileSync(unsafeFixed, 'utf8'));
            assert.equal(fixText(full, out.text, { only: [rule.id], unsafe: true }).text, out.text, 'fixing twice equals fixing once');
          });
        }
        it(`${file}: declared fix availability holds`, () => {
          const res = lintText(full, text, { only: [rule.id] });
          const mine = res.findings.filter((f) => f.ruleId === rule.id);
          const order = { safe: 0, unsafe: 1, 'display-only': 2 } as const;
          for (const f of mine) {
            if (!rule.fix || rule.fix.availability === 'none') assert.equal(f.fixes.length, 0, 'a rule without fixes offers none');
            if (rule.fix?.availability === 'always') assert.ok(f.fixes.length > 0, `an always-fixable rule offers a fix (line of offset ${f.start})`);
            for (const fx of f.fixes) {
              assert.ok(fx.title.length > 0, 'every fix has a title');
              assert.ok(order[fx.applicability] >= order[rule.fix!.maxApplicability], `fix "${fx.title}" is ${fx.applicability}, above the declared ${rule.fix!.maxApplicability}`);
            }
          }
        });
      }
    }
    it('has invalid fixtures for every language it supports', () => {
      const want = new Set(rule.languages.map((l) => (l === 'python' ? 'python' : 'js')));
      assert.deepEqual([...langsCovered].sort(), [...want].sort());
    });
  });
}
