/**
 * Codemods for a Django read-check-write race.
 *
 * Lock (`lockRowFix`): `.select_for_update()` goes into the read (after the
 * manager, or `get_object_or_404(Model.objects.select_for_update(), ...)`) and
 * only the region that needs it runs in a transaction: the smallest run of
 * sibling statements holding the read, every read the check depends on, the
 * check and the write.
 *  - When that region is the function's work (what is left outside is
 *    arithmetic, responses, ORM calls, logging), the function becomes atomic:
 *    `@transaction.atomic` directly above the `def`.
 *  - Otherwise (OCR, archives, loops, HTTP calls, `close_old_connections()`
 *    outside the region) the region is wrapped in `with transaction.atomic():`,
 *    re-indented, so the row lock is held for the region only.
 *  - Side effects inside the transaction (HTTP, Stripe, e-mail, publishing,
 *    Celery `.delay()`, file moves) become `transaction.on_commit(lambda: ...)`
 *    so they run after the commit and never for a rolled-back change. When one
 *    cannot move (its result is used, it runs in a loop, a name it uses is
 *    rebound later), no lock fix is offered and the finding says why.
 *  - Connection management (`close_old_connections()`, `connection.close()`)
 *    inside the region: no fix (every later query of the transaction would fail).
 *
 * Conditional update (`conditionalUpdateFix`): when the check compares one
 * field with a value and the write moves that field by an amount
 * (`if w.balance < amount: raise ...; w.balance -= amount; w.save()`), the
 * check and the write become one UPDATE that the database checks:
 * `updated = Wallet.objects.filter(pk=w.pk, balance__gte=amount).update(balance=F("balance") - amount)`
 * then `if not updated:` + the original failure branch. It holds no lock.
 */
import type { Node } from '../../server/src/lang/python/tree';
import type { Fix } from '../../server/src/engine/types';
import type { TextEdit } from '../../server/src/text/edits';
import type { PyBindings } from '../../server/src/lang/python/bindings';
import { detectEol } from '../../server/src/text/positions';
import { callArgs, indentAt, indentUnit, keywordArg, preferredQuote, stringValue } from '../../server/src/lang/python/ast';
import { ensureFromImport } from '../../server/src/lang/python/edits';
import { addSelectForUpdateEdit, descendantsNoNested, importedBefore, inAtomic, makeAtomicEdits, ormChain, type RowRead } from '../../server/src/lang/python/django';

export interface RaceSite {
  fn: Node;
  read: RowRead;
  /** the row's local name */
  name: string;
  /** the statement binding the row (assignment or `for`) */
  bind: Node;
  check: Node;
  /** the write call (`row.save()`, `.update(...)`) */
  write: Node;
  /** other statements the check depends on (reads of other rows / counts before the read) */
  deps: Node[];
  /** the edit that locks the read, when it is not `select_for_update()` in the read's chain (a related row re-read) */
  lockEdit?: TextEdit;
}

export interface LockFixResult {
  fix: Fix | null;
  /** why no fix, when there is none and the reason is worth telling */
  why?: string;
}

const CONNECTION_MANAGEMENT = /(^|\.)(close_old_connections|close_if_unusable_or_obsolete)$|(^|\.)connections?(\[.*\])?\.close$/;
const SHORT_CALL = /^(int|str|float|bool|len|list|dict|set|tuple|min|max|abs|round|sum|sorted|isinstance|getattr|hasattr|print|repr|format|Decimal|JsonResponse|HttpResponse\w*|Response|render|redirect|reverse|get_object_or_404|_|gettext\w*|ngettext|now)$/;

/** A statement of a block: climbs from `n` to the child of `block`. */
function childOf(block: Node, n: Node): Node | null {
  let cur: Node | null = n;
  while (cur && cur.parent?.id !== block.id) cur = cur.parent;
  return cur;
}

export function blockStatements(block: Node): Node[] {
  return block.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
}

