/**
 * The workspace's route table for the frontend-path check: the full URL paths its backends serve,
 * as segment lists (`*` one segment of any value), read as data from
 *   Django    the ROOT_URLCONF of each production settings entry, followed through `include()`
 *             (dotted modules, inline lists, `router.urls`), `path` / `re_path` / `url`;
 *   DRF       `DefaultRouter` / `SimpleRouter` registrations: `prefix/`, `prefix/<pk>/` and each
 *             `@action` at its `url_path` (the method name, underscores kept, when none is given);
 *   Flask     `@app.route` / `@bp.get` with the Blueprint's `url_prefix` (constructor or
 *             `register_blueprint`), `add_url_rule`;
 *   Express   `app.get(...)` and Router routes, with the prefixes the routers are `use`d at
 *             (followed through imports and nested routers);
 *   Next.js   `pages/api/**` and `app/**\/route.ts` files.
 * A part nobody can read as data (an include of a third-party module, a router class that is not
 * DRF's, a regex with alternatives) becomes an *open* prefix: everything below it counts as
 * served. A backend whose routes cannot be placed at all (FastAPI, NestJS, a blueprint or router
 * whose mount is not found) makes the table `known: false`, and the check says nothing.
 */
import * as path from 'node:path';
import type { ProjectContext } from '../engine/project';
import type { Node } from '../lang/python/tree';
import { parsePythonTree } from '../lang/python/parser';
import { keywordArg, positionalArgs, stringValue } from '../lang/python/ast';
import { djangoEntries } from './django';
import { services, type Service } from './services';

export interface Route {
  segs: string[];
  /** everything below `segs` is served */
  open: boolean;
  /** where it is declared, for messages */
  file: string;
}

export interface RouteTable {
  known: boolean;
  /** why not, when not known */
  reason?: string;
  routes: Route[];
}

/** `orders/<int:pk>/` -> [orders, *]; `files/<path:p>` -> [files] open. */
export function djangoPathSegs(route: string): { segs: string[]; open: boolean } {
  const segs: string[] = [];
  for (const part of route.split('/')) {
    if (!part) continue;
    if (/<path:\w+>/.test(part)) return { segs, open: true };
    segs.push(/^<int:\w+>$/.test(part) ? '#' : /[<>]/.test(part) ? '*' : part);
  }
  return { segs, open: false };
}

/** `^orders/(?P<pk>\d+)/$` -> [orders, *]; no `$` or an alternative: open at the literal part. */
export function regexSegs(re: string, leaf: boolean): { segs: string[]; open: boolean } {
  let r = re.replace(/^\^/, '');
  const anchored = /(\$|\\Z)$/.test(r);
  r = r.replace(/(\$|\\Z)$/, '');
  // groups of one segment: (?P<pk>[^/.]+), (\d+), (?P<slug>[-\w]+)
  r = r.replace(/\((?:\?P<\w+>)?\\d\+\)/g, '\u0001');
  r = r.replace(/\((?:\?P<\w+>|\?:)?(?:\\d|\\w|\[[^\]/]*\]|[-\w.])+[+*]?\)/g, '\u0000');
  const segs: string[] = [];
  for (const part of r.split('/')) {
    if (!part) continue;
    const plain = part.replace(/\\([.-])/g, '$1');
    if (/^[\w.~-]+$/.test(plain)) segs.push(plain);
    else if (plain === '\u0001') segs.push('#');
    else if (/^[\w.~-]*[\u0000\u0001][\w.~-]*$/.test(plain)) segs.push('*');
    else return { segs, open: true };
  }
  return { segs, open: leaf ? !anchored : false };
}

