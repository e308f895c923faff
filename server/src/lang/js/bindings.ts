/**
 * Name binding for JavaScript / TypeScript, the way real code is written.
 *
 * `resolve(expr)` gives a dotted qualified name rooted at a module specifier:
 *
 *   import Stripe from "stripe"; const stripe = new Stripe(key)
 *       stripe.paymentIntents.create        -> stripe().paymentIntents.create
 *   const pay = require("stripe")(process.env.KEY)
 *       pay.refunds.create                  -> stripe().refunds.create
 *   import * as S from "stripe"; new S.Stripe(k)       -> stripe.Stripe()
 *   import axios from "axios"; const api = axios.create({ timeout })
 *       api.get                              -> axios.create().get
 *   const { paymentIntents } = stripe      -> stripe().paymentIntents
 *   constructor(private readonly stripe: Stripe)  this.stripe  -> stripe()
 *   class S { private stripe = new Stripe(k) }    this.stripe  -> stripe()
 *
 * A call or `new` appends `()`; a default import is the module itself.
 * Unknown names resolve to null.
 */
import { sharedFacts } from '../shared-cost';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ts } from 'ts-morph';
import { isFile, memoModuleLookup, ModuleCache } from '../modules';
import { parseJs } from './parser';

type Binding =
  | { kind: 'value'; node: ts.Expression }
  | { kind: 'qname'; qname: string }
  /** an import from the project's own modules: resolved across files when the module can be found */
  | { kind: 'import'; module: string; name: string; qname: string }
  | { kind: 'function'; node: ts.FunctionLikeDeclaration }
  | { kind: 'typed'; type: ts.TypeNode }
  | { kind: 'unknown' };

export class JsBindings {
  private readonly containers = new Map<ts.Node, Map<string, Binding>>();
  private readonly classMembers = new Map<ts.Node, Map<string, Binding>>();
  private depth = 0;

  constructor(readonly sourceFile: ts.SourceFile) {}

  /** Qualified name of an expression, or null. */
  resolve(node: ts.Node | undefined): string | null {
    if (!node || this.depth > 25) return null;
    this.depth++;
    try {
      return this.resolveInner(node);
    } finally {
      this.depth--;
    }
  }

