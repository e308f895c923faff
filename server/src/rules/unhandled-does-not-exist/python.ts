/**
 * unhandled-does-not-exist, Python (Django, DRF).
 *
 * `Model.objects.get(...)` (also after `filter` / `select_related` / ...) in a view: a
 * function whose first parameter is `request`, a method taking `(self, request, ...)`, or
 * a method of a DRF / Django class-based view (`perform_create`, `get_object`, ...), with no
 * handler around it that catches `Model.DoesNotExist`, `ObjectDoesNotExist` or a broad
 * `Exception`. A missing row then raises `DoesNotExist`, which neither Django nor DRF turn
 * into a 404: the client gets a 500 and the error tracker an alert for a bad id.
 *
 * Not flagged: code outside views (helpers, management commands, tasks, migrations, tests),
 * a `get()` guarded by `if Model.objects.filter(...).exists():`, a `get()` of the signed-in
 * user (`User.objects.get(pk=request.user.pk)`), a `get()` with no lookup (singleton rows).
 */
import type { Node } from '../../lang/python/tree';
import type { PyContext, PyDetector } from '../../engine/types';
import { callArgs, parameterNames } from '../../lang/python/ast';
import { ormChain, outsideProductionPython } from '../../lang/python/django';
import { getObjectOr404Fix } from '../../../../codemods/python/unhandled-does-not-exist';

/** Queryset methods that keep it a queryset of the same model (safe to hand to get_object_or_404). */
const QUERYSET_METHODS = new Set(['filter', 'exclude', 'select_related', 'prefetch_related', 'only', 'defer', 'annotate', 'all', 'using', 'order_by', 'select_for_update', 'alias']);
const CBV_BASES = /(View|ViewSet|APIView|Mixin)\b/;
/** `@shared_task`, `@app.task(...)`, `@celery.task`, `@task` decorators. */
const CELERY_TASK = /@\s*([\w.]+\.)?(shared_task|task)\b/;
const ADMIN_BASES = /\b\w*Admin\b/;
const CATCHES = /^(Exception|BaseException|ObjectDoesNotExist|(\w+\.)*ObjectDoesNotExist|(\w+\.)*DoesNotExist)$/;

function enclosingDef(node: Node): Node | null {
  let cur = node.parent;
  while (cur) {
    if (cur.type === 'function_definition') return cur;
    if (cur.type === 'lambda' || cur.type === 'class_definition') return null;
    cur = cur.parent;
  }
  return null;
}

function classOf(fn: Node): Node | null {
  let p = fn.parent;
  if (p?.type === 'decorated_definition') p = p.parent;
  return p?.type === 'block' && p.parent?.type === 'class_definition' ? p.parent : null;
}

/** A function that handles a request: `def view(request, ...)`, `def get(self, request, ...)`, a CBV/DRF method. */
export function isRequestHandler(fn: Node): boolean {
  // a Celery task or signal receiver whose first parameter happens to be named `request`
  const decorated = fn.parent?.type === 'decorated_definition' ? fn.parent : null;
  if (decorated?.namedChildren.some((d) => d.type === 'decorator' && /\b(task|shared_task|periodic_task|receiver)\b/.test(d.text))) return false;
  const params = parameterNames(fn);
  const cls = classOf(fn);
  // a Celery task's `request` is the task's own (an error callback takes `(request, exc, tb)`)
  if (fn.parent?.type === 'decorated_definition' && CELERY_TASK.test(fn.parent.text.slice(0, fn.startIndex - fn.parent.startIndex))) return false;
  if (!cls) return params[0] === 'request';
  const bases = cls.childForFieldName('superclasses')?.text ?? '';
  // a ModelAdmin hook given the row being edited (`save_model(self, request, obj, form, change)`) is no view
  if (ADMIN_BASES.test(bases) && params.includes('obj')) return false;
  if (params[1] === 'request') return true;
  if (!CBV_BASES.test(bases)) return false;
  return /^(get_object|perform_create|perform_update|perform_destroy|get_context_data|form_valid|get_serializer_context)$/.test(fn.childForFieldName('name')?.text ?? '');
}