/** `/orders/<int:id>` (Flask), `/orders/:id` (Express) -> [orders, *]. */
export function webPathSegs(p: string): { segs: string[]; open: boolean } | null {
  const segs: string[] = [];
  for (const part of p.split('?')[0].split('/')) {
    if (!part) continue;
    if (/<path:\w+>/.test(part) || part === '*' || /^:\w+\*$/.test(part) || /^\(\.\*\)$/.test(part)) return { segs, open: true };
    if (/[()*+?[\]{}|]/.test(part.replace(/^:\w+\?$/, ''))) return null;
    segs.push(/^<int:\w+>$/.test(part) ? '#' : /^:\w+\??$|<[^>]+>|^:/.test(part) ? '*' : part);
  }
  return { segs, open: false };
}

function moduleFile(ctx: ProjectContext, s: Service, dotted: string): string | null {
  const rel = dotted.replace(/\./g, '/');
  const cands = s.files.filter((f) => f === `${rel}.py` || f.endsWith(`/${rel}.py`) || f === `${rel}/__init__.py` || f.endsWith(`/${rel}/__init__.py`));
  if (cands.length === 1) return cands[0];
  // the shortest path: the module seen from the service's own source root
  cands.sort((a, b) => a.length - b.length);
  return cands.length && cands[0].length < (cands[1]?.length ?? Infinity) ? cands[0] : null;
}

interface ViewSetInfo {
  actions: Array<{ path: string; detail: boolean }>;
  bases: string[];
}

const DRF_BASES = /^(?:viewsets\.|mixins\.|generics\.)?(?:ModelViewSet|ReadOnlyModelViewSet|GenericViewSet|ViewSet|ViewSetMixin|\w+ModelMixin|GenericAPIView|APIView|object)$/;

function viewSets(ctx: ProjectContext, s: Service): Map<string, ViewSetInfo[]> {
  const out = new Map<string, ViewSetInfo[]>();
  for (const f of s.files) {
    if (!f.endsWith('.py')) continue;
    const text = ctx.read(f);
    if (!text || !/class\s+\w+/.test(text) || !/ViewSet|@action|_route\b/.test(text)) continue;
    const root = parsePythonTree(text);
    for (const cls of root.descendantsOfType('class_definition')) {
      const name = cls.childForFieldName('name')?.text;
      if (!name) continue;
      const bases = (cls.childForFieldName('superclasses')?.namedChildren ?? []).filter((b) => b.type !== 'keyword_argument').map((b) => b.text);
      const info: ViewSetInfo = { actions: [], bases };
      for (const dec of cls.childForFieldName('body')?.namedChildren ?? []) {
        if (dec.type !== 'decorated_definition') continue;
        const fn = dec.childForFieldName('definition');
        const fname = fn?.childForFieldName('name')?.text;
        if (!fname) continue;
        for (const d of dec.namedChildren.filter((c) => c.type === 'decorator')) {
          const call = d.namedChildren[0];
          if (call?.type !== 'call') continue;
          const callee = call.childForFieldName('function')?.text ?? '';
          const last = callee.slice(callee.lastIndexOf('.') + 1);
          if (last !== 'action' && last !== 'detail_route' && last !== 'list_route') continue;
          const urlPath = keywordArg(call, 'url_path');
          const up = urlPath ? stringValue(urlPath) : fname;
          if (up === null) continue;
          const detailArg = keywordArg(call, 'detail');
          const detail = last === 'detail_route' || (last === 'action' && detailArg?.text === 'True');
          info.actions.push({ path: up, detail });
        }
      }
      const list = out.get(name);
      if (list) list.push(info);
      else out.set(name, [info]);
    }
  }
  return out;
}

class DjangoReader {
  routes: Route[] = [];
  private routers = new Map<string, { kind: 'drf' | 'other'; regs: Array<{ prefix: string; view: string }> }>();
  private vs: Map<string, ViewSetInfo[]> | null = null;
  constructor(private ctx: ProjectContext, private s: Service) {}

  private viewSetsOf(): Map<string, ViewSetInfo[]> {
    return (this.vs ??= viewSets(this.ctx, this.s));
  }