  private resolveInner(node: ts.Node): string | null {
    if (ts.isIdentifier(node)) return this.resolveIdentifier(node);
    if (ts.isPropertyAccessExpression(node)) {
      if (node.expression.kind === ts.SyntaxKind.ThisKeyword) return this.resolveThisMember(node, node.name.text);
      // require("./lib/stripe").stripe, also through `const { stripe } = require("./lib/stripe")`
      if (ts.isCallExpression(node.expression)) {
        const spec = requireSpecifier(node.expression);
        if (spec && isProjectModule(spec)) {
          const r = crossModule(this.sourceFile.fileName, spec)?.resolveExport(node.name.text);
          if (r) return r;
        }
      }
      const base = this.resolve(node.expression);
      return base ? `${base}.${node.name.text}` : null;
    }
    if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) {
      const base = this.resolve(node.expression);
      return base ? `${base}.${node.argumentExpression.text}` : null;
    }
    if (ts.isCallExpression(node)) {
      const req = requireSpecifier(node);
      if (req) return req;
      const returned = this.resolveLocalCall(node.expression);
      if (returned !== undefined) return returned;
      const base = this.resolve(node.expression);
      return base ? `${base}()` : null;
    }
    if (ts.isNewExpression(node)) {
      const base = this.resolve(node.expression);
      return base ? `${base}()` : null;
    }
    if (
      ts.isParenthesizedExpression(node) ||
      ts.isAwaitExpression(node) ||
      ts.isNonNullExpression(node) ||
      ts.isAsExpression(node) ||
      ts.isSatisfiesExpression(node) ||
      ts.isTypeAssertionExpression(node)
    ) {
      return this.resolve(node.expression);
    }
    return null;
  }

  /**
   * A call of a function defined in the project (`getStripe()`, `const db = () => prisma`):
   * what it returns, when every return gives the same resolvable value. undefined = not such a call.
   */
  private resolveLocalCall(callee: ts.Expression): string | null | undefined {
    if (!ts.isIdentifier(callee)) return undefined;
    const b = this.lookup(callee);
    if (!b) return undefined;
    if (b.kind === 'function') return this.resolveReturn(b.node);
    if (b.kind === 'value' && (ts.isArrowFunction(b.node) || ts.isFunctionExpression(b.node))) return this.resolveReturn(b.node);
    if (b.kind === 'import') {
      const target = crossModule(this.sourceFile.fileName, b.module);
      if (!target) return undefined;
      return target.resolveExportCall(b.name);
    }
    return undefined;
  }

  resolveReturn(fn: ts.FunctionLikeDeclaration): string | null {
    const body = fn.body;
    if (!body) return null;
    if (!ts.isBlock(body)) return this.resolve(body);
    let result: string | null = null;
    const visit = (n: ts.Node): boolean => {
      if (ts.isFunctionLike(n) || ts.isClassLike(n)) return true;
      if (ts.isReturnStatement(n) && n.expression) {
        const q = this.resolve(n.expression);
        if (!q || (result !== null && q !== result)) {
          result = null;
          return false;
        }
        result = q;
      }
      return ts.forEachChild(n, (c) => (visit(c) ? undefined : true)) === undefined;
    };
    if (!visit(body)) return this.resolveFunctionAssigned(fn);
    return result ?? this.resolveFunctionAssigned(fn);
  }

  /** `let client; export function getClient() { if (!client) client = new X(); return client }`: the value assigned inside. */
  private resolveFunctionAssigned(fn: ts.FunctionLikeDeclaration): string | null {
    let found: string | null = null;
    const visit = (n: ts.Node): void => {
      if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left)) {
        found ??= this.resolve(n.right);
      }
      ts.forEachChild(n, visit);
    };
    if (fn.body) visit(fn.body);
    return found;
  }

  /**
   * The expression a name is bound to at its use site (`const corsOptions = { ... }`), through
   * further plain names (`const opts = corsOptions`); null for parameters, imports and the rest.
   */
  valueOf(id: ts.Identifier, depth = 0): ts.Expression | null {
    const b = this.lookup(id);
    if (b?.kind !== 'value') return null;
    if (b.node.pos <= id.pos && id.end <= b.node.end) return null; // self-reference
    if (ts.isIdentifier(b.node) && depth < 4) return this.valueOf(b.node, depth + 1) ?? b.node;
    return b.node;
  }

  /** The binding a name has at its use site. */
  private lookup(id: ts.Identifier): Binding | undefined {
    let cur: ts.Node | undefined = id.parent;
    while (cur) {
      if (isContainer(cur)) {
        const b = this.bindingsOf(cur).get(id.text);
        if (b) return b;
      }
      cur = cur.parent;
    }
    return undefined;
  }

  /** What module-level name `name` of this file is (for other files importing it). undefined = not found. */
  resolveExport(name: string): string | null | undefined {
    const sf = this.sourceFile;
    if (name === 'default') {
      for (const s of sf.statements) {
        if (ts.isExportAssignment(s)) return this.resolve(s.expression);
      }
      return undefined;
    }
    const local = this.exportedLocalName(name);
    if (local) {
      const b = this.bindingsOf(sf).get(local);
      if (b) return this.resolveBinding(b);
    }
    for (const s of sf.statements) {
      // export { x } from './y', export * from './y'
      if (ts.isExportDeclaration(s) && s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier)) {
        let imported: string | undefined;
        if (!s.exportClause) imported = name;
        else if (ts.isNamedExports(s.exportClause)) {
          const el = s.exportClause.elements.find((e) => e.name.text === name);
          if (el) imported = (el.propertyName ?? el.name).text;
        }
        if (imported) {
          const target = crossModule(sf.fileName, s.moduleSpecifier.text);
          const r = target?.resolveExport(imported);
          if (r !== undefined) return r;
        }
      }
    }
    return undefined;
  }

  /** `export function getStripe() {...}` / `export const getStripe = () => ...` called from another file. */
  resolveExportCall(name: string): string | null | undefined {
    const sf = this.sourceFile;
    const local = name === 'default' ? defaultExportedFunction(sf) : this.exportedLocalName(name);
    if (!local) return undefined;
    if (typeof local !== 'string') return this.resolveReturn(local);
    const b = this.bindingsOf(sf).get(local);
    if (b?.kind === 'function') return this.resolveReturn(b.node);
    if (b?.kind === 'value' && (ts.isArrowFunction(b.node) || ts.isFunctionExpression(b.node))) return this.resolveReturn(b.node);
    return undefined;
  }

  private exportedLocalName(name: string): string | undefined {
    for (const s of this.sourceFile.statements) {
      if (ts.isExportDeclaration(s) && !s.moduleSpecifier && s.exportClause && ts.isNamedExports(s.exportClause)) {
        const el = s.exportClause.elements.find((e) => e.name.text === name);
        if (el) return (el.propertyName ?? el.name).text;
      }
      const exported = ts.canHaveModifiers(s) && ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      if (!exported) continue;
      if (ts.isVariableStatement(s) && s.declarationList.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === name)) return name;
      if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && s.name?.text === name) return name;
    }
    // CommonJS: module.exports = { stripe } / module.exports.stripe = stripe / exports.stripe = stripe
    for (const s of this.sourceFile.statements) {
      if (!ts.isExpressionStatement(s) || !ts.isBinaryExpression(s.expression) || s.expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
      const { left, right } = s.expression;
      const target = left.getText(this.sourceFile);
      if ((target === 'module.exports' || target === 'exports') && ts.isObjectLiteralExpression(right)) {
        for (const p of right.properties) {
          if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return name;
          if (ts.isPropertyAssignment(p) && p.name.getText(this.sourceFile) === name && ts.isIdentifier(p.initializer)) return p.initializer.text;
        }
      }
      if ((target === `module.exports.${name}` || target === `exports.${name}`) && ts.isIdentifier(right)) return right.text;
    }
    return undefined;
  }

  private resolveBinding(b: Binding): string | null {
    switch (b.kind) {
      case 'qname':
        return b.qname;
      case 'import': {
        const target = crossModule(this.sourceFile.fileName, b.module);
        const r = target?.resolveExport(b.name);
        // found and understood: trust it; not found (a path alias we cannot map, an export form we do
        // not read): keep the module-qualified name so rules can still reason about it
        return r === undefined ? b.qname : r;
      }
      case 'function':
        return null;
      case 'value':
        return this.resolve(b.node);
      case 'typed': {
        // `stripe: Stripe` -> an instance of whatever `Stripe` names
        let t = b.type;
        // `Stripe | undefined`, `Stripe | null`: the one object type in the union
        if (ts.isUnionTypeNode(t)) {
          const refs = t.types.filter(ts.isTypeReferenceNode);
          if (refs.length === 1) t = refs[0];
        }
        if (ts.isTypeReferenceNode(t)) {
          const base = ts.isIdentifier(t.typeName)
            ? this.resolveIdentifier(t.typeName)
            : this.resolveEntity(t.typeName);
          return base ? `${base}()` : null;
        }
        return null;
      }
      default:
        return null;
    }
  }

  private resolveEntity(e: ts.EntityName): string | null {
    if (ts.isIdentifier(e)) return this.resolveIdentifier(e);
    const left = this.resolveEntity(e.left);
    return left ? `${left}.${e.right.text}` : null;
  }

  resolveIdentifier(id: ts.Identifier): string | null {
    const name = id.text;
    let cur: ts.Node | undefined = id.parent;
    while (cur) {
      if (isContainer(cur)) {
        const b = this.bindingsOf(cur).get(name);
        if (b) {
          if (b.kind === 'value' && b.node.pos <= id.pos && id.end <= b.node.end) return null; // self-reference
          return this.resolveBinding(b);
        }
      }
      cur = cur.parent;
    }
    return null;
  }

  private bindingsOf(container: ts.Node): Map<string, Binding> {
    let map = this.containers.get(container);
    if (map) return map;
    map = new Map();
    this.containers.set(container, map);
    const m = map;
    if (ts.isFunctionLike(container)) {
      for (const p of (container as ts.SignatureDeclaration).parameters) {
        if (ts.isIdentifier(p.name)) {
          m.set(p.name.text, p.type ? { kind: 'typed', type: p.type } : { kind: 'unknown' });
        } else bindPattern(p.name, undefined, m);
      }
      const body = (container as ts.FunctionLikeDeclaration).body;
      if (body && ts.isBlock(body)) collectStatements(body.statements, m);
      return m;
    }
    if (ts.isSourceFile(container) || ts.isBlock(container) || ts.isModuleBlock(container) || ts.isCaseClause(container) || ts.isDefaultClause(container)) {
      collectStatements(container.statements, m);
      return m;
    }
    if (ts.isForOfStatement(container) || ts.isForInStatement(container) || ts.isForStatement(container)) {
      const init = container.initializer;
      if (init && ts.isVariableDeclarationList(init)) {
        for (const d of init.declarations) bindPattern(d.name, undefined, m);
      }
      return m;
    }
    if (ts.isCatchClause(container) && container.variableDeclaration) {
      bindPattern(container.variableDeclaration.name, undefined, m);
    }
    return m;
  }

  private resolveThisMember(node: ts.Node, member: string): string | null {
    let cur: ts.Node | undefined = node.parent;
    while (cur && !ts.isClassLike(cur)) {
      // `this` inside a non-arrow function is not the class instance
      if (ts.isFunctionDeclaration(cur) || ts.isFunctionExpression(cur)) return null;
      cur = cur.parent;
    }
    if (!cur) return null;
    const b = this.membersOf(cur).get(member);
    return b ? this.resolveBinding(b) : null;
  }

  private membersOf(cls: ts.ClassLikeDeclaration): Map<string, Binding> {
    let m = this.classMembers.get(cls);
    if (m) return m;
    m = new Map();
    this.classMembers.set(cls, m);
    for (const member of cls.members) {
      if (ts.isPropertyDeclaration(member) && ts.isIdentifier(member.name)) {
        if (member.initializer) m.set(member.name.text, { kind: 'value', node: member.initializer });
        else if (member.type) m.set(member.name.text, { kind: 'typed', type: member.type });
      } else if (ts.isConstructorDeclaration(member)) {
        for (const p of member.parameters) {
          // parameter properties: constructor(private stripe: Stripe)
          if (ts.isIdentifier(p.name) && p.type && ts.getModifiers(p)?.length) {
            m.set(p.name.text, { kind: 'typed', type: p.type });
          }
        }
        const visit = (n: ts.Node): void => {
          if (
            ts.isBinaryExpression(n) &&
            n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
            ts.isPropertyAccessExpression(n.left) &&
            n.left.expression.kind === ts.SyntaxKind.ThisKeyword
          ) {
            m!.set(n.left.name.text, { kind: 'value', node: n.right });
          }
          ts.forEachChild(n, visit);
        };
        if (member.body) visit(member.body);
      }
    }
    return m;
  }
}

