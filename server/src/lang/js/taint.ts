/**
 * Where a value comes from inside one function, for the JavaScript / TypeScript
 * injection rules (sql-string-format, command-injection, path-traversal). Same
 * levels as the Python side (lang/python/taint.ts):
 *   const    literals, module constants, templates / `+` of constants, a constant table lookup
 *   safe     `Number()`, `parseInt`, `parseFloat`, `Number.*` / `Math.*`, `path.basename`, an allow-list check
 *            (`if (!ALLOWED.includes(x)) return`)
 *   unknown  a parameter of a plain function, a call's result, an attribute
 *   request  `req.params/query/body/headers/cookies/file(s)` of an Express-style handler
 *            (a function taking `req, res`, or passed to `app.get/post/...` / `router.*` /
 *            `app.use`), multer's `file.originalname`, NestJS `@Param()/@Query()/@Body()`,
 *            a Next.js route handler's request (`nextUrl.searchParams`, `json()`, `formData()`) and `params`
 * followed through `const`/`let` declarations and assignments, templates and `+`.
 */
import { ts } from 'ts-morph';
import type { JsBindings } from './bindings';

export const CONST = 0;
export const SAFE = 1;
export const UNKNOWN = 2;
export const REQUEST = 3;
export type Level = 0 | 1 | 2 | 3;

type Fn = ts.FunctionLikeDeclaration;

