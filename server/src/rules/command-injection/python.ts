/**
 * command-injection, Python: a shell command built at run time from a value that is
 * not a constant (f-string, `+`, `%`, `.format`) or taken from the request, run by
 * `os.system`, `os.popen`, `subprocess.*(..., shell=True)`, `subprocess.getoutput`,
 * `asyncio.create_subprocess_shell`.
 * `shlex.quote(x)` and `int(x)` values, constants and allow-listed choices are fine.
 */
import type { Node } from '../../lang/python/tree';
import type { PyContext, PyDetector } from '../../engine/types';
import { keywordArg, positionalArgs, callArgs } from '../../lang/python/ast';
import { enclosingFunction } from '../../lang/python/django';
import { isPythonTestCode } from '../../lang/scope';
import { builtValues, isBuiltString, levelOf, REQUEST, UNKNOWN } from '../../lang/python/taint';
import { asyncioExecFix, osSystemFix, subprocessFix } from '../../../../codemods/python/command-injection';

const SHELL_ALWAYS = new Set(['os.system', 'os.popen', 'subprocess.getoutput', 'subprocess.getstatusoutput', 'commands.getoutput', 'os.popen2', 'os.popen3', 'asyncio.create_subprocess_shell', 'asyncio.subprocess.create_subprocess_shell']);
const SUBPROCESS = new Set(['subprocess.run', 'subprocess.call', 'subprocess.check_call', 'subprocess.check_output', 'subprocess.Popen']);
const NAMES = new Set(['system', 'popen', 'getoutput', 'getstatusoutput', 'run', 'call', 'check_call', 'check_output', 'Popen', 'create_subprocess_shell']);

export const python: PyDetector = {
  nodeTypes: ['call'],
  requires: /\b(?:os|subprocess|commands)\b/,
  visit(node: Node, ctx: PyContext) {
    const fn = node.childForFieldName('function');
    const name = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.type === 'identifier' ? fn.text : null;
    if (!fn || !name || !NAMES.has(name)) return;
    const shellKw = callArgs(node).find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'shell') ?? null;
    const shellValue = shellKw?.childForFieldName('value');
    if ((name === 'run' || name === 'call' || name === 'check_call' || name === 'check_output' || name === 'Popen') && shellValue?.type !== 'true') return;
    const q = ctx.bindings.resolve(fn);
    if (!q || (!SHELL_ALWAYS.has(q) && !SUBPROCESS.has(q))) return;
    if (isPythonTestCode(ctx.file.path, ctx.file.text)) return;
    const cmd = positionalArgs(node)[0] ?? keywordArg(node, 'args') ?? keywordArg(node, 'cmd') ?? keywordArg(node, 'command');
    if (!cmd || cmd.type === 'list' || cmd.type === 'tuple') return;
    const f = enclosingFunction(node);
    const tctx = { bindings: ctx.bindings, root: ctx.root };
    const level = levelOf(cmd, f, tctx);
    const built = builtValues(cmd, f).some(isBuiltString);
    // a whole command handed in by the caller is the caller's business; one built here, or from the request, is this code's
    if (level < UNKNOWN || (!built && level < REQUEST)) return;
    ctx.report({
      node: cmd,
      message: `Shell command built from ${level === REQUEST ? 'a request value' : 'a value that is not a constant'} (\`${q.replace(/^subprocess\./, 'subprocess.')}\`${SUBPROCESS.has(q) ? ' with `shell=True`' : ''}): shell syntax in the value runs other commands; pass an argument list without a shell`,
      fixes: () => {
        if (SUBPROCESS.has(q) && shellKw) return [subprocessFix(ctx.file.text, node, cmd, shellKw)];
        if (q === 'os.system') return [osSystemFix(ctx.file.text, ctx.root, node, cmd, ctx.file.path)];
        if (q.endsWith('create_subprocess_shell')) return [asyncioExecFix(ctx.file.text, node, cmd)];
        return [];
      },
    });
  },
};