/** The smallest block holding every node, and the run of its statements from the first to the last. */
export function regionOf(fn: Node, nodes: Node[]): { block: Node; stmts: Node[] } | null {
  const body = fn.childForFieldName('body');
  if (!body || !nodes.length) return null;
  const first = nodes.reduce((a, b) => (b.startIndex < a.startIndex ? b : a));
  for (let cur: Node | null = first.parent; cur; cur = cur.parent) {
    if (cur.type !== 'block') {
      if (cur.id === fn.id) return null;
      continue;
    }
    if (!nodes.every((n) => n.startIndex >= cur!.startIndex && n.endIndex <= cur!.endIndex)) {
      if (cur.id === body.id) return null;
      continue;
    }
    const stmts = blockStatements(cur);
    const idx = nodes.map((n) => stmts.findIndex((s) => s.id === childOf(cur!, n)?.id));
    if (idx.some((i) => i < 0)) return null;
    return { block: cur, stmts: stmts.slice(Math.min(...idx), Math.max(...idx) + 1) };
  }
  return null;
}

/** Calls that do something besides the database: the transaction must not wait for them, nor run them before its commit. */
export function sideEffectKind(call: Node, bindings: PyBindings): string | null {
  const f = call.childForFieldName('function');
  if (!f) return null;
  const q = bindings.resolve(f) ?? '';
  if (/^(requests|httpx|urllib\.request|aiohttp)\./.test(q)) return 'HTTP call';
  if (/^stripe\./.test(q)) return 'Stripe call';
  if (/^(django\.core\.mail|smtplib)\./.test(q) || /(^|\.)(send_mail|send_mass_mail|mail_admins|send_email)$/.test(f.text)) return 'e-mail';
  if (/^(shutil|os)\.(move|copy\w*|remove|unlink|rename|replace|rmtree)$/.test(q)) return 'file operation';
  if (f.type !== 'attribute') return null;
  const method = f.childForFieldName('attribute')?.text ?? '';
  if (method === 'delay' || method === 'apply_async' || method === 'send_task') return 'Celery task';
  if (/^(publish|notify|send_notification|send_webhook|trigger_webhooks?)$/.test(method)) return 'publish';
  if (/^(upload_file|upload_fileobj|put_object|delete_object|copy_object)$/.test(method)) return 'S3 upload';
  const obj = f.childForFieldName('object')?.text ?? '';
  if (/^(requests|httpx|session|http|client)$/.test(obj) && /^(get|post|put|patch|delete|request)$/.test(method)) return 'HTTP call';
  return null;
}

/** A statement that is no long work: no loop, `with`, `try`, nor a call other than ORM, arithmetic, responses and logging. */
export function isShort(stmt: Node, rowNames: Set<string>, fn: Node, bindings: PyBindings): boolean {
  if (stmt.type === 'expression_statement' && stmt.namedChildren[0]?.type === 'string') return true; // docstring
  if (['for_statement', 'while_statement', 'with_statement', 'try_statement'].includes(stmt.type)) return false;
  for (const c of [stmt, ...stmt.descendantsOfType('call')]) {
    if (!c || c.type !== 'call') continue;
    if (sideEffectKind(c, bindings)) return false;
    const f = c.childForFieldName('function');
    if (!f) return false;
    const last = f.type === 'attribute' ? (f.childForFieldName('attribute')?.text ?? '') : f.text;
    const obj = f.type === 'attribute' ? (f.childForFieldName('object')?.text ?? '') : '';
    if (SHORT_CALL.test(last) || /(Error|Exception)$/.test(last)) continue;
    if (/^(log|logger|logging|_?log\w*)$/.test(obj)) continue;
    if (rowNames.has(obj) && /^(save|refresh_from_db|full_clean|clean)$/.test(last)) continue;
    if (ormChain(c, fn)) continue;
    if (/(^|\.)(objects|_default_manager)\./.test(f.text)) continue;
    return false;
  }
  return true;
}

/** The local name of `django.db.transaction` (and the import to add), or null when `transaction` means something else. */
export function transactionName(text: string, root: Node, at: number, bindings: PyBindings): { name: string; edit: TextEdit | null } | null {
  const local = importedBefore(root, at, 'django.db', 'transaction');
  if (local) return { name: local, edit: null };
  const q = bindings.imports.get('transaction');
  if (q && q !== 'django.db.transaction') return null;
  if (q) return { name: 'transaction', edit: null };
  return { name: 'transaction', edit: ensureFromImport(text, root, 'django.db', 'transaction') };
}

