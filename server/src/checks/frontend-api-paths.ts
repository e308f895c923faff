import * as path from 'node:path';
import { ts } from 'ts-morph';
import type { ProjectCheck, ProjectContext, ProjectFinding } from '../engine/project';
import { isJsTestCode } from '../lang/scope';
import { routeTable, type Route } from './routes';
import { services } from './services';

const ID = 'frontend-api-path-unserved';

const FRONTEND_FILE = /\.(?:[cm]?[jt]sx?|vue|svelte)$/;
const SKIP = /(^|\/)(node_modules|dist|build|\.next|\.nuxt|out|coverage|vendor|bower_components|e2e|cypress|playwright|__mocks__|mocks?|stories|storybook)\//;
const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request']);

export interface Call {
  file: string;
  line: number;
  /** the path as written, parameters as `*` */
  shown: string;
  segs: string[];
}

/** The path of a URL expression: literals kept, `${...}` and `+ x +` as `*`; null when it is not a path of this origin. */
function urlOf(e: ts.Expression, base: string | null): { shown: string } | null {
  let raw: string;
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) raw = e.text;
  else if (ts.isTemplateExpression(e)) {
    raw = e.head.text;
    for (const span of e.templateSpans) raw += `\u0000${span.literal.text}`;
  } else if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const parts: string[] = [];
    const walk = (x: ts.Expression): void => {
      if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.PlusToken) {
        walk(x.left);
        walk(x.right);
      } else if (ts.isStringLiteral(x) || ts.isNoSubstitutionTemplateLiteral(x)) parts.push(x.text);
      else parts.push('\u0000');
    };
    walk(e);
    raw = parts.join('');
  } else return null;
  // a base taken from a variable (`${API_URL}/api/...`): the path is what follows it
  if (raw.startsWith('\u0000/')) raw = raw.slice(1);
  if (base !== null) {
    if (/^[a-z]+:\/\//i.test(raw) || raw.startsWith('\u0000')) return null;
    raw = `${base.replace(/\/+$/, '')}/${raw.replace(/^\/+/, '')}`;
  }
  if (!raw.startsWith('/') || raw.startsWith('//')) return null;
  raw = raw.split(/[?#]/)[0];
  return { shown: raw.replace(/\u0000/g, '*') };
}

export function pathSegs(shown: string): string[] {
  return shown.split('/').filter(Boolean).map((s) => (s.includes('*') ? '*' : s));
}

/** axios instances made in a file: name -> baseURL literal (or null when it is not one). */
function instances(sf: ts.SourceFile): Map<string, string | null> {
  const out = new Map<string, string | null>();
  const visit = (n: ts.Node): void => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && ts.isCallExpression(n.initializer)) {
      const c = n.initializer.expression;
      if (ts.isPropertyAccessExpression(c) && c.name.text === 'create' && ts.isIdentifier(c.expression) && c.expression.text === 'axios') {
        const opts = n.initializer.arguments[0];
        let base: string | null = null;
        if (opts && ts.isObjectLiteralExpression(opts)) {
          const p = opts.properties.find((x) => ts.isPropertyAssignment(x) && x.name.getText(sf) === 'baseURL') as ts.PropertyAssignment | undefined;
          if (p && (ts.isStringLiteral(p.initializer) || ts.isNoSubstitutionTemplateLiteral(p.initializer))) base = p.initializer.text;
          else if (!p) base = '';
        } else if (!opts) base = '';
        out.set(n.name.text, base);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

function scriptOf(file: string, text: string): { code: string; offset: number } | null {
  if (!/\.(vue|svelte)$/.test(file)) return { code: text, offset: 0 };
  const m = /<script\b[^>]*>([\s\S]*?)<\/script>/i.exec(text);
  return m ? { code: m[1], offset: m.index + m[0].indexOf(m[1]) } : null;
}

/** The frontend's calls to paths of its own origin: `fetch`, `axios`, axios instances (made in the file or imported from the module that makes them). */
export function frontendCalls(ctx: ProjectContext): Call[] {
  const backendFiles = new Set<string>();
  for (const s of services(ctx)) if (s.framework && s.kind === 'js') for (const f of s.files) backendFiles.add(f);
  const files = ctx.files.filter((f) => FRONTEND_FILE.test(f) && !f.endsWith('.d.ts') && !SKIP.test(`/${f}`) && !backendFiles.has(f));
  const made = new Map<string, Map<string, string | null>>();
  const parsed = new Map<string, { sf: ts.SourceFile; offset: number; text: string }>();
  // modules that make an axios instance: a file importing one of them is read too
  const instanceStems = new Set<string>();
  for (const f of files) {
    const text = ctx.read(f);
    if (text && /\baxios\s*\.\s*create\s*\(/.test(text)) instanceStems.add(path.posix.basename(f).replace(/\.[^.]+$/, ''));
  }
  const importsInstance = (text: string): boolean => {
    if (!instanceStems.size) return false;
    for (const m of text.matchAll(/\bfrom\s*["']([^"']+)["']/g)) {
      const stem = path.posix.basename(m[1]).replace(/\.[^.]+$/, '');
      if (instanceStems.has(stem) || (stem === m[1].split('/').pop() && instanceStems.has('index') && /\.\s*(?:get|post|put|patch|delete)\s*\(/.test(text))) return true;
    }
    return false;
  };
  for (const f of files) {
    const text = ctx.read(f);
    if (text === undefined || text.length > 1024 * 1024 || !(/\bfetch\s*\(|\baxios\b/.test(text) || importsInstance(text))) continue;
    if (isJsTestCode(path.join(ctx.root, f), text)) continue;
    const sc = scriptOf(f, text);
    if (!sc) continue;
    const sf = ts.createSourceFile(f, sc.code, ts.ScriptTarget.Latest, true, /x$/.test(f) ? ts.ScriptKind.TSX : /\.vue$|\.svelte$/.test(f) ? ts.ScriptKind.TS : undefined);
    parsed.set(f, { sf, offset: sc.offset, text });
    made.set(f, instances(sf));
  }
  const fileSet = new Set(ctx.files);
  const importedBase = (from: string, sf: ts.SourceFile, local: string): string | null | undefined => {
    for (const st of sf.statements) {
      if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || !st.importClause) continue;
      const spec = st.moduleSpecifier.text;
      const names: Array<[string, string]> = [];
      if (st.importClause.name) names.push([st.importClause.name.text, 'default']);
      const nb = st.importClause.namedBindings;
      if (nb && ts.isNamedImports(nb)) for (const e of nb.elements) names.push([e.name.text, (e.propertyName ?? e.name).text]);
      const hit = names.find(([l]) => l === local);
      if (!hit) continue;
      const target = resolveSpec(from, spec, fileSet);
      const inst = target ? made.get(target) : undefined;
      if (!inst || inst.size !== 1) return undefined;
      return [...inst.values()][0];
    }
    return undefined;
  };
  const out: Call[] = [];
  for (const [f, { sf, offset, text }] of parsed) {
    const own = made.get(f)!;
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n) && n.arguments.length) {
        const callee = n.expression;
        let base: string | null | undefined;
        if (ts.isIdentifier(callee) && (callee.text === 'fetch' || callee.text === 'axios')) base = '';
        else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'window' && callee.name.text === 'fetch') base = '';
        else if (ts.isPropertyAccessExpression(callee) && METHODS.has(callee.name.text) && ts.isIdentifier(callee.expression)) {
          const recv = callee.expression.text;
          if (recv === 'axios') base = '';
          else if (own.has(recv)) base = own.get(recv);
          else base = importedBase(f, sf, recv);
        }
        if (base !== undefined && base !== null) {
          const u = urlOf(n.arguments[0], base === '' ? null : base);
          if (u) {
            const pos = offset + n.arguments[0].getStart(sf);
            let line = 1;
            for (let i = 0; i < pos; i++) if (text.charCodeAt(i) === 10) line++;
            out.push({ file: f, line, shown: u.shown, segs: pathSegs(u.shown) });
          }
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out;
}

function resolveSpec(from: string, spec: string, files: Set<string>): string | null {
  let base: string;
  if (spec.startsWith('.')) base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  else if (spec.startsWith('@/') || spec.startsWith('~/')) {
    const src = from.indexOf('src/');
    base = `${src >= 0 ? from.slice(0, src + 4) : ''}${spec.slice(2)}`;
  } else return null;
  for (const ext of ['', '.ts', '.tsx', '.js', '.jsx', '/index.ts', '/index.js']) if (files.has(`${base}${ext}`)) return `${base}${ext}`;
  return null;
}

/** `*` any one segment, `#` a number (`<int:pk>`, `\d+`); a `*` of the call (a template value) matches any route segment. */
function segMatch(r: string, p: string): boolean {
  return r === p || r === '*' || p === '*' || (r === '#' && /^\d+$/.test(p));
}

/** The route serves the path: every segment matches, or the route is open and the path lies below it. */
export function serves(r: Route, p: string[]): boolean {
  if (r.open ? p.length < r.segs.length : p.length !== r.segs.length) return false;
  return r.segs.every((s, i) => segMatch(s, p[i]));
}

/** Served with every literal of the call met by the same literal (not by a parameter such as a router's `<pk>`). */
function servesLiterally(r: Route, p: string[]): boolean {
  return serves(r, p) && r.segs.every((s, i) => s === p[i] || p[i] === '*' || !/^[a-z][\w-]*$/i.test(p[i]) || s === '#');
}

const norm = (s: string): string => s.toLowerCase().replace(/[-_]/g, '');

/** A route that differs from the call in one literal segment only by dashes, underscores, case or a plural `s`: `unread_count` for `unread-count`. */
function nearMiss(routes: readonly Route[], p: string[]): Route | undefined {
  return routes.find((r) => {
    if (r.segs.length !== p.length) return false;
    let diff = 0;
    for (let i = 0; i < p.length; i++) {
      const rs = r.segs[i];
      if (rs === p[i] || p[i] === '*') continue;
      if (rs === '*' || rs === '#') {
        if (segMatch(rs, p[i])) continue;
        return false;
      }
      const a = norm(rs);
      const b = norm(p[i]);
      if (a !== b && a !== `${b}s` && b !== `${a}s`) return false;
      diff++;
    }
    return diff === 1;
  });
}

export const frontendApiPaths: ProjectCheck = {
  id: ID,
  title: 'Frontend calls an API path no backend route serves',
  family: 'error-handling',
  severity: 'high',
  docs: `## What it checks
Matches the URL paths of the workspace's frontend calls with the routes its backends declare.
Calls: \`fetch(...)\`, \`axios(...)\`, \`axios.get/post/...\` and axios instances (\`axios.create({ baseURL: "/api" })\`
made in the file or in the module it imports them from) in JS/TS/JSX/TSX/Vue/Svelte files outside the
backend services and test code, with a string literal, a template string or a \`+\` concatenation
as URL; \`\${id}\` and concatenated values count as one path segment of any value, a leading
\`\${API_URL}\` is dropped, the query string is ignored. Routes: Django \`urls.py\` modules followed
from \`ROOT_URLCONF\` through \`include()\`, DRF routers (\`prefix/\`, \`prefix/<pk>/\` and each
\`@action\` at its \`url_path\`, which is the method name with its underscores when none is given),
Flask routes with their blueprint prefixes, Express routes with the prefixes their routers are
mounted at, Next.js \`pages/api\` and \`app/**/route.ts\` files. Path parameters (\`<int:pk>\`,
\`:id\`, \`[id]\`) match any segment and trailing slashes are ignored.

A call is reported, on its own line, when no route serves its path **and** the backend clearly
owns the path: its parent path (\`/api/notifications/\` for \`/api/notifications/unread-count/\`) is
the beginning of some route. Nothing is reported when the routes cannot be read well enough: a
backend whose routes cannot be placed (FastAPI, NestJS, a blueprint or router mounted where the
reader cannot follow), a Next.js config with \`rewrites\` or \`basePath\`, or a workspace without a
backend. Parts that cannot be read as data (an include of a package's urls, a custom router, a
regex with alternatives) count as serving every path below them.

## Why it matters
A path the backend does not serve answers 404 in production: the notification badge stays
empty, a button does nothing, and no error is raised anywhere the team looks. The classic case
is a DRF \`@action\` named \`unread_count\` (served at \`unread_count/\`) called as \`unread-count/\`.

## How to fix
Make the two agree: call the path the backend serves, or give the route the path the frontend
uses (\`@action(detail=False, url_path="unread-count")\`). Keep the paths in one place (an
endpoints module) so they cannot drift.

## How to verify
Open the page with the browser's network tab: the request answers 200, not 404; or
\`curl -i https://<host><path>\` with a valid session.`,
  run(ctx) {
    const table = routeTable(ctx);
    if (!table.known) return [];
    const out: ProjectFinding[] = [];
    const seen = new Set<string>();
    for (const c of frontendCalls(ctx)) {
      if (c.segs.length < 2) continue;
      const key = `${c.file}:${c.line}:${c.shown}`;
      if (seen.has(key)) continue;
      if (table.routes.some((r) => servesLiterally(r, c.segs))) continue;
      const near = nearMiss(table.routes, c.segs);
      const hint = near ? `; the backend serves \`/${near.segs.join('/')}/\` (${near.file})` : '';
      if (table.routes.some((r) => serves(r, c.segs))) {
        // only a parameter takes the literal (DRF's detail route takes `unread-count` as a pk): reported when a near miss shows what was meant
        if (!near) continue;
      } else if (!near) {
        // no route at all: reported when the backend clearly owns the parent path (some route starts with it, literally)
        const parent = c.segs.slice(0, -1);
        if (!table.routes.some((r) => r.segs.length > parent.length && parent.every((s, i) => r.segs[i] === s || (s === '*' && /[*#]/.test(r.segs[i]))))) continue;
      }
      seen.add(key);
      out.push({ check: ID, file: c.file, line: c.line, message: `\`${c.shown}\` is called here but no backend route serves it${hint}: the request answers 404 in production` });
    }
    return out;
  },
};
