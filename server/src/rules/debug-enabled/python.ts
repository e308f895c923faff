/**
 * debug-enabled, Python: `DEBUG = True` at module level of a Django settings module that is
 * not named for development or tests, and Flask `app.run(debug=True)`, `app.debug = True`,
 * `app.config["DEBUG"] = True` on a `Flask(...)` app.
 *
 * A settings module is `settings.py`, a module inside a `settings/` package, or a module
 * that assigns `INSTALLED_APPS` / `MIDDLEWARE` / `DATABASES` / `ROOT_URLCONF`. A module (or a
 * folder on its path) named dev, development, local, test, testing or ci
 * (`settings/dev.py`, `settings_local.py`, `dev_settings.py`, `local/settings.py`) is not production.
 */
import type { Node } from '../../lang/python/tree';
import type { Fix, PyContext, PyDetector } from '../../engine/types';
import type { TextEdit } from '../../text/edits';
import { keywordArg } from '../../lang/python/ast';
import { ensureImport } from '../../lang/python/edits';
import { isPythonTestCode } from '../../lang/scope';
import { isNonProductionModule, isSettingsModule } from '../../lang/python/settings';

function envFix(ctx: PyContext, value: Node, variable: string): Fix {
  const edits: TextEdit[] = [{ start: value.startIndex, end: value.endIndex, newText: `os.environ.get("${variable}") == "1"` }];
  const imp = ensureImport(ctx.file.text, ctx.root, 'os', ctx.file.path);
  if (imp) edits.push(imp);
  return { title: `Read debug mode from the environment (\`${variable}=1\`)`, applicability: 'safe', edits };
}

function isFlaskApp(expr: Node | null, ctx: PyContext): boolean {
  const q = expr ? ctx.bindings.resolve(expr) : null;
  return q === 'flask.Flask()' || q === 'flask.app.Flask()' || q === 'quart.Quart()';
}

export const python: PyDetector = {
  nodeTypes: ['assignment', 'call'],
  requires: /\bDEBUG\s*=\s*True|debug\s*=\s*True|\.debug\s*=\s*True|\[\s*["']DEBUG["']\s*\]\s*=\s*True/,
  visit(node: Node, ctx: PyContext) {
    if (node.type === 'call') {
      const fn = node.childForFieldName('function');
      if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'run') return;
      const debug = keywordArg(node, 'debug');
      if (debug?.type !== 'true' || !isFlaskApp(fn.childForFieldName('object'), ctx)) return;
      if (isPythonTestCode(ctx.file.path, ctx.file.text)) return;
      ctx.report({ node: debug.parent ?? debug, message: 'Flask debug mode on: the Werkzeug debugger runs any Python code a visitor types into an error page; read it from the environment', fixes: [envFix(ctx, debug, 'FLASK_DEBUG')] });
      return;
    }
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (right?.type !== 'true' || !left) return;
    if (left.type === 'identifier' && left.text === 'DEBUG') {
      // module level only: a function or class setting DEBUG is not the settings value
      if (node.parent?.type !== 'expression_statement' || node.parent.parent?.type !== 'module') return;
      if (!isSettingsModule(ctx.file.path, ctx.file.text) || isNonProductionModule(ctx.file.path)) return;
      if (isPythonTestCode(ctx.file.path, ctx.file.text)) return;
      ctx.report({ node, message: '`DEBUG = True` in a production settings module: Django then shows stack traces, settings and SQL to every visitor; read it from the environment', fixes: [envFix(ctx, right, 'DJANGO_DEBUG')] });
      return;
    }
    const flaskTarget =
      (left.type === 'attribute' && left.childForFieldName('attribute')?.text === 'debug' && isFlaskApp(left.childForFieldName('object'), ctx)) ||
      (left.type === 'subscript' && /^["']DEBUG["']$/.test(left.childForFieldName('subscript')?.text ?? '') && left.childForFieldName('value')?.type === 'attribute' &&
        left.childForFieldName('value')!.childForFieldName('attribute')?.text === 'config' && isFlaskApp(left.childForFieldName('value')!.childForFieldName('object'), ctx));
    if (!flaskTarget || isPythonTestCode(ctx.file.path, ctx.file.text)) return;
    ctx.report({ node, message: 'Flask debug mode on: the Werkzeug debugger runs any Python code a visitor types into an error page; read it from the environment', fixes: [envFix(ctx, right, 'FLASK_DEBUG')] });
  },
};