/** Names (re)bound by a statement list: assignment targets, loop variables, `as` names. */
function boundIn(nodes: Node[]): Set<string> {
  const out = new Set<string>();
  for (const n of nodes) {
    for (const a of [n, ...n.descendantsOfType(['assignment', 'augmented_assignment', 'for_statement', 'as_pattern_target'])]) {
      if (!a) continue;
      const left = a.type === 'as_pattern_target' ? a : a.childForFieldName('left');
      if (!left) continue;
      if (left.type === 'identifier') out.add(left.text);
      else if (left.type !== 'attribute' && left.type !== 'subscript') for (const id of left.descendantsOfType('identifier')) if (id) out.add(id.text);
    }
  }
  return out;
}

/**
 * `transaction.on_commit(lambda: <call>)` edits for the side effects inside a
 * transaction's statements, or the reason one cannot move.
 */
export function deferSideEffects(stmts: Node[], fnBody: Node, txName: string, bindings: PyBindings): { edits: TextEdit[]; why?: string } {
  const edits: TextEdit[] = [];
  for (const stmt of stmts) {
    for (const call of [stmt, ...descendantsNoNested(stmt, (n) => n.type === 'call')]) {
      if (call.type !== 'call') continue;
      const kind = sideEffectKind(call, bindings);
      if (!kind) continue;
      const what = `the ${kind} \`${oneLine(call.text)}\``;
      if (call.parent?.type === 'await') return { edits: [], why: `${what} is awaited` };
      const st = call.parent;
      if (st?.type !== 'expression_statement' || st.namedChildren.length !== 1) return { edits: [], why: `${what} returns a value the code uses, so it cannot wait for the commit` };
      for (let cur: Node | null = st.parent; cur && cur.id !== fnBody.id; cur = cur.parent) {
        if (cur.type === 'for_statement' || cur.type === 'while_statement') return { edits: [], why: `${what} runs in a loop` };
      }
      // the lambda reads its names when the transaction commits: none may be rebound after the call
      const used = new Set(call.descendantsOfType('identifier').map((i) => i?.text ?? ''));
      const later = blockStatementsAfter(fnBody, st);
      if ([...boundIn(later)].some((n) => used.has(n))) return { edits: [], why: `${what} uses a name that is rebound after it` };
      edits.push({ start: call.startIndex, end: call.endIndex, newText: `${txName}.on_commit(lambda: ${call.text})` });
    }
  }
  return { edits };
}

/** Every statement of the function that starts after `st` ends (any depth). */
function blockStatementsAfter(fnBody: Node, st: Node): Node[] {
  return descendantsNoNested(fnBody, (n) => n.startIndex >= st.endIndex && (n.parent?.type === 'block'));
}

function oneLine(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 50 ? `${t.slice(0, 47)}...` : t;
}

/** Re-indents a region one level deeper under `with <tx>.atomic():`; null when a multi-line string would change. */
export function wrapInWith(text: string, stmts: Node[], txName: string, inner: TextEdit[]): TextEdit | null {
  const first = stmts[0];
  const last = stmts[stmts.length - 1];
  for (const s of stmts) {
    for (const str of [s, ...s.descendantsOfType('string')]) {
      if (str?.type === 'string' && /[\r\n]/.test(str.text)) return null;
    }
  }
  let lineStart = first.startIndex;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  if (text.slice(lineStart, first.startIndex).trim() !== '') return null;
  const indent = indentAt(text, first.startIndex);
  const unit = indentUnit(text);
  const eol = detectEol(text);
  // the inner edits (lock, on_commit) apply to the region's text first
  let region = text.slice(lineStart, last.endIndex);
  for (const e of [...inner].sort((a, b) => b.start - a.start)) {
    if (e.start < lineStart || e.end > last.endIndex) return null;
    region = region.slice(0, e.start - lineStart) + e.newText + region.slice(e.end - lineStart);
  }
  const body = region
    .split(/(\r?\n)/)
    .map((part) => (part === '\n' || part === '\r\n' || part.trim() === '' ? part : unit + part))
    .join('');
  return { start: lineStart, end: last.endIndex, newText: `${indent}with ${txName}.atomic():${eol}${body}` };
}

