/**
 * Codemod: turn a read-modify-write increment into a database-side one.
 *   obj.n += k            ->  obj.n = F("n") + k
 *   obj.save()            ->  obj.save(update_fields=["n", ...])   (when the function read obj itself
 *                                                                  and so knows every changed field)
 *   (obj used afterwards) ->  obj.refresh_from_db(fields=["n"])    (so it holds a number again, not an
 *                                                                  expression that a second save would
 *                                                                  apply twice)
 * `F` comes from an existing import (`F`, `models.F`) or `from django.db.models import F`, merged.
 */
import type { Node } from '../../server/src/lang/python/tree';
import type { Fix } from '../../server/src/engine/types';
import type { TextEdit } from '../../server/src/text/edits';
import type { PyBindings } from '../../server/src/lang/python/bindings';
import { detectEol } from '../../server/src/text/positions';
import { callArgs, indentAt, keywordArg, preferredQuote, stringValue } from '../../server/src/lang/python/ast';
import { ensureFromImport } from '../../server/src/lang/python/edits';

export interface IncrementSite {
  /** the augmented_assignment or assignment */
  stmt: Node;
  /** `obj.n` */
  target: Node;
  field: string;
  op: '+' | '-';
  /** the amount `k` */
  amount: Node;
  /** `0` of `(obj.n or 0) + k`: the value a NULL field counts as */
  fallback?: Node;
  /** the `obj.save(...)` call after it */
  save: Node;
  /** fields assigned on obj in this function before the save, when obj was read here (else null) */
  knownFields: string[] | null;
  /** obj is used after the save (or escapes the function) */
  usedAfter: boolean;
}

const SIMPLE = new Set(['identifier', 'integer', 'float', 'attribute', 'call', 'subscript', 'parenthesized_expression', 'string']);

/** The expression to write for `F`, plus the import edit it needs (null: no safe name). */
function fName(text: string, root: Node, bindings: PyBindings): { name: string; edit: TextEdit | null } | null {
  for (const [local, q] of bindings.imports) {
    if (q === 'django.db.models.F' || q === 'django.db.models.expressions.F') return { name: local, edit: null };
  }
  for (const [local, q] of bindings.imports) if (q === 'django.db.models') return { name: `${local}.F`, edit: null };
  if (bindings.imports.has('F')) return null;
  return { name: 'F', edit: ensureFromImport(text, root, 'django.db.models', 'F') };
}

/** The expression to write for `Coalesce`, plus the import edit it needs (null: no safe name). */
function coalesceName(text: string, root: Node, bindings: PyBindings): { name: string; edit: TextEdit | null } | null {
  for (const [local, q] of bindings.imports) {
    if (q === 'django.db.models.functions.Coalesce' || q === 'django.db.models.functions.comparison.Coalesce') return { name: local, edit: null };
  }
  for (const [local, q] of bindings.imports) if (q === 'django.db.models.functions') return { name: `${local}.Coalesce`, edit: null };
  if (bindings.imports.has('Coalesce')) return null;
  return { name: 'Coalesce', edit: ensureFromImport(text, root, 'django.db.models.functions', 'Coalesce') };
}

function listLiteralFields(list: Node): string[] | null {
  if (list.type !== 'list' && list.type !== 'tuple') return null;
  const out: string[] = [];
  for (const c of list.namedChildren) {
    const v = stringValue(c);
    if (v === null) return null;
    out.push(v);
  }
  return out;
}

/** Adds `"field"` to a list literal `[...]` / `(...,)` unless present. */
function extendList(text: string, list: Node, field: string, q: string): TextEdit | null {
  const fields = listLiteralFields(list);
  if (!fields || fields.includes(field)) return null;
  const items = list.namedChildren.filter((c): c is Node => !!c);
  const closeAt = list.endIndex - 1;
  if (!items.length) return { start: list.startIndex + 1, end: closeAt, newText: `${q}${field}${q}` };
  const last = items[items.length - 1];
  const between = text.slice(last.endIndex, closeAt);
  if (between.includes(',')) {
    const at = last.endIndex + between.indexOf(',') + 1;
    return { start: at, end: at, newText: ` ${q}${field}${q}${list.type === 'tuple' && items.length === 1 ? '' : ''}` };
  }
  return { start: last.endIndex, end: last.endIndex, newText: `, ${q}${field}${q}` };
}

export function incrementFix(text: string, root: Node, site: IncrementSite, bindings: PyBindings): Fix | null {
  const f = fName(text, root, bindings);
  if (!f) return null;
  const q = preferredQuote(text);
  const amount = SIMPLE.has(site.amount.type) ? site.amount.text : `(${site.amount.text})`;
  // `(obj.n or 0) + k` -> `Coalesce(F("n"), 0) + k`: F on a NULL column is NULL, and NULL + k stays NULL
  const c = site.fallback ? coalesceName(text, root, bindings) : null;
  if (site.fallback && !c) return null;
  const column = `${f.name}(${q}${site.field}${q})`;
  const read = c && site.fallback ? `${c.name}(${column}, ${site.fallback.text})` : column;
  const edits: TextEdit[] = [{ start: site.stmt.startIndex, end: site.stmt.endIndex, newText: `${site.target.text} = ${read} ${site.op} ${amount}` }];
  if (f.edit) edits.push(f.edit);
  if (c?.edit) edits.push(c.edit);
  // save(update_fields=[...])
  const existing = keywordArg(site.save, 'update_fields');
  if (existing) {
    const e = extendList(text, existing, site.field, q);
    if (!listLiteralFields(existing)) return null;
    if (e) edits.push(e);
  } else if (site.knownFields && !callArgs(site.save).length) {
    const fields = [...new Set([...site.knownFields, site.field])];
    const args = site.save.childForFieldName('arguments')!;
    edits.push({ start: args.startIndex + 1, end: args.endIndex - 1, newText: `update_fields=[${fields.map((x) => `${q}${x}${q}`).join(', ')}]` });
  }
  // refresh_from_db(fields=[...]) after the save statement
  if (site.usedAfter) {
    const saveStmt = site.save.parent;
    if (saveStmt?.type !== 'expression_statement') return null;
    const obj = site.target.childForFieldName('object')!.text;
    const next = saveStmt.nextNamedSibling;
    const nextCall = next?.type === 'expression_statement' ? next.namedChildren[0] : null;
    const nextFn = nextCall?.type === 'call' ? nextCall.childForFieldName('function') : null;
    if (nextCall && nextFn?.text === `${obj}.refresh_from_db`) {
      const fieldsArg = keywordArg(nextCall, 'fields');
      if (fieldsArg) {
        if (!listLiteralFields(fieldsArg)) return null;
        const e = extendList(text, fieldsArg, site.field, q);
        if (e) edits.push(e);
      }
    } else {
      const indent = indentAt(text, saveStmt.startIndex);
      edits.push({ start: saveStmt.endIndex, end: saveStmt.endIndex, newText: `${detectEol(text)}${indent}${obj}.refresh_from_db(fields=[${q}${site.field}${q}])` });
    }
  }
  return {
    title: site.fallback
      ? `Increment \`${site.field}\` in the database with \`Coalesce(F("${site.field}"), ${site.fallback.text})\``
      : `Increment \`${site.field}\` in the database with \`F("${site.field}")\``,
    applicability: 'unsafe',
    edits,
  };
}
