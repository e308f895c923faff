/**
 * Codemod: `exec(`cmd ${x} y`)` -> `execFile('cmd', [x, 'y'])` (and `execSync` ->
 * `execFileSync`) when the template splits on literal spaces: each substitution a
 * whole word, no shell syntax in the literal text. Callbacks and options keep their
 * place (`execFile(file, args, options, callback)` takes them as `exec` does).
 */
import { ts } from 'ts-morph';
import type { Fix } from '../../server/src/engine/types';
import type { TextEdit } from '../../server/src/text/edits';

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
    if (i < lits.length - 1) words.push(asStringArgument(tpl.templateSpans[i].expression));
  }
  if (words.length < 2 || !words[0].startsWith(quote)) return null; // the program itself must be literal
  return { file: words[0], args: words.slice(1) };
}

/** Calls that return a string: `String(x)`, `x.toString()`, `path.basename(p)`, `name.replace(...)`. */
const STRING_CALLS = /^(String|(\w+\.)*(toString|join|trim|trimStart|trimEnd|toLowerCase|toUpperCase|replace|replaceAll|slice|substring|padStart|padEnd|repeat|concat|toFixed|toISOString|basename|dirname|resolve|normalize|relative|extname|format))$/;

/**
 * A substitution as an argument: a template converts its value to a string, an argument list
 * does not (`execFile` refuses a number: `ERR_INVALID_ARG_TYPE`, and TypeScript too), so a value
 * not known to be a string is passed as `String(value)`.
 */
function asStringArgument(e: ts.Expression): string {
  const text = e.getText();
  return knownString(e) ? text : `String(${text})`;
}

function knownString(e: ts.Expression): boolean {
  while (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isTemplateExpression(e)) return true;
  if (ts.isCallExpression(e)) return STRING_CALLS.test(e.expression.getText());
  if (ts.isAsExpression(e)) return e.type.kind === ts.SyntaxKind.StringKeyword;
  // Express route parameters are strings (`req.query` values may be arrays)
  if (ts.isPropertyAccessExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'params' && /^(req|request)$/.test(e.expression.expression.getText())) return true;
  if (!ts.isIdentifier(e)) return false;
  // the name's declaration in an enclosing function or the module: `name: string`, or a string value
  for (let scope: ts.Node | undefined = e.parent; scope; scope = scope.parent) {
    if (!ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) continue;
    let found: boolean | null = null;
    const visit = (n: ts.Node): void => {
      if (found !== null) return;
      if ((ts.isParameter(n) || ts.isVariableDeclaration(n)) && ts.isIdentifier(n.name) && n.name.text === e.text) {
        found = n.type?.kind === ts.SyntaxKind.StringKeyword || (!!n.initializer && !ts.isParameter(n) && knownString(n.initializer));
        return;
      }
      if (n !== scope && ts.isFunctionLike(n)) return;
      n.forEachChild(visit);
    };
    scope.forEachChild(visit);
    if (found !== null) return found;
  }
  return false;
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
