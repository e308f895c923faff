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
import { ts } from 'ts-morph';

type Binding =
  | { kind: 'value'; node: ts.Expression }
  | { kind: 'qname'; qname: string }
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

  private resolveBinding(b: Binding): string | null {
    switch (b.kind) {
      case 'qname':
        return b.qname;
      case 'value':
        return this.resolve(b.node);
      case 'typed': {
        // `stripe: Stripe` -> an instance of whatever `Stripe` names
        const t = b.type;
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
      if (clause.name) m.set(clause.name.text, { kind: 'qname', qname: mod });
      const nb = clause.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) m.set(nb.name.text, { kind: 'qname', qname: mod });
      if (nb && ts.isNamedImports(nb)) {
        for (const el of nb.elements) {
          const imported = (el.propertyName ?? el.name).text;
          // `import { default as Stripe }` and `import { Stripe }` from "stripe" both name the client class
          m.set(el.name.text, { kind: 'qname', qname: imported === 'default' ? mod : `${mod}.${imported}` });
        }
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
      m.set(s.name.text, { kind: 'unknown' });
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