const REQUEST_PROPS = new Set(['params', 'query', 'body', 'headers', 'cookies', 'file', 'files', 'signedCookies', 'path', 'url', 'originalUrl', 'hostname', 'ip', 'nextUrl']);
/** Methods of a request, or of something taken from it (`searchParams`, `headers`, `formData()`), that give what the client sent. */
const REQUEST_READS = new Set(['get', 'getAll', 'json', 'text', 'formData']);
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'all', 'use', 'options', 'head', 'route']);
const NEST_DECORATORS = new Set(['Param', 'Query', 'Body', 'Headers', 'UploadedFile', 'UploadedFiles', 'Req', 'Request']);
const MULTER_SERVER_PROPS = new Set(['path', 'filename', 'destination', 'size', 'buffer']);
const SANITISERS = new Set(['Number', 'parseInt', 'parseFloat', 'Boolean', 'encodeURIComponent']);
const PASS_METHODS = new Set(['trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'toString', 'replace', 'replaceAll', 'slice', 'substring', 'normalize', 'padStart', 'padEnd', 'concat', 'split', 'at']);

function max(a: Level, b: Level): Level {
  return (a > b ? a : b) as Level;
}

export function isFunctionLike(n: ts.Node): n is Fn {
  return ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n) || ts.isConstructorDeclaration(n);
}

export function enclosingFn(n: ts.Node): Fn | null {
  for (let cur = n.parent; cur; cur = cur.parent) if (isFunctionLike(cur)) return cur;
  return null;
}

function paramName(p: ts.ParameterDeclaration): string | null {
  return ts.isIdentifier(p.name) ? p.name.text : null;
}

const HTTP_METHODS = /^(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/;

/**
 * A Next.js App Router route handler: `export async function GET(request, { params })` (or an
 * exported `const GET = async (...) => ...`) in a `route.ts` / `route.js` file. Its first
 * parameter is the request, its second holds the URL's dynamic segments (`params`).
 */
export function isNextRouteHandler(fn: Fn): boolean {
  if (!/(?:^|[\\/])route\.[cm]?[jt]sx?$/.test(fn.getSourceFile().fileName)) return false;
  const exported = (n: ts.Node): boolean => ts.canHaveModifiers(n) && !!ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  if (ts.isFunctionDeclaration(fn)) return !!fn.name && HTTP_METHODS.test(fn.name.text) && exported(fn);
  const decl = fn.parent;
  return (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name) && HTTP_METHODS.test(decl.name.text) && exported(decl.parent.parent);
}

/** An Express-style handler or middleware: passed to `app.get(...)`/`router.post(...)`/`app.use(...)`, or taking `(req, res)`; a Next.js route handler. */
export function isRouteHandler(fn: Fn): boolean {
  if (isNextRouteHandler(fn)) return true;
  const names = fn.parameters.map(paramName);
  if ((names[0] === 'req' || names[0] === 'request') && names.length >= 2 && /^(res|response|reply)$/.test(names[1] ?? '')) return true;
  const call = fn.parent;
  if (call && ts.isCallExpression(call) && call.arguments.includes(fn as ts.Expression) && ts.isPropertyAccessExpression(call.expression)) {
    return ROUTE_METHODS.has(call.expression.name.text) && (names[0] === 'req' || names[0] === 'request' || names[0] === 'ctx');
  }
  return false;
}

function decoratorNames(p: ts.ParameterDeclaration): string[] {
  return (ts.canHaveDecorators(p) ? ts.getDecorators(p) ?? [] : []).map((d) => {
    const e = d.expression;
    return ts.isCallExpression(e) ? e.expression.getText() : e.getText();
  });
}

/** Values assigned to a name in a function's own scope before `at` (declarations, `=`, `+=`), or null when it declares none. */
function assignedValues(fn: Fn, name: string, at: number): ts.Expression[] | null {
  if (!fn.body) return null;
  const out: ts.Expression[] = [];
  let declared = false;
  const visit = (n: ts.Node): void => {
    if (n.pos >= at) return;
    if (isFunctionLike(n)) return;
    if (ts.isVariableDeclaration(n)) {
      if (ts.isIdentifier(n.name) && n.name.text === name) {
        declared = true;
        if (n.initializer) out.push(n.initializer);
      } else if (!ts.isIdentifier(n.name) && n.initializer && bindsName(n.name, name)) {
        declared = true;
        out.push(n.initializer); // `const { a } = req.body`: the taint of the whole value
      }
    } else if (ts.isBinaryExpression(n) && ts.isIdentifier(n.left) && n.left.text === name && (n.operatorToken.kind === ts.SyntaxKind.EqualsToken || n.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken)) {
      out.push(n.right);
    } else if ((ts.isForOfStatement(n) || ts.isForInStatement(n)) && ts.isVariableDeclarationList(n.initializer) && n.initializer.declarations.some((d) => bindsName(d.name, name))) {
      declared = true;
      out.push(n.expression);
    }
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(fn.body, visit);
  return declared || out.length ? out : null;
}

function bindsName(b: ts.BindingName, name: string): boolean {
  if (ts.isIdentifier(b)) return b.text === name;
  return b.elements.some((e) => !ts.isOmittedExpression(e) && bindsName(e.name, name));
}

/** `if (!ALLOWED.includes(x)) return/throw` (or `x = DEFAULT`) before `use`, or `use` inside `if (ALLOWED.includes(x))` / `if (x in MAP)`. */
function allowListed(fn: Fn, name: string, use: ts.Node): boolean {
  const body = fn.body;
  if (!body || !/\b(includes|has|in)\b/.test(body.getText())) return false;
  const test = new RegExp(`^(!?)\\s*\\(?\\s*(?:[\\w.]+\\.(?:includes|has)\\(\\s*${name}\\s*\\)|${name}\\s+in\\s+[\\w.]+)\\s*\\)?$`);
  for (let p = use.parent; p && p !== fn; p = p.parent) {
    if (ts.isIfStatement(p) && use.pos >= p.thenStatement.pos && use.end <= p.thenStatement.end) {
      const m = test.exec(p.expression.getText());
      if (m && !m[1]) return true;
    }
  }
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || n.pos >= use.pos || isFunctionLike(n)) return;
    if (ts.isIfStatement(n)) {
      const m = test.exec(n.expression.getText());
      const then = n.thenStatement;
      const last = ts.isBlock(then) ? then.statements[then.statements.length - 1] : then;
      if (m && m[1] && last && (ts.isReturnStatement(last) || ts.isThrowStatement(last))) found = true;
      // `if (!SORTS.includes(sort)) sort = 'created'`: past the check the name holds an allowed value or the default
      const reset = last && ts.isExpressionStatement(last) && ts.isBinaryExpression(last.expression) && last.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken ? last.expression : null;
      if (m && m[1] && reset && ts.isIdentifier(reset.left) && reset.left.text === name && (ts.isStringLiteral(reset.right) || ts.isNumericLiteral(reset.right) || ts.isNoSubstitutionTemplateLiteral(reset.right) || /^(?:[\w.]+\.)?[A-Z][A-Z0-9_]*$/.test(reset.right.getText()))) found = true;
    }
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

export interface JsTaintContext {
  bindings: JsBindings;
  sourceFile: ts.SourceFile;
}

function isRequestObject(e: ts.Expression, fn: Fn | null): boolean {
  if (!ts.isIdentifier(e)) return false;
  for (let f = fn; f; f = enclosingFn(f)) {
    const p = f.parameters.find((x) => paramName(x) === e.text);
    // a Next.js handler's second parameter (`context`) carries the request's `params`
    if (p) return (f.parameters.indexOf(p) === 0 && isRouteHandler(f)) || (f.parameters.indexOf(p) === 1 && isNextRouteHandler(f)) || decoratorNames(p).some((d) => d === 'Req' || d === 'Request');
  }
  return false;
}

/** A module-level `const NAME = <constant>` (every top-level declaration of the name constant). */
function moduleLevel(ctx: JsTaintContext, name: string, depth: number): Level | null {
  for (const s of ctx.sourceFile.statements) {
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && d.name.text === name) return d.initializer ? levelOf(d.initializer, null, ctx, depth + 1) : UNKNOWN;
      }
    } else if (ts.isImportDeclaration(s) && s.importClause && new RegExp(`\\b${name}\\b`).test(s.importClause.getText())) {
      return CONST;
    } else if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && s.name?.text === name) {
      return CONST;
    }
  }
  return null;
}

