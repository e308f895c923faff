/**
 * Counts the fixture cases of rules, per language (issue 11 asks 8 invalid and 8 valid per rule
 * and language), for test/real-code/secrets-fixture-counts.md:
 *
 *   npx tsx scripts/fixture-counts.ts sql-string-format command-injection ...
 *
 * invalid: the findings the `expect:` annotations ask for (`x2` counts two).
 * valid:   for rules about code (injection, JWT), the functions and route handlers of the valid
 *          files (methods included, nested helpers not); for rules about settings (secrets, debug),
 *          also every module-level assignment and every property of a module-level object
 *          literal: each is a value the rule inspects and must leave alone.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ts } from 'ts-morph';
import { initPython, parsePythonTree } from '../server/src/lang/python/parser';
import type { Node } from '../server/src/lang/python/tree';

const SETTINGS_RULES = new Set(['hardcoded-secret', 'insecure-secret-fallback', 'debug-enabled']);

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function pySites(text: string, settings: boolean): number {
  let n = 0;
  const walk = (node: Node, inFunction: boolean): void => {
    if (node.type === 'function_definition') {
      if (!inFunction) n++;
      for (const c of node.namedChildren) walk(c, true);
      return;
    }
    if (settings && !inFunction && node.type === 'assignment' && (node.parent?.parent?.type === 'module' || node.parent?.parent?.parent?.type === 'class_definition')) n++;
    for (const c of node.namedChildren) walk(c, inFunction);
  };
  walk(parsePythonTree(text), false);
  return n;
}

function jsSites(file: string, text: string, settings: boolean): number {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, /\.tsx$/.test(file) ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  let n = 0;
  const isFn = (x: ts.Node) => ts.isFunctionDeclaration(x) || ts.isFunctionExpression(x) || ts.isArrowFunction(x) || ts.isMethodDeclaration(x);
  const walk = (node: ts.Node, inFunction: boolean): void => {
    if (isFn(node)) {
      if (!inFunction) n++;
      ts.forEachChild(node, (c) => walk(c, true));
      return;
    }
    if (settings && !inFunction && (ts.isVariableDeclaration(node) || ts.isBindingElement(node) || ts.isPropertyAssignment(node) || ts.isPropertyDeclaration(node)) && !ts.isObjectBindingPattern(node.name as ts.Node)) {
      const init = (node as ts.VariableDeclaration).initializer;
      if (init && !ts.isObjectLiteralExpression(init) && !isFn(init) && !ts.isCallExpression(init) && !ts.isNewExpression(init)) n++;
    }
    ts.forEachChild(node, (c) => walk(c, inFunction));
  };
  walk(sf, false);
  return n;
}

async function main(): Promise<void> {
  await initPython();
  const rows: string[] = ['| rule | language | invalid findings | invalid files | valid sites | valid files |', '| --- | --- | ---: | ---: | ---: | ---: |'];
  for (const rule of process.argv.slice(2)) {
    const dir = path.join(__dirname, '..', 'test', 'rules', rule);
    const count: Record<string, { inv: number; invFiles: number; val: number; valFiles: number }> = {};
    for (const file of files(dir).sort()) {
      const base = path.basename(file);
      if (/\.(unsafe-)?fixed\./.test(base) || !/\.(py|[cm]?[jt]sx?)$/.test(base)) continue;
      const text = fs.readFileSync(file, 'utf8');
      const rel = path.relative(dir, file);
      const folder = /(^|\/)(valid|invalid)[^/]*\//.exec(rel)?.[2];
      const kind = base.startsWith('valid') ? 'valid' : base.startsWith('invalid') ? 'invalid' : folder === 'valid' && /shipguard-test: no-findings/.test(text.split(/\r?\n/)[0]) ? 'valid' : folder === 'invalid' && /expect:\s*[a-z]/.test(text) ? 'invalid' : null;
      if (!kind) continue;
      const lang = base.endsWith('.py') ? 'Python' : 'JS/TS';
      const c = (count[lang] ??= { inv: 0, invFiles: 0, val: 0, valFiles: 0 });
      if (kind === 'invalid') {
        for (const m of text.matchAll(new RegExp(`expect:\\s*${rule}(?:\\s+x(\\d+))?`, 'g'))) c.inv += m[1] ? Number(m[1]) : 1;
        c.invFiles++;
      } else {
        c.val += lang === 'Python' ? pySites(text, SETTINGS_RULES.has(rule)) : jsSites(file, text, SETTINGS_RULES.has(rule));
        c.valFiles++;
      }
    }
    for (const [lang, c] of Object.entries(count).sort(([a], [b]) => (a === 'Python' ? -1 : b === 'Python' ? 1 : 0))) rows.push(`| \`${rule}\` | ${lang} | ${c.inv} | ${c.invFiles} | ${c.val} | ${c.valFiles} |`);
  }
  process.stdout.write(rows.join('\n') + '\n');
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