export function lockRowFix(text: string, root: Node, site: RaceSite, bindings: PyBindings): LockFixResult {
  const { fn, read } = site;
  const sfu = site.lockEdit ?? addSelectForUpdateEdit(read);
  if (!sfu) return { fix: null };
  const body = fn.childForFieldName('body');
  if (!body) return { fix: null };
  const fnName = fn.childForFieldName('name')?.text ?? 'the function';
  if (inAtomic(read.call, bindings)) return { fix: { title: 'Lock the row with `select_for_update()`', applicability: 'unsafe', edits: [sfu] } };
  if (fn.children.some((c) => c?.type === 'async')) return { fix: null }; // Django's atomic does not support coroutines
  if (descendantsNoNested(body, (n) => n.type === 'yield').length) return { fix: null };
  const region = regionOf(fn, [site.bind, site.check, site.write, ...site.deps]);
  if (!region) return { fix: null };
  for (const s of region.stmts) {
    for (const c of [s, ...s.descendantsOfType('call')]) {
      if (c?.type === 'call' && CONNECTION_MANAGEMENT.test(c.childForFieldName('function')?.text ?? '')) {
        return { fix: null, why: `\`${oneLine(c.text)}\` inside the region would close the transaction's connection` };
      }
    }
  }
  const depLocks: TextEdit[] = [];
  for (const dep of site.deps) {
    const lock = lockDependency(dep, fn);
    if (typeof lock === 'string') return { fix: null, why: lock };
    if (lock.newText || lock.end > lock.start) depLocks.push(lock);
  }
  const tx = transactionName(text, root, (fn.parent?.type === 'decorated_definition' ? fn.parent : fn).startIndex, bindings);
  if (!tx) return { fix: null };
  const rowNames = new Set([site.name]);
  const outside = blockStatements(body).filter((s) => !region.stmts.some((r) => r.id === s.id));
  const wholeBody = region.block.id === body.id && outside.every((s) => isShort(s, rowNames, fn, bindings));
  const imports: TextEdit[] = tx.edit ? [tx.edit] : [];
  if (wholeBody) {
    const atomic = makeAtomicEdits(text, root, fn, bindings);
    if (!atomic) return { fix: null };
    const deferred = deferSideEffects(blockStatements(body), body, tx.name, bindings);
    if (deferred.why) return { fix: null, why: `${deferred.why} (a lock fix would run it inside the transaction)` };
    // makeAtomicEdits may add the same import; keep one
    const edits = [...depLocks, sfu, ...deferred.edits, ...atomic];
    if (tx.edit && !atomic.some((e) => e.start === tx.edit!.start && e.newText === tx.edit!.newText) && deferred.edits.length) edits.push(tx.edit);
    return {
      fix: {
        title: `Lock the row with \`select_for_update()\` and make \`${fnName}\` atomic${deferred.edits.length ? ', side effects after the commit' : ''}`,
        applicability: 'unsafe',
        edits,
      },
    };
  }
  const deferred = deferSideEffects(region.stmts, body, tx.name, bindings);
  if (deferred.why) return { fix: null, why: `${deferred.why} (a lock fix would run it inside the transaction)` };
  const wrap = wrapInWith(text, region.stmts, tx.name, [...depLocks, sfu, ...deferred.edits].filter((e) => e.start >= region.stmts[0].startIndex));
  if (!wrap) return { fix: null };
  // the lock may sit in a queryset local assigned before the region (`qs = M.objects.filter(...)`)
  const outer = sfu.start < region.stmts[0].startIndex ? [sfu] : [];
  return {
    fix: {
      title: `Lock the row with \`select_for_update()\` in a \`with ${tx.name}.atomic():\` block around the read, check and write${deferred.edits.length ? ', side effects after the commit' : ''}`,
      applicability: 'unsafe',
      edits: [...outer, wrap, ...imports],
    },
  };
}

