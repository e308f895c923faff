/**
 * The backend services of a workspace, for the project-level checks: a folder holding a Python
 * project marker (`manage.py`, `requirements*.txt`, `pyproject.toml`, `setup.py`, `Pipfile`) or
 * a `package.json`, with the source files nearest to it, the dependencies its manifests (and
 * those of the folders above it, up to the workspace root) declare, and the web framework its
 * code uses. A service none of whose code starts a web framework (a library, a frontend, a
 * scripts folder) is not a backend: the checks say nothing about it.
 */
import * as path from 'node:path';
import type { ProjectContext } from '../engine/project';
import { isJsTestCode, isPythonTestCode } from '../lang/scope';
import { manifestDeps } from '../lang/manifests';

export type ServiceKind = 'python' | 'js';
export type Framework = 'django' | 'flask' | 'fastapi' | 'express' | 'nest' | 'koa' | 'fastify' | 'hapi';

export interface Service {
  kind: ServiceKind;
  /** workspace-relative folder, '' for the root */
  dir: string;
  /** the service's own non-test source files (nearest marker is this service's) */
  files: string[];
  /** lower-cased dependency names from its manifests and those above it */
  deps: Set<string>;
  /** manifests read, nearest first */
  manifests: string[];
  framework: Framework | null;
  /** where the framework's app is made: Flask(...), express(), NestFactory.create, a Django settings module */
  entry: { file: string; line: number } | null;
  /** packages of the same workspace it depends on (a monorepo's framework package serving its routes), transitively */
  linked: Service[];
}

const PY_MARKERS = /^(manage\.py|requirements[\w.-]*\.txt|pyproject\.toml|setup\.py|setup\.cfg|Pipfile)$/;
const JS_SOURCE = /\.(?:[cm]?[jt]sx?)$/;
/** Folders that hold no service code. */
const SKIP = /(^|\/)(node_modules|\.git|dist|build|\.next|\.nuxt|\.venv|venv|site-packages|__pycache__|coverage|vendor|bower_components|migrations|fixtures|examples?|docs?|scripts?)\//;

export function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

const cache = new WeakMap<ProjectContext, Service[]>();

export function services(ctx: ProjectContext): Service[] {
  const hit = cache.get(ctx);
  if (hit) return hit;
  const pyRoots = new Set<string>();
  const jsRoots = new Set<string>();
  const inRoot = (f: string): boolean => !SKIP.test(`/${f}`);
  for (const f of ctx.files) {
    if (!inRoot(f)) continue;
    const base = path.posix.basename(f);
    const dir = path.posix.dirname(f) === '.' ? '' : path.posix.dirname(f);
    if (PY_MARKERS.test(base)) pyRoots.add(dir);
    if (base === 'package.json') jsRoots.add(dir);
  }
  const nearest = (f: string, roots: Set<string>): string | null => {
    let dir = path.posix.dirname(f) === '.' ? '' : path.posix.dirname(f);
    for (;;) {
      if (roots.has(dir)) return dir;
      if (dir === '') return null;
      const up = path.posix.dirname(dir);
      dir = up === '.' ? '' : up;
    }
  };
  const byKey = new Map<string, Service>();
  for (const f of ctx.files) {
    if (!inRoot(f)) continue;
    const kind: ServiceKind | null = f.endsWith('.py') ? 'python' : JS_SOURCE.test(f) && !f.endsWith('.d.ts') ? 'js' : null;
    if (!kind) continue;
    const roots = kind === 'python' ? pyRoots : jsRoots;
    const dir = nearest(f, roots) ?? (kind === 'python' ? '' : null);
    if (dir === null) continue;
    const text = ctx.read(f);
    if (text === undefined || isTest(kind, path.join(ctx.root, f), text)) continue;
    const key = `${kind}\0${dir}`;
    let s = byKey.get(key);
    if (!s) {
      s = { kind, dir, files: [], deps: new Set(), manifests: [], framework: null, entry: null, linked: [] };
      byKey.set(key, s);
    }
    s.files.push(f);
  }
  const out: Service[] = [];
  for (const s of byKey.values()) {
    readDeps(ctx, s);
    detectFramework(ctx, s);
    out.push(s);
  }
  out.sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : a.kind < b.kind ? -1 : 1));
  link(ctx, out);
  cache.set(ctx, out);
  return out;
}

function isTest(kind: ServiceKind, abs: string, text: string): boolean {
  try {
    return kind === 'python' ? isPythonTestCode(abs, text) : isJsTestCode(abs, text);
  } catch {
    return false;
  }
}

const fileSets = new WeakMap<ProjectContext, Set<string>>();

function readDeps(ctx: ProjectContext, s: Service): void {
  let fileSet = fileSets.get(ctx);
  if (!fileSet) fileSets.set(ctx, (fileSet = new Set(ctx.files)));
  const byDir = new Map<string, string[]>();
  for (const f of fileSet) {
    if (!/^(requirements[\w.-]*\.txt|pyproject\.toml|setup\.py|setup\.cfg|Pipfile)$/.test(path.posix.basename(f))) continue;
    const d = path.posix.dirname(f) === '.' ? '' : path.posix.dirname(f);
    byDir.set(d, [...(byDir.get(d) ?? []), f]);
  }
  const dirs: string[] = [];
  for (let d = s.dir; ; ) {
    dirs.push(d);
    if (d === '') break;
    const up = path.posix.dirname(d);
    d = up === '.' ? '' : up;
  }
  for (const d of dirs) {
    const names = s.kind === 'js' ? ['package.json'] : (byDir.get(d) ?? []);
    for (const n of names) {
      const f = s.kind === 'js' ? (d ? `${d}/${n}` : n) : n;
      if (!fileSet.has(f)) continue;
      const text = ctx.read(f);
      if (text === undefined) continue;
      s.manifests.push(f);
      for (const dep of manifestDeps(f, text)) s.deps.add(dep);
    }
  }
}