function identifierLevel(id: ts.Identifier, fn: Fn | null, ctx: JsTaintContext, depth: number): Level {
  const name = id.text;
  if (name === 'undefined') return CONST;
  for (let f = fn; f; f = enclosingFn(f)) {
    const values = assignedValues(f, name, id.pos);
    const param = f.parameters.find((p) => paramName(p) === name);
    // `GET(request, { params })` in a Next.js route file: the URL's dynamic segments
    if (!values && !param && isNextRouteHandler(f) && f.parameters.slice(0, 2).some((p) => !ts.isIdentifier(p.name) && bindsName(p.name, name))) return REQUEST;
    if (values || param) {
      if (allowListed(f, name, id)) return SAFE;
      let l: Level = CONST;
      for (const v of values ?? []) l = max(l, levelOf(v, f, ctx, depth + 1));
      if (param) {
        const idx = f.parameters.indexOf(param);
        const decos = decoratorNames(param);
        if (decos.some((d) => NEST_DECORATORS.has(d))) return REQUEST;
        if (idx === 0 && isRouteHandler(f)) return max(l, UNKNOWN); // the request object itself
        l = max(l, UNKNOWN);
      }
      return l;
    }
  }
  return moduleLevel(ctx, name, depth) ?? UNKNOWN;
}

