/**
 * nest-asyncio, Python: `nest_asyncio.apply()` (any import form), and an event loop driven with
 * `run_until_complete(...)` inside request-handling code.
 *
 * Request-handling code is a Django function view (a `request` first parameter), a method of a
 * Django / DRF class view or viewset (`get`, `post`, `list`, `create`, an `@action`...), a
 * Flask / Quart / FastAPI / Starlette route (`@app.route`, `@bp.get`, `@router.post`,
 * `@app.api_route`), a DRF `@api_view`, or a function of the same module such a handler calls
 * (followed by name, three calls deep). `run_until_complete` in a management command, a Celery
 * task or a script's `main()` is not flagged.
 */
import type { Node } from '../../lang/python/tree';
import type { PyContext, PyDetector } from '../../engine/types';
import { parameterNames } from '../../lang/python/ast';
import { enclosingFunction } from '../../lang/python/django';
import { callsOf } from '../../lang/python/callers';
import { isPythonTestCode } from '../../lang/scope';

const ROUTE_DECORATOR = /^@\s*[\w.]+\.(?:route|get|post|put|patch|delete|head|options|api_route|websocket)\s*\(|^@\s*(?:[\w.]+\.)?(?:api_view|action|require_(?:GET|POST|http_methods|safe)|login_required|permission_required|csrf_exempt)\b/;
const VIEW_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'dispatch', 'list', 'create', 'retrieve', 'update', 'partial_update', 'destroy', 'perform_create', 'perform_update', 'perform_destroy', 'get_queryset', 'get_object', 'form_valid', 'get_context_data', 'dispatch_request']);
const VIEW_BASE = /View\b|ViewSet\b|APIView\b|Mixin\b|Resource\b|Endpoint\b|HTTPEndpoint\b|MethodView\b/;

function decorators(fn: Node): Node[] {
  const p = fn.parent;
  return p?.type === 'decorated_definition' ? p.namedChildren.filter((c) => c.type === 'decorator') : [];
}

function enclosingClass(fn: Node): Node | null {
  const p = fn.parent?.type === 'decorated_definition' ? fn.parent.parent : fn.parent;
  return p?.type === 'block' && p.parent?.type === 'class_definition' ? p.parent : null;
}

/** A function the web framework calls for a request. */
function isHandler(fn: Node): boolean {
  if (decorators(fn).some((d) => ROUTE_DECORATOR.test(d.text))) return true;
  const params = parameterNames(fn);
  const cls = enclosingClass(fn);
  if (!cls) return params[0] === 'request' || params[0] === 'req';
  const bases = cls.childForFieldName('superclasses')?.text ?? '';
  if (!VIEW_BASE.test(bases)) return false;
  const name = fn.childForFieldName('name')?.text ?? '';
  return VIEW_METHODS.has(name) || params[1] === 'request';
}

/** `fn` is a handler, or called (by name, in this module) from one, up to `depth` calls away. */
function reachedFromHandler(fn: Node, root: Node, depth: number, seen: Set<number>): boolean {
  if (seen.has(fn.id)) return false;
  seen.add(fn.id);
  if (isHandler(fn)) return true;
  if (depth <= 0) return false;
  for (const call of callsOf(fn, root)) {
    const caller = enclosingFunction(call);
    if (caller && reachedFromHandler(caller, root, depth - 1, seen)) return true;
  }
  return false;
}

export const python: PyDetector = {
  nodeTypes: ['call'],
  requires: /nest_asyncio|run_until_complete/,
  visit(node: Node, ctx: PyContext) {
    const f = node.childForFieldName('function');
    if (!f) return;
    const q = ctx.bindings.resolve(f);
    if (q === 'nest_asyncio.apply') {
      if (isPythonTestCode(ctx.file.path, ctx.file.text)) return;
      ctx.report({
        node,
        message: '`nest_asyncio.apply()` patches asyncio process-wide so a running loop can be re-entered: tasks then run inside each other, timeouts and cancellation break, and a blocking call stalls every request on the loop; call async code with `await` or `async_to_sync` instead',
      });
      return;
    }
    if (f.type !== 'attribute' || f.childForFieldName('attribute')?.text !== 'run_until_complete') return;
    const fn = enclosingFunction(node);
    if (!fn || isPythonTestCode(ctx.file.path, ctx.file.text)) return;
    if (!reachedFromHandler(fn, ctx.root, 3, new Set())) return;
    ctx.report({
      node,
      message: '`run_until_complete` while handling a request: it blocks the worker until the coroutine ends, raises when a loop already runs in this thread (ASGI, async views) and has no loop in a worker thread; `await` it in an async view or use `asgiref.sync.async_to_sync`',
    });
  },
};