/**
 * The lock for a read the check depends on: the rows a count counts are
 * locked by reading them (`len(M.objects.select_for_update().filter(...))`,
 * PostgreSQL refuses `FOR UPDATE` with an aggregate), rows and `exists()` by
 * `select_for_update()`; a message when neither fits.
 */
function lockDependency(dep: Node, fn: Node): TextEdit | string {
  const right = dep.childForFieldName('right');
  const name = dep.childForFieldName('left')?.text ?? '';
  const chain = right?.type === 'call' ? ormChain(right, fn) : null;
  if (!right || !chain || chain.via.length) return `the check also depends on \`${name}\`, which no row lock here protects`;
  const last = chain.links[chain.links.length - 1];
  if (chain.links.some((l) => l.method === 'select_for_update')) return { start: right.startIndex, end: right.startIndex, newText: '' };
  const at = chain.manager.endIndex;
  if (last?.method === 'count' && last.call.id === right.id && callArgs(right).length === 0) {
    const qs = last.attr.childForFieldName('object')!;
    const inner = withInsert(qs, at, '.select_for_update()');
    return { start: right.startIndex, end: right.endIndex, newText: `len(${inner})` };
  }
  if (last && /^(exists|get|first|last|filter)$/.test(last.method)) return { start: at, end: at, newText: '.select_for_update()' };
  return `the check also depends on \`${name}\` (\`${oneLine(right.text)}\`), which a row lock cannot cover`;
}

/** A node's text with `insert` placed at offset `at` inside it. */
function withInsert(n: Node, at: number, insert: string): string {
  return n.text.slice(0, at - n.startIndex) + insert + n.text.slice(at - n.startIndex);
}

const NEGATE: Record<string, string> = { '<': 'gte', '<=': 'gt', '>': 'lte', '>=': 'lt' };
const FLIP: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/**
 * `if row.f OP v: <fail>` then `row.f -= k` (or `+=`, `row.f = row.f - k`) and
 * `row.save(...)`, nothing else between: the check and the write as one
 * conditional UPDATE. Null when the shape differs or the row's field is read
 * again after the save (it would hold the old value).
 */
