/**
 * Codemod: a shell command string becomes an argument list run without a shell,
 * when the command splits on literal spaces: each interpolated value is a whole
 * word and the literal text holds no shell syntax (quotes, pipes, redirections,
 * globs, `$`, `;`). `subprocess.run(f"convert {src} out.png", shell=True)` ->
 * `subprocess.run(["convert", src, "out.png"])`; `os.system(...)` ->
 * `subprocess.call([...])` (the exit code, as `os.system` gives it on success);
 * `asyncio.create_subprocess_shell(...)` -> `asyncio.create_subprocess_exec("convert", src, ...)`.
 */
import type { Node } from '../../server/src/lang/python/tree';
import type { Fix } from '../../server/src/engine/types';
import type { TextEdit } from '../../server/src/text/edits';
import { callArgs, preferredQuote } from '../../server/src/lang/python/ast';
import { ensureImport } from '../../server/src/lang/python/edits';

const SHELL_SYNTAX = /[|&;<>()$`\\"'*?[\]#~{}!=%\t\r\n]/;

/** The argument list a command f-string splits into, as Python source; null when it does not split on literal spaces. */
export function argvOf(cmd: Node, text: string): string | null {
  if (cmd.type !== 'string') return null;
  const start = cmd.children[0];
  const end = cmd.children[cmd.children.length - 1];
  if (start?.type !== 'string_start' || end?.type !== 'string_end' || !/^[fF]["']$/.test(start.text)) return null;
  const q = preferredQuote(text);
  const words: string[] = [];
  let pos = start.endIndex;
  let needSpace = false; // an interpolation must be followed by a space or the end
  const literal = (s: string): boolean => {
    if (SHELL_SYNTAX.test(s)) return false;
    if (needSpace && s.length && !s.startsWith(' ')) return false;
    const parts = s.split(' ');
    for (let i = 0; i < parts.length; i++) if (parts[i]) words.push(`${q}${parts[i]}${q}`);
    return true;
  };
  for (const c of cmd.children.slice(1, -1)) {
    if (c.type !== 'interpolation') continue;
    const before = text.slice(pos, c.startIndex);
    if (!literal(before)) return null;
    if (before.length ? !before.endsWith(' ') : pos !== start.endIndex) return null; // `--out={x}`, `{a}{b}`
    if (c.namedChildren.length !== 1) return null; // a format spec or conversion
    words.push(asStringArgument(c.namedChildren[0]));
    needSpace = true;
    pos = c.endIndex;
  }
  if (!literal(text.slice(pos, end.startIndex))) return null;
  return words.length >= 2 ? `[${words.join(', ')}]` : null;
}

/**
 * An interpolated value as an argument: the f-string made it a string, an argument list does
 * not (`subprocess` raises `TypeError` on an `int`), so a value not known to be a string is
 * passed as `str(value)`.
 */
function asStringArgument(e: Node): string {
  return knownString(e, 0) ? e.text : `str(${e.text})`;
}

const STRING_METHODS = /\.(format|join|strip|lstrip|rstrip|lower|upper|replace|removeprefix|removesuffix|decode)$/;
const REQUEST_TEXT = /^(request|req|self\.request)\.(GET|POST|args|form|values|headers|query_params|data|cookies)(\.get)?$/;

function knownString(e: Node, depth: number): boolean {
  if (depth > 3) return false;
  if (e.type === 'string' || e.type === 'concatenated_string') return true;
  if (e.type === 'call') {
    const f = e.childForFieldName('function')?.text ?? '';
    return f === 'str' || f === 'shlex.quote' || f === 'quote' || /^os\.path\.\w+$/.test(f) || STRING_METHODS.test(f) || REQUEST_TEXT.test(f);
  }
  if (e.type === 'subscript') return REQUEST_TEXT.test(e.childForFieldName('value')?.text ?? '');
  if (e.type !== 'identifier') return false;
  // the name in the enclosing function: a `str` parameter, or every assignment a string
  let fn: Node | null = e.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  if (!fn) return false;
  for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if ((p.type === 'typed_parameter' || p.type === 'typed_default_parameter') && (p.namedChildren[0]?.text === e.text || p.childForFieldName('name')?.text === e.text)) return p.childForFieldName('type')?.text === 'str';
  }
  const values = fn.descendantsOfType('assignment').filter((a) => a?.childForFieldName('left')?.text === e.text && a.startIndex < e.startIndex).map((a) => a!.childForFieldName('right'));
  return values.length > 0 && values.every((v) => !!v && knownString(v, depth + 1));
}

/** `subprocess.X(cmd, shell=True)` -> `subprocess.X([...])`. */
export function subprocessFix(text: string, call: Node, cmd: Node, shellKw: Node): Fix | null {
  const argv = argvOf(cmd, text);
  if (!argv) return null;
  const args = callArgs(call);
  const i = args.indexOf(shellKw);
  if (i <= 0) return null;
  const edits: TextEdit[] = [
    { start: cmd.startIndex, end: cmd.endIndex, newText: argv },
    { start: args[i - 1].endIndex, end: shellKw.endIndex, newText: '' },
  ];
  return { title: 'Run the command as an argument list, without a shell', applicability: 'unsafe', edits };
}

/** `os.system(cmd)` -> `subprocess.call([...])`, importing subprocess. */
export function osSystemFix(text: string, root: Node, call: Node, cmd: Node, filePath: string): Fix | null {
  const argv = argvOf(cmd, text);
  const fn = call.childForFieldName('function');
  if (!argv || !fn || callArgs(call).length !== 1) return null;
  const edits: TextEdit[] = [
    { start: fn.startIndex, end: fn.endIndex, newText: 'subprocess.call' },
    { start: cmd.startIndex, end: cmd.endIndex, newText: argv },
  ];
  const imp = ensureImport(text, root, 'subprocess', filePath);
  if (imp) edits.push(imp);
  return { title: 'Run the command with `subprocess.call` and an argument list, without a shell', applicability: 'unsafe', edits };
}

/** `asyncio.create_subprocess_shell(cmd, ...)` -> `asyncio.create_subprocess_exec("prog", arg, ..., ...)`: the same process, no shell. */
export function asyncioExecFix(text: string, call: Node, cmd: Node): Fix | null {
  const argv = argvOf(cmd, text);
  const fn = call.childForFieldName('function');
  const name = fn?.type === 'attribute' ? fn.childForFieldName('attribute') : fn;
  if (!argv || !name || name.text !== 'create_subprocess_shell' || callArgs(call)[0] !== cmd) return null;
  return {
    title: 'Start the program with `create_subprocess_exec` and its arguments, without a shell',
    applicability: 'unsafe',
    edits: [
      { start: name.startIndex, end: name.endIndex, newText: 'create_subprocess_exec' },
      { start: cmd.startIndex, end: cmd.endIndex, newText: argv.slice(1, -1) },
    ],
  };
}