  /** The actions of a ViewSet and its project bases; null when some base is not known. */
  private actions(name: string, depth = 0): ViewSetInfo['actions'] | null {
    const key = name.slice(name.lastIndexOf('.') + 1);
    const infos = this.viewSetsOf().get(key);
    if (!infos || infos.length !== 1 || depth > 6) return null;
    const out = [...infos[0].actions];
    for (const b of infos[0].bases) {
      if (DRF_BASES.test(b)) continue;
      const more = this.actions(b, depth + 1);
      if (!more) return null;
      out.push(...more);
    }
    return out;
  }

  module(file: string, prefix: string[], depth: number, seen: Set<string>): void {
    if (depth > 8 || seen.has(file)) return;
    const text = this.ctx.read(file);
    if (text === undefined) return void this.open(prefix, file);
    const root = parsePythonTree(text);
    const lists = new Map<string, Node>();
    const routers = new Map<string, { kind: 'drf' | 'other'; regs: Array<{ prefix: string; view: string }> }>();
    const patterns: Node[] = [];
    let opaque = false;
    const stmts = (block: Node): void => {
      for (const stmt of block.namedChildren) {
        if (stmt.type === 'if_statement' || stmt.type === 'try_statement') {
          for (const c of stmt.namedChildren) if (c.type === 'block' || /clause$/.test(c.type)) stmts(c.type === 'block' ? c : (c.namedChildren.find((x) => x.type === 'block') ?? c));
          continue;
        }
        const expr = stmt.type === 'expression_statement' ? stmt.namedChildren[0] : null;
        if (!expr) continue;
        if (expr.type === 'assignment' || expr.type === 'augmented_assignment') {
          const left = expr.childForFieldName('left')?.text ?? '';
          const right = expr.childForFieldName('right');
          if (!right) continue;
          if (left === 'urlpatterns') patterns.push(right);
          else if (right.type === 'list' || right.type === 'tuple') lists.set(left, right);
          else if (right.type === 'call') {
            const callee = right.childForFieldName('function')?.text ?? '';
            if (/(^|\.)(DefaultRouter|SimpleRouter)$/.test(callee)) routers.set(left, { kind: 'drf', regs: [] });
            else if (/Router$/.test(callee)) routers.set(left, { kind: 'other', regs: [] });
          }
        } else if (expr.type === 'call') {
          const fn = expr.childForFieldName('function');
          if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'register') {
            const r = routers.get(fn.childForFieldName('object')?.text ?? '');
            const [p, v] = positionalArgs(expr);
            const ps = stringValue(p);
            if (r && ps !== null && v) r.regs.push({ prefix: ps, view: v.text });
            else if (r) r.kind = 'other';
          } else if (fn?.type === 'attribute' && /^(append|extend|insert)$/.test(fn.childForFieldName('attribute')?.text ?? '') && fn.childForFieldName('object')?.text === 'urlpatterns') {
            opaque = true;
          }
        }
      }
    };
    stmts(root);
    if (!patterns.length || opaque) return void this.open(prefix, file);
    const next = new Set(seen).add(file);
    for (const p of patterns) this.patternsExpr(p, file, prefix, depth, next, lists, routers);
  }

  private open(prefix: string[], file: string): void {
    this.routes.push({ segs: prefix, open: true, file });
  }

  private patternsExpr(e: Node, file: string, prefix: string[], depth: number, seen: Set<string>, lists: Map<string, Node>, routers: Map<string, { kind: 'drf' | 'other'; regs: Array<{ prefix: string; view: string }> }>): void {
    if (e.type === 'list' || e.type === 'tuple') {
      for (const item of e.namedChildren) this.entry(item, file, prefix, depth, seen, lists, routers);
    } else if (e.type === 'binary_operator') {
      for (const side of [e.childForFieldName('left'), e.childForFieldName('right')]) if (side) this.patternsExpr(side, file, prefix, depth, seen, lists, routers);
    } else if (e.type === 'attribute' && e.childForFieldName('attribute')?.text === 'urls') {
      this.router(routers.get(e.childForFieldName('object')?.text ?? ''), file, prefix);
    } else if (e.type === 'identifier' && lists.has(e.text)) {
      this.patternsExpr(lists.get(e.text)!, file, prefix, depth, seen, lists, routers);
    } else if (e.type === 'call' && /(^|\.)format_suffix_patterns$/.test(e.childForFieldName('function')?.text ?? '')) {
      const a = positionalArgs(e)[0];
      if (a) this.patternsExpr(a, file, prefix, depth, seen, lists, routers);
    } else if (e.type === 'parenthesized_expression' && e.namedChildren[0]) {
      this.patternsExpr(e.namedChildren[0], file, prefix, depth, seen, lists, routers);
    } else {
      this.open(prefix, file);
    }
  }

  private router(r: { kind: 'drf' | 'other'; regs: Array<{ prefix: string; view: string }> } | undefined, file: string, prefix: string[]): void {
    if (!r || r.kind !== 'drf') return void this.open(prefix, file);
    for (const reg of r.regs) {
      const { segs, open } = regexSegs(reg.prefix, false);
      const base = [...prefix, ...segs];
      if (open) {
        this.open(base, file);
        continue;
      }
      this.routes.push({ segs: base, open: false, file }, { segs: [...base, '*'], open: false, file });
      const acts = this.actions(reg.view);
      if (!acts) {
        this.open(base, file);
        continue;
      }
      for (const a of acts) {
        const x = regexSegs(a.path, false);
        const segs2 = a.detail ? [...base, '*', ...x.segs] : [...base, ...x.segs];
        this.routes.push({ segs: segs2, open: x.open, file });
      }
    }
  }

  private entry(item: Node, file: string, prefix: string[], depth: number, seen: Set<string>, lists: Map<string, Node>, routers: Map<string, { kind: 'drf' | 'other'; regs: Array<{ prefix: string; view: string }> }>): void {
    if (item.type === 'list_splat' || item.type === 'identifier' || item.type === 'attribute') {
      const inner = item.type === 'list_splat' ? item.namedChildren[0] : item;
      if (inner) this.patternsExpr(inner, file, prefix, depth, seen, lists, routers);
      return;
    }
    if (item.type !== 'call') return void this.open(prefix, file);
    const fnText = item.childForFieldName('function')?.text ?? '';
    const fname = fnText.slice(fnText.lastIndexOf('.') + 1);
    if (fname !== 'path' && fname !== 're_path' && fname !== 'url') return void this.open(prefix, file);
    const [route, target] = positionalArgs(item);
    const r = stringValue(route);
    if (r === null || !target) return void this.open(prefix, file);
    const isInclude = target.type === 'call' && /(^|\.)include$/.test(target.childForFieldName('function')?.text ?? '');
    const isRouterUrls = target.type === 'attribute' && target.childForFieldName('attribute')?.text === 'urls';
    const leaf = !isInclude && !isRouterUrls;
    const conv = fname === 'path' ? djangoPathSegs(r) : regexSegs(r, leaf);
    const here = [...prefix, ...conv.segs];
    if (conv.open) return void this.open(here, file);
    if (leaf) {
      this.routes.push({ segs: here, open: false, file });
      return;
    }
    if (isRouterUrls) return void this.router(routers.get(target.childForFieldName('object')?.text ?? ''), file, here);
    let arg = positionalArgs(target)[0];
    if (arg?.type === 'tuple' || (arg?.type === 'list' && arg.namedChildren[0]?.type === 'list')) arg = arg.namedChildren[0];
    if (!arg) return void this.open(here, file);
    const dotted = stringValue(arg);
    if (dotted !== null) {
      const f = moduleFile(this.ctx, this.s, dotted);
      if (!f) return void this.open(here, file);
      return void this.module(f, here, depth + 1, seen);
    }
    this.patternsExpr(arg, file, here, depth, seen, lists, routers);
  }
}

