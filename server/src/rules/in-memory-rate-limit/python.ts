/**
 * in-memory-rate-limit, Python:
 *   - flask-limiter `Limiter(...)` without `storage_uri` (and no RATELIMIT_STORAGE_URI in the
 *     project's config) or with `memory://`;
 *   - DRF `DEFAULT_THROTTLE_CLASSES` in a settings module while no settings module of the project
 *     gives Django a shared default cache (Django's default is LocMemCache: per process);
 *   - a rate-limit function counting in a module-level dict / defaultdict / Counter.
 */
import type { Node } from '../../lang/python/tree';
import type { PyContext, PyDetector } from '../../engine/types';
import { hasKwargsSplat, keywordArg, stringValue } from '../../lang/python/ast';
import { pyProject } from '../../lang/endpoints/python';
import { LIMITER_NAME } from '../../lang/endpoints/model';
import { isPythonTestCode } from '../../lang/scope';
import { limiterStorageFix, drfCacheFix } from '../../../../codemods/python/in-memory-rate-limit';

const LOCMEM = /LocMemCache|DummyCache/;

export const python: PyDetector = {
  nodeTypes: ['call', 'module', 'function_definition'],
  requires: /Limiter|DEFAULT_THROTTLE_CLASSES|def\s+\w*([Ll]imit|[Tt]hrottl|[Aa]ttempt)/,
  visit(node: Node, ctx: PyContext) {
    if (isPythonTestCode(ctx.file.path, ctx.file.text)) return;
    if (node.type === 'call') return flaskLimiter(node, ctx);
    if (node.type === 'module') return drfSettings(node, ctx);
    return dictCounter(node, ctx);
  },
};

function flaskLimiter(call: Node, ctx: PyContext): void {
  // syntax first: only a call of something named Limiter is resolved
  const callee = call.childForFieldName('function');
  if (!callee || !/Limiter$/.test(callee.type === 'attribute' ? (callee.childForFieldName('attribute')?.text ?? '') : callee.text)) return;
  const q = ctx.bindings.resolve(callee);
  if (!q || !/^flask_limiter(\.extension)?\.Limiter$/.test(q)) return;
  const storage = keywordArg(call, 'storage_uri');
  const fn = call.childForFieldName('function')!;
  if (storage) {
    const v = stringValue(storage);
    if (v === null || !v.startsWith('memory://')) return;
    ctx.report({
      node: call,
      start: call.startIndex,
      end: fn.endIndex,
      message: '`Limiter` stores its counters in process memory (`memory://`): each worker and each instance counts on its own, so N processes allow N times the limit, and a restart forgets every counter',
      fixes: () => [limiterStorageFix(ctx.file.text, ctx.root, call)],
    });
    return;
  }
  if (hasKwargsSplat(call)) return;
  if (pyProject(ctx.file.path)?.flaskStorageConfig || /RATELIMIT_STORAGE_UR[IL]/.test(ctx.file.text)) return;
  ctx.report({
    node: call,
    start: call.startIndex,
    end: fn.endIndex,
    message: '`Limiter` without `storage_uri` keeps its counters in process memory: each worker and each instance counts on its own, so N processes allow N times the limit',
    fixes: () => [limiterStorageFix(ctx.file.text, ctx.root, call)],
  });
}

