/**
 * unbounded-input, Python: `int(...)` of a request value (Django / DRF `request.GET`,
 * `query_params`, `POST`, `data`; Flask `request.args` / `form` / `values`; followed through
 * assignments by the shared taint helpers) outside any `try`, whose result is never compared,
 * clamped (`min` / `max`) or validated: "abc" is a 500, and "10000000" reaches the query as is.
 */
import type { Node } from '../../lang/python/tree';
import type { PyContext, PyDetector } from '../../engine/types';
import { positionalArgs } from '../../lang/python/ast';
import { enclosingFunction } from '../../lang/python/django';
import { isPythonTestCode } from '../../lang/scope';
import { levelOf, REQUEST } from '../../lang/python/taint';
import { boundedIntFix, type Framework } from '../../../../codemods/python/unbounded-input';

/** Request reads that carry client text (not headers or the path: other rules' business). */
const QUERY_READ = /\b(?:request|req)\.(?:GET|POST|query_params|data|args|form|values)\b/;

function topStatement(n: Node): Node {
  let cur = n;
  while (cur.parent && cur.parent.type !== 'module') cur = cur.parent;
  return cur;
}

/** Inside the body of a `try` with a handler (any handler: it may turn the ValueError into a 400). */
function inTry(n: Node, fn: Node): boolean {
  for (let cur: Node | null = n.parent; cur && cur !== fn; cur = cur.parent) {
    if (cur.type === 'block' && cur.parent?.type === 'try_statement' && cur.parent.childForFieldName('body') === cur && cur.parent.namedChildren.some((c) => c.type === 'except_clause')) return true;
  }
  return false;
}

function bounded(call: Node, fn: Node): boolean {
  // min(int(...), 100) / max(1, int(...))
  const outer = call.parent?.type === 'argument_list' ? call.parent.parent : null;
  if (outer?.type === 'call' && /^(?:min|max|clamp)$/.test(outer.childForFieldName('function')?.text ?? '')) return true;
  const a = call.parent;
  if (a?.type !== 'assignment' || a.childForFieldName('right') !== call) return false;
  const name = a.childForFieldName('left');
  if (name?.type !== 'identifier') return true; // stored somewhere else: not followed
  const v = name.text.replace(/[^\w]/g, '');
  const body = fn.text.slice(a.endIndex - fn.startIndex);
  return new RegExp(`\\b${v}\\s*(?:[<>]=?|==|!=)|(?:[<>]=?|==|!=)\\s*${v}\\b|\\b(?:min|max|clamp|range)\\([^)]*\\b${v}\\b|\\b${v}\\s+(?:not\\s+)?in\\b`).test(body);
}

function framework(text: string): Framework {
  if (/^\s*(?:from|import)\s+(?:flask|quart)\b/m.test(text)) return 'flask';
  if (/^\s*(?:from|import)\s+rest_framework\b/m.test(text)) return 'drf';
  return 'django';
}

export const python: PyDetector = {
  nodeTypes: ['call'],
  requires: /\bint\(/,
  visit(node: Node, ctx: PyContext) {
    const f = node.childForFieldName('function');
    if (f?.type !== 'identifier' || f.text !== 'int' || ctx.bindings.imports.has('int')) return;
    const args = positionalArgs(node);
    if (args.length !== 1 || node.childForFieldName('arguments')?.namedChildren.length !== 1) return; // int(x, 16): a base, other intent
    const fn = enclosingFunction(node);
    if (!fn || !QUERY_READ.test(fn.text)) return;
    const arg = args[0];
    if (!['subscript', 'call', 'identifier', 'attribute'].includes(arg.type)) return;
    if (levelOf(arg, fn, { bindings: ctx.bindings, root: ctx.root }) !== REQUEST) return;
    // a direct read of the query / form (or a name holding one), not a URL converter's value
    if (arg.type === 'identifier' ? false : !QUERY_READ.test(arg.text)) return;
    if (arg.type === 'identifier') {
      const src = fn.text;
      if (!new RegExp(`\\b${arg.text}\\s*=\\s*[^\\n]*${QUERY_READ.source}`).test(src)) return;
    }
    if (inTry(node, fn) || bounded(node, fn)) return;
    if (isPythonTestCode(ctx.file.path, ctx.file.text)) return;
    ctx.report({
      node,
      message: 'A number from the request is parsed with no `try` and no bounds: `abc` is a 500 and `10000000` goes through; parse it with a bounded helper',
      fixes: () => {
        const fx = boundedIntFix(ctx.file.text, ctx.root, node, topStatement(fn), framework(ctx.file.text), ctx.file.path);
        return fx ? [fx] : [];
      },
    });
  },
};
