/**
 * Codemod: `exec(`cmd ${x} y`)` -> `execFile('cmd', [x, 'y'])` (and `execSync` ->
 * `execFileSync`) when the template splits on literal spaces: each substitution a
 * whole word, no shell syntax in the literal text. Callbacks and options keep their
 * place (`execFile(file, args, options, callback)` takes them as `exec` does).
 */
import { ts } from 'ts-morph';
import type { Fix, TextEdit } from '../../server/src/engine/types';

const SHELL_SYNTAX = /[|&;<>()$`\\"'*?[\]#~{}!=%\t\r\n]/;

/** `[file, args]` as source text, or null when the command does not split on literal spaces. */
export function splitTemplate(tpl: ts.TemplateExpression, quote: string): { file: string; args: string[] } | null {
  const words: string[] = [];
  const lits = [tpl.head, ...tpl.templateSpans.map((s) => s.literal)];
  for (let i = 0; i < lits.length; i++) {
    const raw = lits[i].rawText ?? lits[i].text;
    if (SHELL_SYNTAX.test(raw)) return null;
    if (i > 0 && raw.length && !raw.startsWith(' ')) return null; // `${a}.png`
    if (i < lits.length - 1 && !(raw.endsWith(' ') || (i === 0 && raw === ''))) return null; // `--out=${x}`
    if (i > 0 && i < lits.length - 1 && raw === '') return null;
    for (const w of raw.split(' ')) if (w) words.push(`${quote}${w}${quote}`);
    if (i < lits.length - 1) words.push(tpl.templateSpans[i].expression.getText());
  }
  if (words.length < 2 || !words[0].startsWith(quote)) return null; // the program itself must be literal
  return { file: words[0], args: words.slice(1) };
}

/** The edits; `renameImport` adds `execFile` next to an imported `exec` when the callee is a bare name. */
export function execFileFix(call: ts.CallExpression, tpl: ts.TemplateExpression, quote: string, extra: TextEdit[]): Fix | null {
  const split = splitTemplate(tpl, quote);
  if (!split) return null;
  const sf = call.getSourceFile();
  const callee = call.expression;
  const nameNode = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
  const sync = nameNode.getText(sf) === 'execSync';
  const edits: TextEdit[] = [
    { start: nameNode.getStart(sf), end: nameNode.getEnd(), newText: sync ? 'execFileSync' : 'execFile' },
    { start: tpl.getStart(sf), end: tpl.getEnd(), newText: `${split.file}, [${split.args.join(', ')}]` },
    ...extra,
  ];
  return { title: `Run the program with \`${sync ? 'execFileSync' : 'execFile'}\` and an argument list, without a shell`, applicability: 'unsafe', edits };
}
