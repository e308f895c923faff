/**
 * path-traversal, Python: a request-supplied name (`request.FILES[..].name`, Flask
 * `file.filename`, `request.args` / `request.GET`, a view's URL parameter) joined into a
 * filesystem path (`os.path.join`, `Path(...)`, `base / name`) or opened, removed, copied or
 * sent (`open`, `os.remove`, `shutil.*`, `send_file`) without `secure_filename`,
 * `get_valid_filename`, `os.path.basename` or a containment check (`startswith`,
 * `commonpath`, `is_relative_to`, `safe_join`) in the function.
 */
import type { Node } from '../../lang/python/tree';
import type { Fix, PyContext, PyDetector } from '../../engine/types';
import { positionalArgs } from '../../lang/python/ast';
import { enclosingFunction } from '../../lang/python/django';
import { ensureFromImport, ensureImport } from '../../lang/python/edits';
import { isPythonTestCode } from '../../lang/scope';
import { builtValues, levelOf, REQUEST } from '../../lang/python/taint';

const JOINS = new Set(['os.path.join', 'posixpath.join', 'pathlib.Path', 'pathlib.PurePath', 'pathlib.PosixPath']);
const OPENS = new Set(['io.open', 'os.open', 'os.remove', 'os.unlink', 'os.rename', 'os.replace', 'os.rmdir', 'os.makedirs', 'shutil.copy', 'shutil.copyfile', 'shutil.copy2', 'shutil.move', 'shutil.rmtree', 'flask.send_file', 'flask.helpers.send_file']);
const CONTAINMENT = /\.startswith\(|commonpath\(|is_relative_to\(|safe_join\(|secure_filename\(|get_valid_filename\(/;
const DIRLIKE = /Path\(|_DIR\b|_ROOT\b|_FOLDER\b|_PATH\b|\b(?:base|root|folder|directory|upload_dir|media_root)\b/i;

function isJoin(n: Node, ctx: PyContext): boolean {
  if (n.type === 'call') {
    const f = n.childForFieldName('function');
    return !!f && /(?:join|Path)$/.test(f.text) && JOINS.has(ctx.bindings.resolve(f) ?? '');
  }
  if (n.type !== 'binary_operator' || !n.children.some((c) => !c.isNamed && c.text === '/')) return false;
  const left = n.childForFieldName('left');
  return !!left && (DIRLIKE.test(left.text) || isPathValue(left, ctx));
}

/** `STORAGE` where the module says `STORAGE = Path(...)` (or `settings.BASE_DIR / "x"`): a path, so `/` joins. */
function isPathValue(e: Node, ctx: PyContext): boolean {
  while (e.type === 'binary_operator' && e.children.some((c) => !c.isNamed && c.text === '/')) e = e.childForFieldName('left')!;
  if (e.type === 'call') return JOINS.has(ctx.bindings.resolve(e.childForFieldName('function')) ?? '');
  if (e.type !== 'identifier') return false;
  for (const st of ctx.root.namedChildren) {
    const a = st.type === 'expression_statement' ? st.namedChildren[0] : null;
    if (a?.type !== 'assignment' || a.childForFieldName('left')?.text !== e.text) continue;
    const right = a.childForFieldName('right');
    if (right && right.type !== 'identifier' && isPathValue(right, ctx)) return true;
  }
  return false;
}

function qnameOf(call: Node, ctx: PyContext): string | null {
  const f = call.childForFieldName('function');
  if (!f) return null;
  if (f.type === 'identifier' && f.text === 'open' && !ctx.bindings.imports.has('open')) return 'open';
  return ctx.bindings.resolve(f);
}

function wrapFix(ctx: PyContext, arg: Node): Fix | null {
  const text = ctx.file.text;
  if (!['identifier', 'attribute', 'subscript', 'call'].includes(arg.type)) return null;
  const flask = /^\s*(?:from|import)\s+(?:flask|werkzeug|quart)\b/m.test(text);
  const django = /^\s*(?:from|import)\s+django\b/m.test(text);
  if (flask) {
    const imp = ensureFromImport(text, ctx.root, 'werkzeug.utils', 'secure_filename', ctx.file.path);
    return {
      title: 'Keep only a safe file name (`secure_filename`)',
      applicability: 'unsafe',
      edits: [{ start: arg.startIndex, end: arg.startIndex, newText: 'secure_filename(' }, { start: arg.endIndex, end: arg.endIndex, newText: ')' }, ...(imp ? [imp] : [])],
    };
  }
  const os = ensureImport(text, ctx.root, 'os', ctx.file.path);
  if (django) {
    const imp = ensureFromImport(text, ctx.root, 'django.utils.text', 'get_valid_filename', ctx.file.path);
    return {
      title: 'Keep only a safe file name (`get_valid_filename(os.path.basename(...))`)',
      applicability: 'unsafe',
      edits: [{ start: arg.startIndex, end: arg.startIndex, newText: 'get_valid_filename(os.path.basename(' }, { start: arg.endIndex, end: arg.endIndex, newText: '))' }, ...(imp ? [imp] : []), ...(os ? [os] : [])],
    };
  }
  return {
    title: 'Keep only the last path component (`os.path.basename`)',
    applicability: 'unsafe',
    edits: [{ start: arg.startIndex, end: arg.startIndex, newText: 'os.path.basename(' }, { start: arg.endIndex, end: arg.endIndex, newText: ')' }, ...(os ? [os] : [])],
  };
}

export const python: PyDetector = {
  nodeTypes: ['call', 'binary_operator'],
  requires: /\b(?:request|filename|FILES|files)\b|@\w+\.(?:route|get|post|put|patch|delete)\(/,
  visit(node: Node, ctx: PyContext) {
    let args: Node[];
    let join = false;
    if (node.type === 'binary_operator') {
      if (!isJoin(node, ctx)) return;
      const right = node.childForFieldName('right');
      args = right ? [right] : [];
      join = true;
    } else {
      const f = node.childForFieldName('function');
      if (!f) return;
      const last = f.type === 'attribute' ? f.childForFieldName('attribute')?.text : f.text;
      if (!last || !/^(?:join|Path|PurePath|PosixPath|open|remove|unlink|rename|replace|rmdir|makedirs|copy|copyfile|copy2|move|rmtree|send_file)$/.test(last)) return;
      const q = qnameOf(node, ctx);
      if (!q) return;
      join = JOINS.has(q);
      if (!join && q !== 'open' && !OPENS.has(q)) return;
      args = positionalArgs(node);
    }
    if (!args.length || isPythonTestCode(ctx.file.path, ctx.file.text)) return;
    const fn = enclosingFunction(node);
    if (!fn || CONTAINMENT.test(fn.text)) return;
    const tctx = { bindings: ctx.bindings, root: ctx.root, pathSegments: true };
    const checked = join ? args : args.slice(0, 1);
    const bad = checked.find((a) => levelOf(a, fn, tctx) === REQUEST);
    if (!bad) return;
    // a path joined here is reported at the join, not again where it is opened
    if (!join && builtValues(bad, fn).some((v) => isJoin(v, ctx))) return;
    if (node.parent?.type === 'binary_operator' && isJoin(node.parent, ctx) && node.parent.childForFieldName('left') === node) return;
    ctx.report({
      node,
      message: `A request-supplied name reaches a filesystem path: \`../\` in it escapes the folder (path traversal); keep only a safe file name`,
      fixes: () => (join && bad === args[args.length - 1] && args.length > 1 || node.type === 'binary_operator' ? [wrapFix(ctx, bad)] : []),
    });
  },
};
