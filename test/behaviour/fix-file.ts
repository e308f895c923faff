/**
 * Applies one rule's fixes to a file with the real engine (the same `fixFile`
 * the CLI and the editor use) and prints the result: the behaviour suite runs
 * this output, never a hand-written copy.
 *
 *   npx tsx test/behaviour/fix-file.ts <file> <rule-id> [safe|unsafe] > fixed
 *
 * Imports the rules it exercises directly rather than the whole registry, so a rule
 * someone else is editing cannot break this suite.
 */
import * as fs from 'node:fs';
import { initPython } from '../../server/src/lang/python/parser';
import { fixFile, lint } from '../../server/src/engine/lint';
import { makeSourceFile } from '../../server/src/engine/files';
import { defaultConfig } from '../../server/src/engine/config';
import type { Rule } from '../../server/src/engine/types';
import { AUTH_RULES, CONFIG_RULES, ERROR_RULES, INJECTION_RULES, LOCKING_RULES, OPERATIONS_RULES, IDEMPOTENCY_RULES } from './rules';

async function main(): Promise<void> {
  await initPython();
  const [file, ruleId, mode] = process.argv.slice(2);
  if (!file || !ruleId) {
    process.stderr.write('usage: fix-file.ts <file> <rule-id> [safe|unsafe]\n');
    process.exit(2);
  }
  const rules: Rule[] = [...LOCKING_RULES, ...ERROR_RULES, ...AUTH_RULES, ...CONFIG_RULES, ...INJECTION_RULES, ...OPERATIONS_RULES, ...IDEMPOTENCY_RULES].filter((r) => r.id === ruleId);
  if (!rules.length) throw new Error(`unknown rule ${ruleId}`);
  const text = fs.readFileSync(file, 'utf8');
  const src = makeSourceFile(file, text);
  const logs: string[] = [];
  const res = lint(src, { rules, config: defaultConfig(), log: (m) => logs.push(m) });
  for (const f of res.findings) process.stderr.write(`${file}:${f.start} ${f.ruleId}: ${f.message} [${f.fixes.map((x) => x.title).join('; ')}]\n`);
  for (const l of logs) process.stderr.write(`${l}\n`);
  const out = fixFile(src, { rules, config: defaultConfig(), unsafe: mode === 'unsafe' });
  if (!out.converged) throw new Error('fixes did not converge');
  process.stdout.write(out.text);
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(2);
});
