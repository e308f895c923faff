/** The rule registry keeps ids, folders and docs in step (STYLE.md habit 1 and section 4). */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../server/src/rules';
import { RuleRegistry } from '../../server/src/engine/registry';
import { summary } from '../../server/src/docs/render';
import type { Rule } from '../../server/src/engine/types';

const RULES_SRC = path.resolve(__dirname, '..', '..', 'server', 'src', 'rules');
const REQUIRED = ['## What it does', '## Why is this bad?', '## Example', '## Use instead', '## How to verify'];
/** The order of the brief; `## Options` (optional) may sit anywhere between `## Use instead` and `## References`. */
const ORDER = ['## What it does', '## Why is this bad?', '## Example', '## Use instead', '## Fix safety', '## How to verify', '## References'];
const ALLOWED = [...ORDER, '## Options'];

function headings(docs: string): string[] {
  return docs.split('\n').filter((l) => /^## /.test(l)).map((l) => l.trim());
}

describe('rule registry', () => {
  const registry = new RuleRegistry(RULES);
  const all = registry.all();

  it('every id is kebab-case and unique', () => {
    const ids = all.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('the registry rejects duplicate and non-kebab-case ids', () => {
    const r = RULES[0];
    assert.throws(() => new RuleRegistry([r, r]), /duplicate/);
    assert.throws(() => new RuleRegistry([{ ...r, id: 'Bad_Id' }]), /kebab-case/);
  });

  it('the registered rules equal the rule folders under server/src/rules', () => {
    const folders = fs
      .readdirSync(RULES_SRC, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    assert.deepEqual(RULES.map((r) => r.id).sort(), folders);
  });

  it('each rule folder has an index.ts whose default export has the folder name as id', async () => {
    for (const rule of RULES) {
      const mod = (await import(path.join(RULES_SRC, rule.id, 'index.ts'))) as { default: Rule };
      assert.equal(mod.default.id, rule.id);
    }
  });

  for (const rule of all) {
    describe(rule.id, () => {
      it('docs have the required headings, in order, each once', () => {
        const hs = headings(rule.docs);
        for (const h of REQUIRED) assert.ok(hs.includes(h), `missing "${h}"`);
        assert.equal(new Set(hs).size, hs.length, `a heading appears twice: ${hs.join(', ')}`);
        const known = hs.filter((h) => ORDER.includes(h));
        assert.deepEqual(known, [...known].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b)), `headings out of order: ${hs.join(', ')}`);
        assert.deepEqual(hs.filter((h) => !ALLOWED.includes(h)), [], 'only the documented headings');
        const opt = hs.indexOf('## Options');
        if (opt >= 0) {
          assert.ok(opt > hs.indexOf('## Use instead'), '"## Options" comes after "## Use instead"');
          if (hs.includes('## References')) assert.ok(opt < hs.indexOf('## References'), '"## Options" comes before "## References"');
        }
        assert.equal(hs[0], '## What it does', 'docs start with "## What it does"');
      });

      it('a fix that can be unsafe or display-only explains itself under "## Fix safety"', () => {
        if (rule.fix && rule.fix.maxApplicability !== 'safe') assert.ok(headings(rule.docs).includes('## Fix safety'));
        if (rule.fix) assert.ok(rule.fix.title.length > 0);
      });

      it('the first sentence of "What it does" stands alone', () => {
        const s = summary(rule);
        assert.ok(s.length >= 15 && s.length <= 300, `summary length ${s.length}: ${s}`);
        assert.match(s, /[.!?]$/);
        assert.doesNotMatch(s, /^#/);
      });

      it('declares languages it has detectors for', () => {
        if (rule.id === 'unused-suppression') return;
        if (rule.languages.includes('python')) assert.ok(rule.python, 'python detector');
        if (rule.languages.includes('javascript') || rule.languages.includes('typescript')) assert.ok(rule.js, 'js detector');
      });
    });
  }
});