function isContainer(n: ts.Node): boolean {
  return (
    ts.isSourceFile(n) ||
    ts.isBlock(n) ||
    ts.isModuleBlock(n) ||
    ts.isFunctionLike(n) ||
    ts.isForOfStatement(n) ||
    ts.isForInStatement(n) ||
    ts.isForStatement(n) ||
    ts.isCatchClause(n) ||
    ts.isCaseClause(n) ||
    ts.isDefaultClause(n)
  );
}

/** `require("x")` -> "x" */
export function requireSpecifier(call: ts.CallExpression): string | null {
  if (
    ts.isIdentifier(call.expression) &&
    call.expression.text === 'require' &&
    call.arguments.length === 1 &&
    ts.isStringLiteralLike(call.arguments[0])
  ) {
    return call.arguments[0].text;
  }
  return null;
}

function collectStatements(statements: ts.NodeArray<ts.Statement>, m: Map<string, Binding>): void {
  for (const s of statements) {
    if (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) && s.importClause) {
      const mod = s.moduleSpecifier.text;
      const clause = s.importClause;
      const local = isProjectModule(mod);
      const bind = (name: string, imported: string): void => {
        const qname = imported === 'default' ? mod : `${mod}.${imported}`;
        m.set(name, local ? { kind: 'import', module: mod, name: imported, qname } : { kind: 'qname', qname });
      };
      if (clause.name) bind(clause.name.text, 'default');
      const nb = clause.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) m.set(nb.name.text, { kind: 'qname', qname: mod });
      if (nb && ts.isNamedImports(nb)) {
        // `import { default as Stripe }` and `import { Stripe }` from "stripe" both name the client class
        for (const el of nb.elements) bind(el.name.text, (el.propertyName ?? el.name).text);
      }
    } else if (ts.isImportEqualsDeclaration(s) && ts.isExternalModuleReference(s.moduleReference)) {
      const e = s.moduleReference.expression;
      if (ts.isStringLiteral(e)) m.set(s.name.text, { kind: 'qname', qname: e.text });
    } else if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        if (ts.isIdentifier(d.name)) {
          if (d.initializer) m.set(d.name.text, { kind: 'value', node: d.initializer });
          else if (d.type) m.set(d.name.text, { kind: 'typed', type: d.type });
          else {
            // `let stripe; ... stripe = new Stripe()` : take the first plain assignment in the same list
            m.set(d.name.text, { kind: 'unknown' });
          }
        } else bindPattern(d.name, d.initializer, m);
      }
    } else if (ts.isFunctionDeclaration(s) && s.name) {
      m.set(s.name.text, { kind: 'function', node: s });
    } else if (ts.isClassDeclaration(s) && s.name) {
      m.set(s.name.text, { kind: 'unknown' });
    } else if (ts.isExpressionStatement(s)) {
      const e = s.expression;
      // late assignment to a previously declared `let`
      if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(e.left)) {
        const prev = m.get(e.left.text);
        if (prev && prev.kind === 'unknown') m.set(e.left.text, { kind: 'value', node: e.right });
      }
    }
  }
}