export function conditionalUpdateFix(text: string, root: Node, site: RaceSite, bindings: PyBindings): Fix | null {
  const { check, write, name, fn } = site;
  const ifStmt = check.parent;
  if (ifStmt?.type !== 'if_statement' || ifStmt.childForFieldName('condition')?.id !== check.id) return null;
  if (ifStmt.childrenForFieldName('alternative').length) return null;
  const fail = ifStmt.childForFieldName('consequence');
  const failStmts = fail ? blockStatements(fail) : [];
  const lastFail = failStmts[failStmts.length - 1];
  if (!lastFail || !['raise_statement', 'return_statement'].includes(lastFail.type)) return null;
  // the comparison: row.f OP v (or v OP row.f)
  if (check.type !== 'comparison_operator' || check.namedChildren.length !== 2) return null;
  let op = check.children.find((c) => c && !c.isNamed)?.text ?? '';
  let [lhs, rhs] = [check.namedChildren[0]!, check.namedChildren[1]!];
  const isField = (n: Node): boolean => n.type === 'attribute' && n.childForFieldName('object')?.text === name;
  if (!isField(lhs) && isField(rhs)) {
    [lhs, rhs] = [rhs, lhs];
    op = FLIP[op] ?? '';
  }
  if (!isField(lhs) || !NEGATE[op] || rhs.text.includes(`${name}.`) || rhs.text === name) return null;
  const field = lhs.childForFieldName('attribute')!.text;
  // the statements from the if to the save: the if, one move of the field, the save
  const block = ifStmt.parent;
  if (block?.type !== 'block') return null;
  const stmts = blockStatements(block);
  const i = stmts.findIndex((s) => s.id === ifStmt.id);
  const move = stmts[i + 1];
  const save = stmts[i + 2];
  if (!move || !save || save.type !== 'expression_statement' || save.namedChildren[0]?.id !== write.id) return null;
  const wf = write.childForFieldName('function');
  if (wf?.childForFieldName('attribute')?.text !== 'save' || wf.childForFieldName('object')?.text !== name) return null;
  const uf = keywordArg(write, 'update_fields');
  if (callArgs(write).some((a) => a.type !== 'keyword_argument' || a.childForFieldName('name')?.text !== 'update_fields')) return null;
  if (uf && (uf.namedChildren.length !== 1 || stringValue(uf.namedChildren[0]) !== field)) return null;
  const m = move.namedChildren[0];
  let sign = '';
  let amount: Node | null = null;
  if (m?.type === 'augmented_assignment' && m.childForFieldName('left')?.text === `${name}.${field}`) {
    const aop = m.children.find((c) => c && !c.isNamed)?.text;
    if (aop === '-=' || aop === '+=') [sign, amount] = [aop[0], m.childForFieldName('right')];
  } else if (m?.type === 'assignment' && m.childForFieldName('left')?.text === `${name}.${field}`) {
    const r = m.childForFieldName('right');
    if (r?.type === 'binary_operator' && r.childForFieldName('left')?.text === `${name}.${field}`) {
      const bop = r.childForFieldName('operator')?.text;
      if (bop === '-' || bop === '+') [sign, amount] = [bop, r.childForFieldName('right')];
    }
  }
  if (!amount || amount.text.includes(`${name}.`)) return null;
  // only a move that the check guards against: a decrement checked from below, an increment from above
  if ((sign === '-') !== (op === '<' || op === '<=')) return null;
  // the row's field read after the save would hold the value from before the update
  const after = text.slice(save.endIndex, fn.endIndex);
  if (new RegExp(`\\b${name}\\.${field}\\b`).test(after) || new RegExp(`\\b${name}\\.save\\(`).test(after)) return null;
  const model = modelText(site.read);
  if (!model) return null;
  const f = fName(text, root, bindings);
  if (!f) return null;
  const q = preferredQuote(text);
  const used = new Set(fn.descendantsOfType('identifier').map((x) => x?.text ?? ''));
  const counter = ['updated', 'updated_rows', 'rows_updated'].find((n) => !used.has(n));
  if (!counter) return null;
  const indent = indentAt(text, ifStmt.startIndex);
  const eol = detectEol(text);
  const amt = ['identifier', 'integer', 'float', 'attribute', 'call', 'subscript'].includes(amount.type) ? amount.text : `(${amount.text})`;
  const update = `${counter} = ${model}.objects.filter(pk=${name}.pk, ${field}__${NEGATE[op]}=${rhs.text}).update(${field}=${f.name}(${q}${field}${q}) ${sign} ${amt})`;
  const failText = text.slice(fail!.startIndex, fail!.endIndex);
  const edits: TextEdit[] = [{ start: ifStmt.startIndex, end: save.endIndex, newText: `${update}${eol}${indent}if not ${counter}:${eol}${indentAt(text, fail!.startIndex)}${failText}` }];
  if (f.edit) edits.push(f.edit);
  return {
    title: `Check and write \`${field}\` in one conditional \`UPDATE\` (\`${field}__${NEGATE[op]}\`), no lock`,
    applicability: 'unsafe',
    edits,
  };
}

function modelText(read: RowRead): string | null {
  if (read.chain) {
    const m = read.chain.model;
    if (m.type === 'identifier' || m.type === 'attribute') return m.text;
    return null;
  }
  if (read.shortcutArg && (read.shortcutArg.type === 'identifier' || read.shortcutArg.type === 'attribute') && /^[A-Z]/.test(read.shortcutArg.text.split('.').pop() ?? '')) return read.shortcutArg.text;
  return null;
}

/** The expression to write for `F`, plus the import edit it needs (null: no safe name). */
function fName(text: string, root: Node, bindings: PyBindings): { name: string; edit: TextEdit | null } | null {
  for (const [local, q] of bindings.imports) {
    if (q === 'django.db.models.F' || q === 'django.db.models.expressions.F') return { name: local, edit: null };
  }
  for (const [local, q] of bindings.imports) if (q === 'django.db.models') return { name: `${local}.F`, edit: null };
  if (bindings.imports.has('F')) return null;
  return { name: 'F', edit: ensureFromImport(text, root, 'django.db.models', 'F') };
}