function detectFramework(ctx: ProjectContext, s: Service): void {
  const PATTERNS: Array<[Framework, RegExp]> = s.kind === 'python'
    ? [
        ['django', /^\s*(?:INSTALLED_APPS|ROOT_URLCONF)\s*=/m],
        ['flask', /\bFlask\s*\(\s*__name__|\bFlask\s*\(\s*["']/],
        ['fastapi', /\bFastAPI\s*\(/],
      ]
    : [
        ['nest', /\bNestFactory\s*\.\s*create\s*[(<]/],
        ['express', /\b(?:express|Express)\s*\(\s*\)/],
        ['fastify', /\b(?:fastify|Fastify)\s*\(\s*[{)]/],
        ['koa', /\bnew\s+Koa\s*\(/],
        ['hapi', /\bHapi\s*\.\s*server\s*\(/],
      ];
  // a Flask subclass (`class CTFdFlask(Flask)`) made with `CTFdFlask(__name__)`
  if (s.kind === 'python') {
    for (const f of s.files) {
      const m = /^class\s+(\w+)\s*\(\s*(?:flask\.)?Flask\s*\)/m.exec(ctx.read(f) ?? '');
      if (m) PATTERNS.push(['flask', new RegExp(`\\b${m[1]}\\s*\\(\\s*(?:__name__|["'])`)]);
    }
  }
  const listens = s.kind === 'js' && s.files.some((f) => /\.\s*listen\s*\(|\bcreateServer\s*\(|serverless-http|@vendia\/serverless-express/.test(ctx.read(f) ?? ''));
  for (const [fw, re] of PATTERNS) {
    // a JS app counts when the service starts a server somewhere (an app made for a script or a test helper does not)
    if (s.kind === 'js' && fw !== 'nest' && !listens) continue;
    let best: { file: string; line: number; listen: boolean } | null = null;
    for (const f of s.files) {
      const text = ctx.read(f);
      if (!text) continue;
      const m = re.exec(text);
      if (!m) continue;
      if (s.kind === 'js' && fw === 'express' && !/from\s+["']express["']|require\(\s*["']express["']\s*\)/.test(text)) continue;
      const listen = /\.\s*listen\s*\(/.test(text);
      // the module that also starts the server is the app's entry
      if (!best || (listen && !best.listen)) best = { file: f, line: lineOf(text, m.index), listen };
      if (listen) break;
    }
    if (best) {
      s.framework = fw;
      s.entry = { file: best.file, line: best.line };
      return;
    }
  }
}

/** Monorepo packages: a JS service depending on another package of the workspace (by its package.json name) sees its code. */
function link(ctx: ProjectContext, all: Service[]): void {
  const byName = new Map<string, Service>();
  for (const s of all) {
    if (s.kind !== 'js') continue;
    try {
      const name = (JSON.parse(ctx.read(s.dir ? `${s.dir}/package.json` : 'package.json') ?? '{}') as { name?: unknown }).name;
      if (typeof name === 'string') byName.set(name.toLowerCase(), s);
    } catch {
      // not JSON: no name
    }
  }
  for (const s of all) {
    if (s.kind !== 'js') continue;
    const seen = new Set<Service>([s]);
    const queue = [s];
    while (queue.length && seen.size < 200) {
      const cur = queue.shift()!;
      for (const d of cur.deps) {
        const t = byName.get(d);
        if (t && !seen.has(t)) {
          seen.add(t);
          s.linked.push(t);
          queue.push(t);
        }
      }
    }
  }
}

/** Every non-test source text of a service and of the workspace packages it depends on, with its file. */
export function* texts(ctx: ProjectContext, s: Service): Generator<{ file: string; text: string }> {
  for (const svc of [s, ...s.linked]) {
    for (const f of svc.files) {
      const text = ctx.read(f);
      if (text !== undefined) yield { file: f, text };
    }
  }
}

/** Files of the service's folder that are not source: Procfile, Dockerfile, compose, CI, app specs. */
export function configTexts(ctx: ProjectContext, s: Service): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  const prefix = s.dir ? `${s.dir}/` : '';
  for (const f of ctx.files) {
    if (!f.startsWith(prefix) || SKIP.test(`/${f}`)) continue;
    const base = path.posix.basename(f);
    if (!/^(Procfile|Dockerfile[\w.-]*|[\w.-]*\.ya?ml|[\w.-]*\.toml|[\w.-]*\.ini|[\w.-]*\.cfg|[\w.-]*\.conf|\.env[\w.-]*|package\.json)$/i.test(base)) continue;
    const text = ctx.read(f);
    if (text !== undefined && text.length < 512 * 1024) out.push({ file: f, text });
  }
  return out;
}