/** `const { a, b: c } = init` binds a -> init.a, c -> init.b */
function bindPattern(name: ts.BindingName, init: ts.Expression | undefined, m: Map<string, Binding>): void {
  if (ts.isIdentifier(name)) {
    m.set(name.text, init ? { kind: 'value', node: init } : { kind: 'unknown' });
    return;
  }
  if (ts.isObjectBindingPattern(name)) {
    for (const el of name.elements) {
      const prop = el.propertyName && (ts.isIdentifier(el.propertyName) || ts.isStringLiteral(el.propertyName))
        ? el.propertyName.text
        : ts.isIdentifier(el.name)
          ? el.name.text
          : undefined;
      if (ts.isIdentifier(el.name)) {
        if (init && prop && !el.dotDotDotToken) {
          m.set(el.name.text, { kind: 'value', node: syntheticAccess(init, prop) });
        } else m.set(el.name.text, { kind: 'unknown' });
      } else bindPattern(el.name, undefined, m);
    }
    return;
  }
  for (const el of name.elements) if (ts.isBindingElement(el)) bindPattern(el.name, undefined, m);
}

/** A property access node over `init` that `resolve` understands (`const { x } = init` -> `init.x`). */
function syntheticAccess(init: ts.Expression, prop: string): ts.Expression {
  const access = ts.factory.createPropertyAccessExpression(init, prop);
  // Give the synthetic node the initializer's range and parent so scope lookups start there.
  ts.setTextRange(access, init);
  (access as { parent?: ts.Node }).parent = init.parent;
  return access;
}

