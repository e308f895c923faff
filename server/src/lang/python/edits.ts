/**
 * Edit builders over tree-sitter-python trees: the pieces Python codemods
 * compose. Each returns minimal TextEdits that keep the file's indentation,
 * quotes and line endings.
 */
import type { Node } from './tree';
import type { TextEdit } from '../../engine/types';
import { detectEol } from '../../engine/positions';
import { callArgs, indentAt } from './ast';

/**
 * Appends an argument (`timeout=10`) to a call, in the call's own layout:
 * `f(a)` -> `f(a, timeout=10)`; a multi-line call with one argument per line
 * and a trailing comma gets a new line with the same indentation.
 */
export function appendArgument(text: string, call: Node, argText: string): TextEdit {
  const args = call.childForFieldName('arguments');
  if (!args) throw new Error('call without argument list');
  const list = callArgs(call);
  const closeParen = args.endIndex - 1; // position of ')'
  if (!list.length) {
    // `f()` or `f(\n)`
    const inner = text.slice(args.startIndex + 1, closeParen);
    if (inner.trim() === '') return { start: args.startIndex + 1, end: closeParen, newText: argText };
    return { start: closeParen, end: closeParen, newText: argText };
  }
  const last = list[list.length - 1];
  const between = text.slice(last.endIndex, closeParen);
  const trailingComma = between.includes(',');
  const multiline = /[\r\n]/.test(text.slice(args.startIndex, closeParen)) && /[\r\n]/.test(between + text.slice(list[0].startIndex - 1, list[0].startIndex));
  const firstOnOwnLine = /[\r\n][ \t]*$/.test(text.slice(args.startIndex, list[0].startIndex));
  if (firstOnOwnLine || (multiline && trailingComma)) {
    const eol = detectEol(text);
    const indent = indentAt(text, last.startIndex);
    const commaAt = trailingComma ? last.endIndex + between.indexOf(',') + 1 : last.endIndex;
    return { start: commaAt, end: commaAt, newText: `${trailingComma ? '' : ','}${eol}${indent}${argText}${trailingComma ? ',' : ''}` };
  }
  if (trailingComma) {
    const commaAt = last.endIndex + between.indexOf(',') + 1;
    return { start: commaAt, end: commaAt, newText: ` ${argText}` };
  }
  return { start: last.endIndex, end: last.endIndex, newText: `, ${argText}` };
}

/**
 * The module's header: its import statements (up to the first other statement;
 * a docstring and comments may stand before them) and where a new import line goes.
 */
function importHeader(root: Node): { imports: Node[]; insertAfter: number } {
  const imports: Node[] = [];
  let docstringEnd = 0;
  for (const stmt of root.namedChildren) {
    if (stmt.type === 'import_statement' || stmt.type === 'import_from_statement' || stmt.type === 'future_import_statement') {
      imports.push(stmt);
      continue;
    }
    if (stmt.type === 'expression_statement' && stmt.namedChildren[0]?.type === 'string' && !imports.length && docstringEnd === 0) {
      docstringEnd = stmt.endIndex;
      continue;
    }
    if (stmt.type === 'comment') continue;
    break;
  }
  const last = imports[imports.length - 1];
  return { imports, insertAfter: last ? last.endIndex : docstringEnd };
}

/**
 * Makes `from <module> import <name>` available: nothing when already imported,
 * merged into an existing `from <module> import ...` when there is one, else a
 * new line after the last top-level import (or at the top, after a docstring
 * and `from __future__` imports).
 */
export function ensureFromImport(text: string, root: Node, module: string, name: string): TextEdit | null {
  const header = importHeader(root);
  for (const stmt of header.imports) {
    if (stmt.type !== 'import_from_statement' || stmt.childForFieldName('module_name')?.text !== module) continue;
    const names = stmt.childrenForFieldName('name');
    if (names.some((n) => n.text === name || (n.type === 'aliased_import' && n.childForFieldName('alias')?.text === name))) return null;
    if (stmt.namedChildren.some((c) => c.type === 'wildcard_import')) return null;
    const lastName = names[names.length - 1];
    if (!lastName) continue;
    const after = text.slice(lastName.endIndex, stmt.endIndex);
    const parenMulti = after.includes(')') && /[\r\n]/.test(text.slice(stmt.startIndex, stmt.endIndex));
    if (parenMulti) {
      const indent = indentAt(text, lastName.startIndex);
      const comma = after.indexOf(',');
      const trailingComma = comma >= 0 && comma < after.indexOf(')');
      const at = trailingComma ? lastName.endIndex + comma + 1 : lastName.endIndex;
      return { start: at, end: at, newText: `${trailingComma ? '' : ','}${detectEol(text)}${indent}${name}${trailingComma ? ',' : ''}` };
    }
    return { start: lastName.endIndex, end: lastName.endIndex, newText: `, ${name}` };
  }
  return insertTopLevelLine(text, header.insertAfter, `from ${module} import ${name}`);
}

/** Makes `import <module>` available (nothing when the module is already imported under its own name). */
export function ensureImport(text: string, root: Node, module: string): TextEdit | null {
  const header = importHeader(root);
  for (const stmt of header.imports) {
    if (stmt.type !== 'import_statement') continue;
    if (stmt.childrenForFieldName('name').some((n) => n.type === 'dotted_name' && n.text === module)) return null;
  }
  return insertTopLevelLine(text, header.insertAfter, `import ${module}`);
}

function insertTopLevelLine(text: string, afterOffset: number, line: string): TextEdit {
  const eol = detectEol(text);
  if (afterOffset === 0) return { start: 0, end: 0, newText: `${line}${eol}` };
  return { start: afterOffset, end: afterOffset, newText: `${eol}${line}` };
}
