/** Small, shared helpers over tree-sitter-python nodes. */
import type { Node } from './tree';

export function callArgs(call: Node): Node[] {
  const args = call.childForFieldName('arguments');
  if (!args || args.type !== 'argument_list') return [];
  return args.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment');
}

/** The value of keyword argument `name=` of a call, if present. */
export function keywordArg(call: Node, name: string): Node | null {
  for (const a of callArgs(call)) {
    if (a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name) {
      return a.childForFieldName('value');
    }
  }
  return null;
}

export function positionalArgs(call: Node): Node[] {
  return callArgs(call).filter(
    (a) => a.type !== 'keyword_argument' && a.type !== 'dictionary_splat' && a.type !== 'list_splat',
  );
}

/** `**kwargs` present: any keyword may be inside it. */
export function hasKwargsSplat(call: Node): boolean {
  return callArgs(call).some((a) => a.type === 'dictionary_splat');
}

/** Enclosing simple or compound statement of a node (for suppressions and insertions). */
export function statementOf(node: Node): Node {
  let cur: Node = node;
  while (cur.parent) {
    const p = cur.parent;
    if (p.type === 'block' || p.type === 'module') return cur;
    cur = p;
  }
  return cur;
}

export function isInside(node: Node, ancestor: Node): boolean {
  return node.startIndex >= ancestor.startIndex && node.endIndex <= ancestor.endIndex;
}

/** Ancestors up to (not including) the module, nearest first. */
export function* ancestors(node: Node): Generator<Node> {
  let cur = node.parent;
  while (cur) {
    yield cur;
    cur = cur.parent;
  }
}

/** Names bound by a function's (or lambda's) parameter list, in order, `self`/`cls` included. */
export function parameterNames(fn: Node): string[] {
  const out: string[] = [];
  for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    const id = p.type === 'identifier' ? p : (p.childForFieldName('name') ?? p.namedChildren.find((c) => c.type === 'identifier'));
    if (id?.type === 'identifier') out.push(id.text);
  }
  return out;
}

/** The string value of a plain string literal (no f-string interpolation), else null. */
export function stringValue(node: Node | null | undefined): string | null {
  if (!node || node.type !== 'string') return null;
  if (node.namedChildren.some((c) => c?.type === 'interpolation')) return null;
  const content = node.namedChildren.filter((c) => c?.type === 'string_content').map((c) => c!.text);
  return content.join('');
}

/** Leading whitespace of the line an offset sits on. */
export function indentAt(text: string, offset: number): string {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  let end = start;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(start, end);
}

/** The indentation unit the file uses (4 spaces unless the file shows otherwise). */
export function indentUnit(text: string): string {
  const m = /\n([ \t]+)\S/.exec(text);
  if (!m) return '    ';
  if (m[1].startsWith('\t')) return '\t';
  return m[1].length >= 2 && m[1].length <= 8 ? m[1] : '    ';
}

/** The quote character the file prefers for new string literals. */
export function preferredQuote(text: string): '"' | "'" {
  let single = 0;
  let double = 0;
  for (const m of text.matchAll(/(^|[=(,\s\[{:])([rbfu]?)(['"])/gm)) {
    if (m[3] === "'") single++;
    else double++;
  }
  return single > double ? "'" : '"';
}

/** All named nodes under `n`, `n` first (nested functions included). */
export function* descendants(n: Node): Generator<Node> {
  const stack: Node[] = [n];
  while (stack.length) {
    const c = stack.pop()!;
    yield c;
    for (let i = c.namedChildCount - 1; i >= 0; i--) {
      const k = c.namedChild(i);
      if (k) stack.push(k);
    }
  }
}

/** Top-level (or class-level) function definitions of a module by name, for helper lookups. */
export function localFunctions(root: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    for (const c of n.namedChildren) {
      if (!c) continue;
      if (c.type === 'function_definition') {
        const name = c.childForFieldName('name')?.text;
        if (name && !out.has(name)) out.set(name, c);
      } else if (c.type === 'decorated_definition' || c.type === 'class_definition' || c.type === 'block') stack.push(c);
    }
  }
  return out;
}