export function levelOf(e: ts.Expression, fn: Fn | null, ctx: JsTaintContext, depth = 0): Level {
  if (depth > 10) return UNKNOWN;
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isNumericLiteral(e) || e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword || e.kind === ts.SyntaxKind.NullKeyword) return CONST;
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isAwaitExpression(e) || ts.isSatisfiesExpression(e) || ts.isTypeOfExpression(e)) {
    return ts.isTypeOfExpression(e) ? CONST : levelOf(e.expression, fn, ctx, depth + 1);
  }
  if (ts.isTemplateExpression(e)) {
    let l: Level = CONST;
    for (const s of e.templateSpans) l = max(l, levelOf(s.expression, fn, ctx, depth + 1));
    return l;
  }
  if (ts.isBinaryExpression(e)) {
    const k = e.operatorToken.kind;
    if (k === ts.SyntaxKind.PlusToken || k === ts.SyntaxKind.BarBarToken || k === ts.SyntaxKind.QuestionQuestionToken || k === ts.SyntaxKind.CommaToken) {
      return max(levelOf(e.left, fn, ctx, depth + 1), levelOf(e.right, fn, ctx, depth + 1));
    }
    return CONST; // a comparison or arithmetic gives a boolean or a number
  }
  if (ts.isConditionalExpression(e)) return max(levelOf(e.whenTrue, fn, ctx, depth + 1), levelOf(e.whenFalse, fn, ctx, depth + 1));
  if (ts.isArrayLiteralExpression(e)) {
    let l: Level = CONST;
    for (const x of e.elements) l = max(l, ts.isSpreadElement(x) ? levelOf(x.expression, fn, ctx, depth + 1) : levelOf(x, fn, ctx, depth + 1));
    return l;
  }
  if (ts.isObjectLiteralExpression(e)) {
    let l: Level = CONST;
    for (const p of e.properties) l = max(l, ts.isPropertyAssignment(p) ? levelOf(p.initializer, fn, ctx, depth + 1) : UNKNOWN);
    return l;
  }
  if (ts.isPrefixUnaryExpression(e)) return CONST;
  if (ts.isIdentifier(e)) return identifierLevel(e, fn, ctx, depth);
  if (ts.isPropertyAccessExpression(e)) {
    const prop = e.name.text;
    if (isRequestObject(e.expression, fn)) return REQUEST_PROPS.has(prop) ? REQUEST : UNKNOWN;
    if (/^[A-Z][A-Z0-9_]+$/.test(prop)) return CONST;
    // multer: the stored file's `path`, `filename`, `destination` are the server's; `originalname` is the client's
    if (MULTER_SERVER_PROPS.has(prop) && /\.files?(?:\[[^\]]*\])?$/.test(e.expression.getText())) return UNKNOWN;
    if (e.expression.kind === ts.SyntaxKind.ThisKeyword) return UNKNOWN;
    if (ts.isIdentifier(e.expression) && e.expression.text === 'process' && prop === 'env') return CONST;
    const l = levelOf(e.expression, fn, ctx, depth + 1);
    if (l === REQUEST) return REQUEST;
    if (l === CONST && ts.isIdentifier(e.expression) && moduleLevel(ctx, e.expression.text, depth) === CONST) return CONST;
    return max(l, UNKNOWN);
  }
  if (ts.isElementAccessExpression(e)) return levelOf(e.expression, fn, ctx, depth + 1);
  if (ts.isCallExpression(e)) {
    const callee = e.expression;
    const args = (): Level => e.arguments.reduce<Level>((l, a) => max(l, levelOf(a, fn, ctx, depth + 1)), CONST);
    if (ts.isIdentifier(callee) && SANITISERS.has(callee.text)) return SAFE;
    // `Number.parseInt(x, 10)`, `Math.floor(x)`: a number (or NaN), never text
    if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && (callee.expression.text === 'Number' || callee.expression.text === 'Math')) return SAFE;
    if (ts.isIdentifier(callee) && callee.text === 'String') return args();
    const q = ctx.bindings.resolve(callee);
    if (q === 'path.basename' || q === 'node:path.basename' || q === 'shell-quote.quote' || q === 'shell-escape' || q === 'pg-format.ident' || q === 'pg-format.literal') return SAFE;
    if (q === 'path.join' || q === 'node:path.join' || q === 'path.resolve' || q === 'node:path.resolve' || q === 'path.normalize' || q === 'node:path.normalize') return args();
    if (ts.isPropertyAccessExpression(callee)) {
      const m = callee.name.text;
      if (m === 'join' && ts.isArrayLiteralExpression(callee.expression)) return levelOf(callee.expression, fn, ctx, depth + 1);
      if (m === 'join' || m === 'map') return max(levelOf(callee.expression, fn, ctx, depth + 1), UNKNOWN) === REQUEST ? REQUEST : levelOf(callee.expression, fn, ctx, depth + 1) === CONST ? CONST : UNKNOWN;
      if (PASS_METHODS.has(m)) return max(levelOf(callee.expression, fn, ctx, depth + 1), args());
      if (m === 'get' && isRequestObject(callee.expression, fn)) return REQUEST;
      // `request.nextUrl.searchParams.get("q")`, `(await request.formData()).get("file")`, `await request.json()`
      if (REQUEST_READS.has(m) && (isRequestObject(callee.expression, fn) || levelOf(callee.expression, fn, ctx, depth + 1) === REQUEST)) return REQUEST;
    }
    return UNKNOWN;
  }
  return UNKNOWN;
}

/** The values an expression may hold: a local identifier followed to what was assigned to it. */
export function builtValues(e: ts.Expression, fn: Fn | null, depth = 0): ts.Expression[] {
  if (ts.isParenthesizedExpression(e) || ts.isAwaitExpression(e) || ts.isAsExpression(e)) return builtValues(e.expression, fn, depth);
  if (!ts.isIdentifier(e) || !fn || depth > 4) return [e];
  const values = assignedValues(fn, e.text, e.pos);
  if (!values) return [e];
  return values.flatMap((v) => builtValues(v, fn, depth + 1));
}

/** A string built at run time: a template with substitutions, `+`, `[...].join(...)`. */
export function isBuiltString(e: ts.Expression): boolean {
  if (ts.isTemplateExpression(e)) return true;
  if (ts.isBinaryExpression(e)) return e.operatorToken.kind === ts.SyntaxKind.PlusToken || e.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken;
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'join' && ts.isArrayLiteralExpression(e.expression.expression)) return true;
  return false;
}

/** The literal text of a built string, for "does this look like SQL / a command". */
export function staticText(e: ts.Expression): string {
  if (ts.isTemplateExpression(e)) return [e.head.text, ...e.templateSpans.map((s) => s.literal.text)].join(' ');
  if (ts.isStringLiteralLike(e)) return e.text;
  if (ts.isBinaryExpression(e)) return `${staticText(e.left)} ${staticText(e.right)}`;
  if (ts.isParenthesizedExpression(e)) return staticText(e.expression);
  return '';
}