function djangoRoutes(ctx: ProjectContext, s: Service): Route[] | null {
  const entries = djangoEntries(ctx, s);
  const confs = new Set<string>();
  for (const e of entries) {
    const v = e.top.effective.get('ROOT_URLCONF');
    const m = v?.kind === 'string' ? /^\s*[rbuRBU]*["']([\w.]+)["']\s*$/.exec(v.text) : null;
    if (m) confs.add(m[1]);
  }
  if (!confs.size) return null;
  const reader = new DjangoReader(ctx, s);
  for (const c of confs) {
    const f = moduleFile(ctx, s, c);
    if (!f) return null;
    reader.module(f, [], 0, new Set());
  }
  return reader.routes;
}

const FLASK_ROUTE = /@\s*([A-Za-z_]\w*)\s*\.\s*(?:route|get|post|put|patch|delete)\s*\(\s*[rbu]?(["'])([^"']*)\2/g;

function flaskRoutes(ctx: ProjectContext, s: Service): Route[] | null {
  // receivers: Flask apps and Blueprints, by name, with their prefixes
  const defs = new Map<string, { kind: 'app' | 'bp'; prefix: string | null; file: string }[]>();
  const registered = new Map<string, Array<string | null>>();
  for (const f of s.files) {
    const text = ctx.read(f);
    if (!text) continue;
    for (const m of text.matchAll(/^\s*([A-Za-z_]\w*)\s*=\s*(?:flask\.)?(Flask|Blueprint)\s*\(([^)]*)\)/gm)) {
      const pre = /url_prefix\s*=\s*[rbu]?["']([^"']*)["']/.exec(m[3]);
      const d = { kind: m[2] === 'Flask' ? ('app' as const) : ('bp' as const), prefix: pre ? pre[1] : /url_prefix/.test(m[3]) ? '\u0000' : null, file: f };
      const list = defs.get(m[1]);
      if (list) list.push(d);
      else defs.set(m[1], [d]);
    }
    for (const m of text.matchAll(/([A-Za-z_]\w*)\s*\.\s*register_blueprint\s*\(\s*(?:[\w.]+\.)?([A-Za-z_]\w*)\s*(,[^)]*)?\)/g)) {
      const pre = m[3] ? /url_prefix\s*=\s*[rbu]?["']([^"']*)["']/.exec(m[3]) : null;
      const p = pre ? pre[1] : m[3] && /url_prefix/.test(m[3]) ? '\u0000' : null;
      const list = registered.get(m[2]) ?? [];
      list.push(p);
      registered.set(m[2], list);
      // a blueprint registered on a blueprint: its prefix composes, not read
      if (defs.get(m[1])?.some((d) => d.kind === 'bp')) return null;
    }
  }
  const out: Route[] = [];
  for (const f of s.files) {
    const text = ctx.read(f);
    if (!text) continue;
    for (const m of text.matchAll(FLASK_ROUTE)) {
      const recv = m[1];
      const ds = defs.get(recv);
      if (!ds || ds.length !== 1) return null;
      const d = ds[0];
      let prefix = '';
      if (d.kind === 'bp') {
        const regs = registered.get(recv) ?? [];
        if (regs.length > 1 || d.prefix === '\u0000') return null;
        if (regs.length === 1 && regs[0] !== null) {
          if (regs[0] === '\u0000') return null;
          prefix = regs[0];
        } else prefix = d.prefix ?? '';
        if (!regs.length) continue; // a blueprint nobody registers serves nothing
      }
      const segs = webPathSegs(`${prefix}/${m[3]}`);
      if (!segs) return null;
      out.push({ ...segs, file: f });
    }
    if (/\badd_url_rule\s*\(|\badd_resource\s*\(|\badd_namespace\s*\(/.test(text)) return null;
  }
  return out;
}

const JS_RESOLVE = ['', '.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '/index.ts', '/index.js'];

function resolveImport(ctx: ProjectContext, from: string, spec: string, files: Set<string>): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  for (const ext of JS_RESOLVE) {
    const c = `${base.replace(/\.js$/, ext && ext !== '' ? '' : '.js')}${ext}`;
    if (files.has(c)) return c;
    if (files.has(`${base}${ext}`)) return `${base}${ext}`;
  }
  return null;
}

function expressRoutes(ctx: ProjectContext, s: Service): Route[] | null {
  const files = new Set(s.files);
  interface Recv { file: string; name: string; kind: 'app' | 'router' }
  const recvs = new Map<string, Recv>(); // `${file}#${name}`
  const imports = new Map<string, Map<string, { file: string; name: string }>>(); // file -> local -> target
  const texts = new Map<string, string>();
  for (const f of s.files) {
    const text = ctx.read(f);
    if (!text || !/express|Router/.test(text)) continue;
    texts.set(f, text);
    for (const m of text.matchAll(/\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::\s*[\w.<>]+\s*)?=\s*(?:(express)\s*\(\s*\)|(?:express\s*\.\s*)?(Router)\s*\(\s*(?:\{[^}]*\})?\s*\))/g)) {
      recvs.set(`${f}#${m[1]}`, { file: f, name: m[1], kind: m[2] ? 'app' : 'router' });
    }
    const local = new Map<string, { file: string; name: string }>();
    for (const m of text.matchAll(/import\s+(?:([A-Za-z_$][\w$]*)\s*,?\s*)?(?:\{([^}]*)\})?\s*from\s*["']([^"']+)["']/g)) {
      const target = resolveImport(ctx, f, m[3], files);
      if (!target) continue;
      if (m[1]) local.set(m[1], { file: target, name: 'default' });
      for (const part of (m[2] ?? '').split(',')) {
        const mm = /^\s*(?:type\s+)?([\w$]+)(?:\s+as\s+([\w$]+))?\s*$/.exec(part);
        if (mm) local.set(mm[2] ?? mm[1], { file: target, name: mm[1] });
      }
    }
    for (const m of text.matchAll(/\b(?:const|let|var)\s+(?:([\w$]+)|\{([^}]*)\})\s*=\s*require\(\s*["']([^"']+)["']\s*\)/g)) {
      const target = resolveImport(ctx, f, m[3], files);
      if (!target) continue;
      if (m[1]) local.set(m[1], { file: target, name: 'default' });
      for (const part of (m[2] ?? '').split(',')) {
        const mm = /^\s*([\w$]+)(?:\s*:\s*([\w$]+))?\s*$/.exec(part);
        if (mm) local.set(mm[2] ?? mm[1], { file: target, name: mm[1] });
      }
    }
    imports.set(f, local);
  }
  /** The receiver an identifier of a file stands for: its own, or the router an import names. */
  const recvOf = (file: string, name: string, depth = 0): Recv | null => {
    const own = recvs.get(`${file}#${name}`);
    if (own) return own;
    const imp = imports.get(file)?.get(name);
    if (!imp || depth > 4) return null;
    const direct = recvs.get(`${imp.file}#${imp.name}`);
    if (direct) return direct;
    // a default export or a differently named export: the file's only router
    const inFile = [...recvs.values()].filter((r) => r.file === imp.file);
    if (inFile.length === 1) return inFile[0];
    return null;
  };
  // mounts: `${file}#${name}` of a router -> (parent receiver, path)
  const mounts = new Map<string, Array<{ parent: Recv; prefix: string }>>();
  for (const [f, text] of texts) {
    for (const m of text.matchAll(/([A-Za-z_$][\w$]*)\s*\.\s*use\s*\(\s*(?:(["'`])([^"'`]*)\2\s*,)?([^;]*?)\)\s*;?\s*$/gm)) {
      const parent = recvOf(f, m[1]);
      if (!parent) continue;
      for (const arg of m[4].split(',')) {
        const id = arg.trim();
        if (!/^[A-Za-z_$][\w$]*$/.test(id)) continue;
        const r = recvOf(f, id);
        if (!r || r.kind !== 'router') continue;
        const key = `${r.file}#${r.name}`;
        const list = mounts.get(key) ?? [];
        list.push({ parent, prefix: m[3] ?? '' });
        mounts.set(key, list);
      }
    }
  }
  const prefixes = (r: Recv, depth: number): string[] | null => {
    if (r.kind === 'app') return [''];
    if (depth > 6) return null;
    const ms = mounts.get(`${r.file}#${r.name}`);
    if (!ms?.length) return null;
    const out: string[] = [];
    for (const m of ms) {
      const up = prefixes(m.parent, depth + 1);
      if (!up) return null;
      for (const u of up) out.push(`${u}/${m.prefix}`);
    }
    return out;
  };
  const out: Route[] = [];
  for (const [f, text] of texts) {
    for (const m of text.matchAll(/([A-Za-z_$][\w$]*)\s*\.\s*(get|post|put|patch|delete|all|options|head|route)\s*\(\s*(["'`])([^"'`]*)\3/g)) {
      const r = recvOf(f, m[1]);
      if (!r) continue;
      const ps = prefixes(r, 0);
      if (!ps) return null;
      for (const p of ps) {
        const segs = webPathSegs(`${p}/${m[4]}`);
        if (!segs) return null;
        out.push({ ...segs, file: f });
      }
    }
    // a route whose path is not a literal (an array, a regex, a variable) on a receiver: not placed
    for (const m of text.matchAll(/([A-Za-z_$][\w$]*)\s*\.\s*(?:get|post|put|patch|delete|all)\s*\(\s*(?:\[|\/[^/*]|[A-Za-z_$][\w$.]*\s*,)/g)) if (recvOf(f, m[1])) return null;
  }
  return out;
}

/** Next.js API routes of the files of a package that depends on `next`. */
function nextRoutes(s: Service): Route[] {
  const out: Route[] = [];
  const pre = s.dir ? `${s.dir}/` : '';
  for (const f of s.files) {
    const rel = f.slice(pre.length).replace(/^src\//, '');
    let m = /^pages\/(api\/.*)\.(?:[jt]sx?)$/.exec(rel);
    let parts: string[] | null = m ? m[1].split('/') : null;
    if (parts && parts[parts.length - 1] === 'index') parts.pop();
    if (!parts) {
      m = /^app\/(.*?)\/?route\.(?:[jt]sx?)$/.exec(rel);
      parts = m ? m[1].split('/').filter(Boolean) : null;
    }
    if (!parts) continue;
    const segs: string[] = [];
    let open = false;
    for (const p of parts) {
      if (/^\(.*\)$/.test(p) || p.startsWith('@')) continue;
      if (p.startsWith('_')) {
        segs.length = 0;
        open = false;
        parts = null;
        break;
      }
      if (/^\[\[?\.\.\./.test(p)) {
        open = true;
        break;
      }
      segs.push(/^\[.*\]$/.test(p) ? '*' : p);
    }
    if (parts) out.push({ segs, open, file: f });
  }
  return out;
}

export function routeTable(ctx: ProjectContext): RouteTable {
  const routes: Route[] = [];
  let any = false;
  for (const s of services(ctx)) {
    if (s.kind === 'js' && s.deps.has('next')) {
      const next = nextRoutes(s);
      if (next.length) any = true;
      routes.push(...next);
      // rewrites, a base path or a custom server put routes where the files do not say
      const conf = s.files.find((f) => /(^|\/)next\.config\.[cm]?[jt]s$/.test(f));
      if (conf && /\brewrites\b|\bbasePath\b/.test(ctx.read(conf) ?? '')) return { known: false, reason: `${conf} rewrites paths`, routes };
    }
    if (!s.framework) continue;
    const r = s.framework === 'django' ? djangoRoutes(ctx, s) : s.framework === 'flask' ? flaskRoutes(ctx, s) : s.framework === 'express' ? expressRoutes(ctx, s) : null;
    if (!r) return { known: false, reason: `the routes of the ${s.framework} service in ${s.dir || '.'} cannot be placed`, routes };
    any = true;
    routes.push(...r);
  }
  return any ? { known: true, routes } : { known: false, reason: 'no backend', routes };
}