/** The types an except clause catches (texts), or [''] for a bare `except:`. */
function caughtTypes(clause: Node): string[] {
  for (const c of clause.namedChildren) {
    if (c.type === 'block' || c.type === 'comment') continue;
    const t = c.type === 'as_pattern' ? c.namedChildren[0] : c;
    if (!t) return [''];
    if (t.type === 'tuple' || t.type === 'parenthesized_expression') return t.namedChildren.map((x) => x.text);
    return [t.text];
  }
  return [''];
}

/** Inside a `try:` body whose handlers catch DoesNotExist (or wider), or `with suppress(...DoesNotExist)`. */
function handled(call: Node): boolean {
  let cur: Node | null = call.parent;
  let child: Node = call;
  while (cur && cur.type !== 'function_definition') {
    if (cur.type === 'try_statement' && cur.childForFieldName('body')?.id === child.id) {
      for (const h of cur.namedChildren) {
        if (h.type !== 'except_clause') continue;
        if (caughtTypes(h).some((t) => t === '' || CATCHES.test(t))) return true;
      }
    }
    if (cur.type === 'with_statement' && /\bsuppress\([^)]*(DoesNotExist|Exception)/.test(cur.text.slice(0, 200))) return true;
    child = cur;
    cur = cur.parent;
  }
  return false;
}

/** `if Model.objects.filter(...).exists():` around the read. */
function guardedByExists(call: Node, model: string): boolean {
  let cur: Node | null = call.parent;
  while (cur && cur.type !== 'function_definition') {
    if (cur.type === 'if_statement') {
      const cond = cur.childForFieldName('condition')?.text ?? '';
      if (cond.includes(`${model}.objects`) && /\.exists\(\)/.test(cond) && !/^not\b/.test(cond)) return true;
    }
    cur = cur.parent;
  }
  return false;
}

/** `User.objects.get(pk=request.user.pk)`: the signed-in user exists. */
function signedInUser(call: Node, model: string): boolean {
  if (!/^(User|get_user_model\(\)|Account|CustomUser)$/.test(model)) return false;
  const args = callArgs(call);
  return args.length > 0 && args.every((a) => /\brequest\.user\b/.test(a.text));
}

export const python: PyDetector = {
  nodeTypes: ['call'],
  requires: /\.get\(/,
  visit(call: Node, ctx: PyContext) {
    const f = call.childForFieldName('function');
    if (f?.type !== 'attribute' || f.childForFieldName('attribute')?.text !== 'get') return;
    if (!callArgs(call).length) return;
    const fn = enclosingDef(call);
    if (!fn || !isRequestHandler(fn)) return;
    const chain = ormChain(call, null);
    if (!chain || chain.via.length) return;
    const links = chain.links;
    if (links[links.length - 1]?.call.id !== call.id) return;
    if (!links.slice(0, -1).every((l) => QUERYSET_METHODS.has(l.method))) return;
    const model = chain.model;
    if (model.type !== 'identifier' && model.type !== 'attribute') return;
    if (!/^[A-Z]/.test(model.type === 'identifier' ? model.text : model.childForFieldName('attribute')!.text)) return;
    if (handled(call) || guardedByExists(call, model.text) || signedInUser(call, model.text)) return;
    const p = ctx.file.path;
    if (outsideProductionPython(p, ctx.file.text) || /(^|[\\/])(management[\\/]commands|tasks?\.py$|celery)/.test(p)) return;
    ctx.report({
      node: call,
      message: `\`${model.text}.objects.get()\` in a view raises \`${model.text}.DoesNotExist\` when the row is missing: the client gets a 500 instead of a 404`,
      fixes: () => [getObjectOr404Fix(ctx, { call, chain, fn })],
    });
  },
};
