/**
 * Rule docs are code: every rule has the required headings in order, its
 * Example blocks trigger the rule and its Use instead blocks do not
 * (biome `expect_diagnostic`, typescript-eslint docs.test.mts), and the
 * generated docs/rules pages and README table are up to date.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { ready, lintText } from './harness';
import { RULES } from '../server/src/rules';
import { RuleRegistry } from '../server/src/engine/registry';
import { expectedFiles } from '../scripts/gen-docs';

const REQUIRED = ['## What it does', '## Why is this bad?', '## Example', '## Use instead', '## Fix safety', '## How to verify'];

before(ready);

function section(docs: string, heading: string): string {
  const start = docs.indexOf(`${heading}\n`);
  if (start < 0) return '';
  const rest = docs.slice(start + heading.length + 1);
  const next = rest.search(/^## /m);
  return next < 0 ? rest : rest.slice(0, next);
}

function codeBlocks(md: string): Array<{ lang: string; code: string }> {
  return [...md.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], code: m[2] }));
}

const EXT: Record<string, string> = { python: '.py', py: '.py', ts: '.ts', typescript: '.ts', js: '.js', javascript: '.js', tsx: '.tsx' };

describe('rule docs', () => {
  for (const rule of new RuleRegistry(RULES).all()) {
    describe(rule.id, () => {
      it('has the required headings in order and a one-sentence opening', () => {
        let pos = -1;
        for (const h of REQUIRED) {
          const at = rule.docs.indexOf(`${h}\n`);
          assert.ok(at >= 0, `missing heading "${h}"`);
          assert.ok(at > pos, `heading "${h}" is out of order`);
          pos = at;
        }
        const opening = section(rule.docs, '## What it does').trim();
        assert.match(opening, /^[^\n]+[.!?](\s|$)/, 'the first sentence of "What it does" stands alone');
      });
      const examples = codeBlocks(section(rule.docs, '## Example')).filter((b) => EXT[b.lang]);
      const fixed = codeBlocks(section(rule.docs, '## Use instead')).filter((b) => EXT[b.lang]);
      it('has at least one runnable Example and Use instead block', () => {
        assert.ok(examples.length > 0, 'no code block under ## Example');
        assert.ok(fixed.length > 0, 'no code block under ## Use instead');
      });
      examples.forEach((b, i) => {
        it(`Example block ${i + 1} (${b.lang}) reports ${rule.id}`, () => {
          // not `example.py`: rules about production settings leave modules named for examples alone
          const res = lintText(`app${EXT[b.lang]}`, b.code, { only: rule.id === 'unused-suppression' ? undefined : [rule.id] });
          assert.ok(res.findings.some((f) => f.ruleId === rule.id), `the Example does not trigger ${rule.id}`);
        });
      });
      fixed.forEach((b, i) => {
        it(`Use instead block ${i + 1} (${b.lang}) does not report ${rule.id}`, () => {
          const res = lintText(`fixed${EXT[b.lang]}`, b.code, { only: rule.id === 'unused-suppression' ? undefined : [rule.id] });
          assert.deepEqual(res.findings.filter((f) => f.ruleId === rule.id).map((f) => f.message), []);
        });
      });
    });
  }
  it('docs/rules/*.md match the rule metadata (npm run docs)', () => {
    for (const [file, text] of expectedFiles()) {
      assert.ok(fs.existsSync(file), `${file} is missing: run npm run docs`);
      assert.equal(fs.readFileSync(file, 'utf8'), text, `${file} is stale: run npm run docs`);
    }
  });
});