function drfSettings(root: Node, ctx: PyContext): void {
  let throttleKey: Node | null = null;
  let caches: string | null | undefined;
  for (const stmt of root.namedChildren) {
    const a = stmt.type === 'expression_statement' ? stmt.namedChildren[0] : null;
    if (a?.type !== 'assignment') continue;
    const name = a.childForFieldName('left')?.text;
    const right = a.childForFieldName('right');
    if (name === 'REST_FRAMEWORK' && right?.type === 'dictionary') {
      for (const pair of right.namedChildren) {
        if (pair.type !== 'pair' || stringValue(pair.childForFieldName('key')) !== 'DEFAULT_THROTTLE_CLASSES') continue;
        const v = pair.childForFieldName('value');
        if (v && (v.type === 'list' || v.type === 'tuple') && v.namedChildren.length) throttleKey = pair.childForFieldName('key');
      }
    } else if (name === 'CACHES' && right && right.type !== 'dictionary') {
      return; // built by code (a helper reading the environment): configured, backend unknown
    } else if (name === 'CACHES' && right?.type === 'dictionary') {
      caches = null;
      for (const pair of right.namedChildren) {
        if (pair.type !== 'pair' || stringValue(pair.childForFieldName('key')) !== 'default') continue;
        const d = pair.childForFieldName('value');
        for (const p of d?.type === 'dictionary' ? d.namedChildren : []) {
          if (p.type === 'pair' && stringValue(p.childForFieldName('key')) === 'BACKEND') caches = stringValue(p.childForFieldName('value')) ?? p.childForFieldName('value')?.text ?? null;
        }
      }
    }
  }
  if (!throttleKey) return;
  // a shared cache here, or in another settings module of the project (split settings)
  if (caches && !LOCMEM.test(caches)) return;
  const project = pyProject(ctx.file.path);
  if (project?.settings.some((s) => s.file !== ctx.file.path && s.cachesDefined && (!s.defaultCache || !LOCMEM.test(s.defaultCache)))) return;
  ctx.report({
    node: throttleKey,
    message:
      caches === undefined
        ? 'DRF throttles count in the default cache, and no settings module sets `CACHES`: Django then uses LocMemCache, one per process, so N workers allow N times each rate'
        : 'DRF throttles count in the default cache, which is LocMemCache here: one per process, so N workers allow N times each rate',
    fixes: () => (caches === undefined ? [drfCacheFix(ctx.file.text, ctx.root)] : []),
  });
}

const DICT_FACTORY = /^(dict|defaultdict|collections\.defaultdict|Counter|collections\.Counter|OrderedDict|TTLCache|cachetools\.TTLCache)$/;

function dictCounter(fn: Node, ctx: PyContext): void {
  const name = fn.childForFieldName('name');
  if (!name || !(LIMITER_NAME.test(name.text) || /attempt/i.test(name.text))) return;
  // module-level names holding a dict
  const dicts = new Map<string, Node>();
  for (const stmt of ctx.root.namedChildren) {
    const a = stmt.type === 'expression_statement' ? stmt.namedChildren[0] : null;
    if (a?.type !== 'assignment') continue;
    const l = a.childForFieldName('left');
    const r = a.childForFieldName('right');
    if (l?.type !== 'identifier' || !r) continue;
    if (r.type === 'dictionary' || (r.type === 'call' && DICT_FACTORY.test(r.childForFieldName('function')?.text ?? ''))) dicts.set(l.text, a);
  }
  if (!dicts.size) return;
  const body = fn.childForFieldName('body');
  if (!body) return;
  for (const sub of body.descendantsOfType(['subscript', 'call'])) {
    const obj = sub.type === 'subscript' ? sub.childForFieldName('value') : sub.childForFieldName('function')?.childForFieldName('object');
    if (obj?.type !== 'identifier' || !dicts.has(obj.text)) continue;
    // written: `hits[key] += 1`, `hits[key] = ...`, `hits[key].append(...)`, `hits.setdefault(...)`
    const p = sub.parent;
    const written =
      (p?.type === 'augmented_assignment' || p?.type === 'assignment') && p.childForFieldName('left') === sub
        ? true
        : sub.type === 'call' && /\.(setdefault|update|pop)$/.test(sub.childForFieldName('function')?.text ?? '')
          ? true
          : p?.type === 'attribute' && /^(append|add|popleft|appendleft)$/.test(p.childForFieldName('attribute')?.text ?? '');
    if (!written) continue;
    ctx.report({
      node: name,
      message: `\`${name.text}\` counts requests in the module-level \`${obj.text}\`: every worker process has its own copy, so N workers allow N times the limit, and a restart forgets it`,
    });
    return;
  }
}