// ---------------------------------------------------------------------------
// Cross-file resolution for the project's own modules.

/** Relative or alias specifiers (`./lib/stripe`, `@/lib/prisma`, `~/server/db`) name project files. */
function isProjectModule(spec: string): boolean {
  return spec.startsWith('.') || spec.startsWith('@/') || spec.startsWith('~/') || spec.startsWith('#');
}

const EXTS = ['', '.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '/index.ts', '/index.tsx', '/index.js', '/index.mjs'];
const aliasRoots = new Map<string, string[]>();

/** Folders an alias like `@/x` may start from: the nearest folder with a tsconfig/jsconfig/package.json, and its src/. */
function aliasBases(fromFile: string): string[] {
  const dir = path.dirname(fromFile);
  const cached = aliasRoots.get(dir);
  if (cached) return cached;
  let cur = dir;
  let bases: string[] = [];
  for (let i = 0; i < 12; i++) {
    if (['tsconfig.json', 'jsconfig.json', 'package.json'].some((f) => fs.existsSync(path.join(cur, f)))) {
      bases = [cur, path.join(cur, 'src')];
      break;
    }
    const up = path.dirname(cur);
    if (up === cur) break;
    cur = up;
  }
  aliasRoots.set(dir, bases);
  return bases;
}

/** The project file a relative or `@/` / `~/` specifier names, from `fromFile` (null: a package, or not found). */
export const findModuleFile = memoModuleLookup((fromFile: string, spec: string): string | null => {
  if (!path.isAbsolute(fromFile)) return null;
  let bases: string[];
  let rest: string;
  if (spec.startsWith('.')) {
    bases = [path.dirname(fromFile)];
    rest = spec;
  } else if (spec.startsWith('@/') || spec.startsWith('~/')) {
    bases = aliasBases(fromFile);
    rest = spec.slice(2);
  } else return null;
  for (const base of bases) {
    const stem = path.resolve(base, rest);
    // `./stripe.js` in TS sources names `./stripe.ts`
    const stems = /\.(m|c)?js$/.test(stem) ? [stem, stem.replace(/\.(m|c)?js$/, '')] : [stem];
    for (const st of stems) {
      for (const ext of EXTS) if (isFile(st + ext)) return st + ext;
    }
  }
  return null;
});

// another module's parse is shared by every rule that resolves a name through it: timed as shared facts
const modules = new ModuleCache<JsBindings>((file, text) => sharedFacts(() => new JsBindings(parseJs(file, text)), 'modules'));

/** The file a project module specifier (`./routes/auth`, `@/lib/limit`) names, from `fromFile`. */
export function resolveProjectModule(fromFile: string, spec: string): string | null {
  return isProjectModule(spec) ? findModuleFile(fromFile, spec) : null;
}

/** The parsed source of a project module imported from `fromFile` (cached per file version), or null. */
export function projectModuleSource(fromFile: string, spec: string): ts.SourceFile | null {
  return isProjectModule(spec) ? (crossModule(fromFile, spec)?.sourceFile ?? null) : null;
}

/** Bindings of the module `spec` imported from `fromFile`, parsed once per file version. */
function crossModule(fromFile: string, spec: string): JsBindings | null {
  const file = findModuleFile(fromFile, spec);
  if (!file || file === fromFile) return null;
  return modules.get(file);
}

function defaultExportedFunction(sf: ts.SourceFile): ts.FunctionLikeDeclaration | string | undefined {
  for (const s of sf.statements) {
    if (ts.isFunctionDeclaration(s) && ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) return s;
    if (ts.isExportAssignment(s)) {
      const e = s.expression;
      if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return e;
      if (ts.isIdentifier(e)) return e.text;
    }
  }
  return undefined;
}
