/**
 * Codemod: random jitter on an exponential Celery retry countdown.
 *
 *   raise self.retry(exc=exc, countdown=2 ** self.request.retries)
 *   -> raise self.retry(exc=exc, countdown=2 ** self.request.retries * random.uniform(1, 1.5))
 *   delay = 60 * 2 ** self.request.retries + 5
 *   -> delay = (60 * 2 ** self.request.retries + 5) * random.uniform(1, 1.5)
 *
 * The backoff is stretched by up to half of itself, never shortened, so no retry comes
 * sooner than before and retries of tasks that failed together spread out. `import random`
 * is added in the file's style (`from random import uniform` is reused when present).
 */
import type { Node } from '../../server/src/lang/python/tree';
import type { Fix, PyContext } from '../../server/src/engine/types';
import type { TextEdit } from '../../server/src/text/edits';
import { ensureImport } from '../../server/src/lang/python/edits';
import { pythonLineLimit } from '../../server/src/lang/python/style';
import { detectEol } from '../../server/src/text/positions';

/** Expressions that need no parentheses before `* x`. */
const TIGHT = new Set(['identifier', 'attribute', 'call', 'parenthesized_expression', 'integer', 'float', 'subscript']);

export function jitterFix(ctx: PyContext, expr: Node): Fix | null {
  const text = ctx.file.text;
  const edits: TextEdit[] = [];
  let uniform = 'random.uniform';
  const imported = ctx.bindings.imports.get('uniform');
  if (imported === 'random.uniform') uniform = 'uniform';
  else {
    const mod = [...ctx.bindings.imports].find(([, q]) => q === 'random');
    if (mod) uniform = `${mod[0]}.uniform`;
    else {
      const imp = ensureImport(text, ctx.root, 'random');
      if (imp) edits.push(imp);
    }
  }
  // `2 ** n` binds tighter than `*`: no parentheses needed; `a + b`, `a - b`, `a << b` need them
  const needsParens = !TIGHT.has(expr.type) && !(expr.type === 'binary_operator' && /^(\*\*|\*)$/.test(expr.childForFieldName('operator')?.text ?? ''));
  const suffix = `${needsParens ? ')' : ''} * ${uniform}(1, 1.5)`;
  // the operands black puts one per line when the expression does not fit on its own line
  const operands = needsParens ? [{ op: '', text: `(${expr.text})` }] : productOperands(expr);
  operands.push({ op: '*', text: `${uniform}(1, 1.5)` });
  const wrapped = wrapLongAssignment(text, expr, pythonLineLimit(ctx.file.path, text), `${needsParens ? '(' : ''}${expr.text}${suffix}`, operands);
  if (wrapped) edits.push(wrapped);
  else {
    if (needsParens) edits.push({ start: expr.startIndex, end: expr.startIndex, newText: '(' });
    edits.push({ start: expr.endIndex, end: expr.endIndex, newText: suffix });
  }
  return { title: `Add random jitter to the countdown (\`* ${uniform}(1, 1.5)\`)`, applicability: 'safe', edits };
}

/**
 * `countdown = <expr>` on one line that the jitter would push past the file's line limit:
 * the right side goes in parentheses on its own line, as black and ruff format it.
 */
function wrapLongAssignment(text: string, expr: Node, limit: number, newExpr: string, operands: Array<{ op: string; text: string }>): TextEdit | null {
  const assign = expr.parent;
  if (assign?.type !== 'assignment' || assign.childForFieldName('right')?.id !== expr.id || assign.parent?.type !== 'expression_statement') return null;
  const lineStart = text.lastIndexOf('\n', assign.startIndex - 1) + 1;
  let lineEnd = text.indexOf('\n', expr.endIndex);
  if (lineEnd < 0) lineEnd = text.length;
  if (text.slice(lineStart, lineEnd).replace(/\r$/, '').includes('\n') || text.slice(assign.startIndex, expr.endIndex).includes('\n')) return null;
  const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
  // after the expression only a comment may follow: formatters leave a long comment alone
  if (expr.endIndex - lineStart + newExpr.length - expr.text.length <= limit) return null;
  const indent = /^[ \t]*/.exec(line)![0];
  const inner = `${indent}    ${newExpr}`;
  const eol = detectEol(text);
  if (inner.length <= limit) return { start: expr.startIndex, end: expr.endIndex, newText: `(${eol}${inner}${eol}${indent})` };
  // still too long: one operand per line, the operator first (black's delimiter split)
  if (operands.some((o) => o.text.includes('\n') || `${indent}    ${o.op ? `${o.op} ` : ''}${o.text}`.length > limit)) return null;
  const lines = operands.map((o) => `${indent}    ${o.op ? `${o.op} ` : ''}${o.text}`);
  return { start: expr.startIndex, end: expr.endIndex, newText: `(${eol}${lines.join(eol)}${eol}${indent})` };
}

/** `a * (b) / c` -> its operands with the operator before each (`a`, `* (b)`, `/ c`); any other expression is one operand. */
function productOperands(expr: Node): Array<{ op: string; text: string }> {
  const op = expr.type === 'binary_operator' ? (expr.childForFieldName('operator')?.text ?? '') : '';
  if (!/^(\*|\/|\/\/|%|@)$/.test(op)) return [{ op: '', text: expr.text }];
  const left = productOperands(expr.childForFieldName('left')!);
  return [...left, { op, text: expr.childForFieldName('right')!.text }];
}
