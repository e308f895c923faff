/**
 * command-injection, JavaScript / TypeScript: `child_process.exec` / `execSync` (and
 * `spawn` / `execFile` with `shell: true`) given a command built with a template literal
 * or `+` from a value that is not a constant, or taken from the request.
 */
import { ts } from 'ts-morph';
import type { JsContext, JsDetector } from '../../engine/types';
import type { TextEdit } from '../../text/edits';
import { isJsTestCode, isBrowserModule } from '../../lang/scope';
import { builtValues, enclosingFn, isBuiltString, levelOf, REQUEST, UNKNOWN } from '../../lang/js/taint';
import { execFileFix } from '../../../../codemods/js/command-injection';

const EXEC = new Set(['exec', 'execSync']);
const SHELL_OPTION = new Set(['spawn', 'spawnSync', 'execFile', 'execFileSync']);

function hasShellTrue(call: ts.CallExpression): boolean {
  return call.arguments.some((a) => ts.isObjectLiteralExpression(a) && a.properties.some((p) => ts.isPropertyAssignment(p) && p.name.getText() === 'shell' && p.initializer.kind === ts.SyntaxKind.TrueKeyword));
}

/** Adds `execFile` / `execFileSync` to the import or destructuring that brings a bare `exec` in. */
function importEdit(ctx: JsContext, local: string, wanted: string): TextEdit[] | null {
  const text = ctx.file.text;
  if (new RegExp(`[{,]\\s*${wanted}\\s*[,}]`).test(text)) return [];
  const m = new RegExp(`([{,]\\s*)${local}(\\s*[,}])`).exec(text);
  if (!m || !/child_process/.test(text.slice(m.index, m.index + 200))) return null;
  // a sorted list (`{ ChildProcess, execSync, fork }`) stays sorted: the new name goes before the first that sorts after it
  const open = text.lastIndexOf('{', m.index + m[1].length);
  const close = text.indexOf('}', m.index);
  const names = text.slice(open + 1, close).split(',').map((x) => x.trim()).filter(Boolean);
  const key = (x: string): string => x.toLowerCase();
  const sorted = names.every((x, i) => i === 0 || key(names[i - 1]) <= key(x));
  if (sorted && names.every((x) => /^[\w$]+$/.test(x))) {
    const after = names.find((x) => key(x) > key(wanted));
    if (after) {
      const at = text.slice(open, close).search(new RegExp(`\\b${after.replace('$', '\\$')}\\b`)) + open;
      return [{ start: at, end: at, newText: `${wanted}, ` }];
    }
  }
  const at = m.index + m[1].length + local.length;
  return [{ start: at, end: at, newText: `, ${wanted}` }];
}

/**
 * The child_process function a callee is: through its import (`exec as run`, `cp.exec`) or a
 * promisified copy (`const execAsync = promisify(exec)`), which runs the command the same way.
 */
function childProcessFn(callee: ts.Expression, ctx: JsContext): { name: string; promisified: boolean } | null {
  const q = ctx.bindings.resolve(callee);
  const direct = q ? /^(?:node:)?child_process\.(\w+)$/.exec(q) : null;
  if (direct) return { name: direct[1], promisified: false };
  if (!q || !/^(?:node:)?util\.promisify\(\)$/.test(q) || !ts.isIdentifier(callee)) return null;
  for (const st of ctx.sourceFile.statements) {
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      if (!ts.isIdentifier(d.name) || d.name.text !== callee.text || !d.initializer || !ts.isCallExpression(d.initializer)) continue;
      const arg = d.initializer.arguments[0];
      const inner = arg ? ctx.bindings.resolve(arg) : null;
      const m = inner ? /^(?:node:)?child_process\.(\w+)$/.exec(inner) : null;
      return m ? { name: m[1], promisified: true } : null;
    }
  }
  return null;
}

export const js: JsDetector = {
  kinds: [ts.SyntaxKind.CallExpression],
  requires: /child_process/,
  visit(node: ts.Node, ctx: JsContext) {
    const call = node as ts.CallExpression;
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee) && !ts.isIdentifier(callee)) return;
    const local = ts.isPropertyAccessExpression(callee) ? callee.name.text : callee.text;
    // the cheap test first: a name of child_process, or a local name the file gives one (`exec as run`, `execAsync`)
    if (!EXEC.has(local) && !SHELL_OPTION.has(local) && !new RegExp(`\\b(?:exec|execSync|spawn|spawnSync|execFile|execFileSync)\\s+as\\s+${local}\\b|\\b${local}\\s*=\\s*(?:util\\.)?promisify\\(`).test(ctx.file.text)) return;
    const target = childProcessFn(callee, ctx);
    if (!target) return;
    const name = target.name;
    if (!EXEC.has(name) && !(SHELL_OPTION.has(name) && hasShellTrue(call))) return;
    if (isJsTestCode(ctx.file.path, ctx.file.text) || isBrowserModule(ctx.file.path, ctx.file.text)) return;
    const cmd = call.arguments[0];
    if (!cmd) return;
    const fn = enclosingFn(call);
    const tctx = { bindings: ctx.bindings, sourceFile: ctx.sourceFile };
    const level = levelOf(cmd, fn, tctx);
    const built = builtValues(cmd, fn).some(isBuiltString);
    if (level < UNKNOWN || (!built && level < REQUEST)) return;
    ctx.report({
      node: cmd,
      message: `Shell command built from ${level === REQUEST ? 'a request value' : 'a value that is not a constant'} (\`${name}\`): shell syntax in the value runs other commands; run the program with an argument list (\`execFile\`)`,
      fixes: () => {
        // a promisified exec resolves to `{ stdout, stderr }`, a promisified execFile too, but it is another binding to add: no fix
        if (target.promisified || !EXEC.has(name) || !ts.isTemplateExpression(cmd) || local !== name) return [];
        const quote = (ctx.file.text.match(/'/g)?.length ?? 0) >= (ctx.file.text.match(/"/g)?.length ?? 0) ? "'" : '"';
        const wanted = name === 'execSync' ? 'execFileSync' : 'execFile';
        const extra = ts.isIdentifier(callee) ? importEdit(ctx, callee.text, wanted) : [];
        if (!extra) return [];
        return [execFileFix(call, cmd, quote, extra)];
      },
    });
  },
};
