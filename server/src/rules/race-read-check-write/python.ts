import type { Node } from '../../lang/python/tree';
import type { Fix, PyContext, PyDetector } from '../../engine/types';
import {
  assignmentsIn,
  descendantsNoNested,
  ormChain,
  outsideProductionPython,
  modelMethodWrite,
  projectModelClasses,
  relationTarget,
  rowRead,
  usesF,
  type MethodWrite,
  type RowRead,
} from '../../lang/python/django';
import { callArgs, parameterNames } from '../../lang/python/ast';
import { conditionalUpdateFix, lockRowFix, type RaceSite } from '../../../../codemods/python/race-read-check-write';

/** Fields that identify or own a row: checking them is an access check, not a race on mutable state. */
const IDENTITY_FIELDS = /^(id|pk|uuid|slug|user|owner|author|created_by|customer|account|tenant|organization|.*_id)$/;

interface Candidate {
  name: string;
  /** the statement that binds the row */
  bind: Node;
  /** where the row is known (after the assignment, or the body of `for row in queryset:`) */
  from: number;
  /** end of a loop body binding the row, else the function's end */
  until?: number;
  /** the expression that reads the row(s), reported */
  readExpr: Node;
  read: RowRead | null;
  /** `wallet = instance.wallet`: the row reached through a relation of another object */
  relation?: { base: Node; field: string; from: Candidate | undefined };
}

/**
 * `v.<field>` attribute accesses on a name inside an expression. With
 * `ownOnly`, accesses that go on to another object (`v.country.ships`,
 * `v.lines.all()`) are left out: they test a related row, not this one.
 */
function fieldAccesses(expr: Node, name: string, ownOnly = false): string[] {
  const out: string[] = [];
  const nodes = expr.type === 'attribute' ? [expr, ...expr.descendantsOfType('attribute')] : expr.descendantsOfType('attribute');
  for (const a of nodes) {
    if (!a) continue;
    const obj = a.childForFieldName('object');
    const attr = a.childForFieldName('attribute');
    if (obj?.type !== 'identifier' || obj.text !== name || !attr) continue;
    if (ownOnly && a.parent?.type === 'attribute' && a.parent.childForFieldName('object')?.id === a.id) continue;
    out.push(attr.text);
  }
  return out;
}

/**
 * The `if` a check belongs to does nothing but sync the row: assignments to its
 * fields, its save, logging. Anything else there (another row's write, a task,
 * an e-mail) is guarded by the check and would run twice.
 */
function guardsOnlyTheSync(cond: Node, name: string): boolean {
  const stmt = cond.parent;
  if (stmt?.type !== 'if_statement' || stmt.childForFieldName('condition')?.id !== cond.id) return false;
  const block = stmt.childForFieldName('consequence');
  if (!block) return false;
  return block.namedChildren.every((st) => {
    if (!st || st.type === 'comment' || st.type === 'pass_statement') return true;
    if (st.type !== 'expression_statement') return false;
    const e = st.namedChildren[0];
    if (e?.type === 'assignment') return e.childForFieldName('left')?.type === 'attribute' && e.childForFieldName('left')?.childForFieldName('object')?.text === name;
    if (e?.type !== 'call') return false;
    const callee = e.childForFieldName('function');
    const obj = callee?.type === 'attribute' ? callee.childForFieldName('object')?.text : null;
    const method = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee?.text;
    if (obj === name && (method === 'save' || method === 'asave')) return true;
    // `update_fields.append("status")`: bookkeeping of which fields to save
    if (obj && /^(append|add|extend)$/.test(method ?? '') && callArgs(e).every((x) => x.type === 'string' || x.type === 'list')) return true;
    return method === 'print' || (!!obj && /^(log|logger|logging|_?log\w*)$/.test(obj));
  });
}

/** `row.f != value` (either side): the fields compared that way, with the value's text. */
function inequalityChecks(cond: Node, name: string): Map<string, string> {
  const out = new Map<string, string>();
  const cmps = cond.type === 'comparison_operator' ? [cond, ...cond.descendantsOfType('comparison_operator')] : cond.descendantsOfType('comparison_operator');
  for (const c of cmps) {
    if (!c || c.namedChildren.length !== 2) continue;
    const op = c.children.find((x) => x && !x.isNamed)?.text;
    if (op !== '!=' && op !== 'is not') continue;
    const [a, b] = [c.namedChildren[0]!, c.namedChildren[1]!];
    for (const [side, other] of [[a, b], [b, a]] as const) {
      if (side.type === 'attribute' && side.childForFieldName('object')?.text === name) out.set(side.childForFieldName('attribute')?.text ?? '', other.text);
    }
  }
  return out;
}

function mentionsName(expr: Node, names: Set<string>): boolean {
  if (expr.type === 'identifier') return names.has(expr.text);
  return expr.descendantsOfType('identifier').some((d) => !!d && names.has(d.text) && d.parent?.type !== 'keyword_argument');
}

/** Conditions of `if` / `elif` / `while` / `assert` inside a body, in source order. */
function conditions(body: Node): Node[] {
  const out: Node[] = [];
  for (const n of descendantsNoNested(body, (x) => ['if_statement', 'elif_clause', 'while_statement', 'assert_statement', 'conditional_expression'].includes(x.type))) {
    if (n.type === 'assert_statement') {
      const c = n.namedChildren[0];
      if (c) out.push(c);
    } else if (n.type === 'conditional_expression') {
      const c = n.namedChildren[1];
      if (c) out.push(c);
    } else {
      const c = n.childForFieldName('condition');
      if (c) out.push(c);
    }
  }
  return out;
}

/** An `.update(...)` whose filter carries a condition beyond the row's identity: the database checks it. */
function isConditionalUpdate(links: { method: string; call: Node }[]): boolean {
  for (const l of links) {
    if (l.method === 'exclude') return true;
    if (l.method !== 'filter') continue;
    for (const a of callArgs(l.call)) {
      if (a.type !== 'keyword_argument') return true; // Q objects, positional lookups
      const key = a.childForFieldName('name')?.text ?? '';
      const field = key.split('__')[0];
      if (key.includes('__') || !IDENTITY_FIELDS.test(field)) return true;
    }
  }
  return false;
}

/** Calls `name.<method>(...)` of a function body by receiver name, collected once (the walk is shared by every candidate). */
type MethodCalls = Map<string, Node[]>;

function methodCallsByReceiver(calls: Node[]): MethodCalls {
  const out: MethodCalls = new Map();
  for (const c of calls) {
    const f = c.childForFieldName('function');
    const obj = f?.type === 'attribute' ? f.childForFieldName('object') : null;
    if (obj?.type !== 'identifier') continue;
    const list = out.get(obj.text);
    if (list) list.push(c);
    else out.set(obj.text, [c]);
  }
  return out;
}

/** `name.save()` (no positional argument: `FieldFile.save(name, content)` is a file) after `from`. */
function savedAsRow(byReceiver: MethodCalls, name: string, from: number): boolean {
  return (byReceiver.get(name) ?? []).some((c) => {
    if (c.startIndex <= from) return false;
    const m = c.childForFieldName('function')?.childForFieldName('attribute')?.text;
    return (m === 'save' || m === 'asave') && !callArgs(c).some((x) => x.type !== 'keyword_argument');
  });
}

/** `name.<method>(...)` called as a statement after `from`: maybe a model method that writes the row. */
function callsMethodOn(byReceiver: MethodCalls, name: string, from: number): boolean {
  return (byReceiver.get(name) ?? []).some((c) => c.startIndex > from && c.parent?.type === 'expression_statement');
}

/** The project model classes a candidate's row may be an instance of (its read's model when known). */
function candidateClasses(cand: Candidate, ctx: PyContext, all: () => Map<string, Node>): Node[] {
  const model = cand.read?.chain?.model ?? (cand.read?.shortcutArg?.type === 'identifier' ? cand.read.shortcutArg : null);
  const name = model?.type === 'identifier' ? model.text : model?.type === 'attribute' ? model.childForFieldName('attribute')?.text : null;
  const classes = all();
  if (name) {
    const c = classes.get(name);
    return c ? [c] : [];
  }
  if (cand.relation) {
    const target = relatedModel(cand, ctx, all);
    const c = target ? classes.get(target) : undefined;
    if (c) return [c];
  }
  return [...classes.values()];
}

/** The model class name a relation read points to, from the project's models. */
function relatedModel(cand: Candidate, ctx: PyContext, all: () => Map<string, Node>): string | null {
  if (!cand.relation) return null;
  const src = cand.relation.from;
  const owners = src ? candidateClasses(src, ctx, all) : [...all().values()];
  return relationTarget(cand.relation.field, owners);
}

export function analyzeFunction(fn: Node, ctx: PyContext): void {
  const body = fn.childForFieldName('body');
  if (!body) return;
  const assigns = assignmentsIn(body);
  let byReceiver: MethodCalls | null = null;
  const receivers = (): MethodCalls => (byReceiver ??= methodCallsByReceiver(descendantsNoNested(body, (n) => n.type === 'call')));
  const candidates: Candidate[] = [];
  for (const a of assigns) {
    const left = a.childForFieldName('left');
    const right = a.childForFieldName('right');
    if (left?.type !== 'identifier' || !right) continue;
    const read = rowRead(right, fn, ctx.bindings);
    if (read) {
      candidates.push({ name: left.text, bind: a, read, from: a.endIndex, readExpr: right });
      continue;
    }
    // `event = ticket.event`: a related row reached through a row already read
    // `event = ticket.event`, `wallet = instance.wallet`: a related row. Reached through a row read here,
    // or through any other object when the local is then saved (a model instance: nothing else has a
    // bare `save()`) or written by a method of one of the project's models
    if (right.type === 'attribute') {
      const obj = right.childForFieldName('object');
      const field = right.childForFieldName('attribute')?.text ?? '';
      if (obj?.type !== 'identifier' || obj.text === 'self' || obj.text === 'request' || obj.text === 'cls' || IDENTITY_FIELDS.test(field)) continue;
      const src = candidates.find((c) => c.name === obj.text);
      if (src || savedAsRow(receivers(), left.text, a.endIndex) || callsMethodOn(receivers(), left.text, a.endIndex)) candidates.push({ name: left.text, bind: a, read: null, from: a.endIndex, readExpr: right, relation: { base: obj, field, from: src } });
    }
  }
  // `for seat in Seat.objects.filter(...):` each row is read, checked and saved in the loop body
  // (not in management commands: batch fix-ups run by hand, one process)
  const batchScript = /(^|[\\/])management[\\/]commands[\\/]/.test(ctx.file.path);
  for (const loop of batchScript ? [] : descendantsNoNested(body, (n) => n.type === 'for_statement')) {
    const left = loop.childForFieldName('left');
    const right = loop.childForFieldName('right');
    const loopBody = loop.childForFieldName('body');
    if (left?.type !== 'identifier' || !right || !loopBody) continue;
    const chain = ormChain(right, fn);
    if (!chain || chain.links.some((l) => /^(values|values_list|aggregate|count|exists|iterator_of_ids)$/.test(l.method))) continue;
    const read: RowRead = { call: right, chain, shortcutArg: null, locked: chain.links.some((l) => l.method === 'select_for_update') };
    candidates.push({ name: left.text, bind: loop, read, from: loopBody.startIndex, until: loopBody.endIndex, readExpr: right });
  }
  if (!candidates.length) return;
  let classes: Map<string, Node> | null = null;
  const allClasses = (): Map<string, Node> => (classes ??= projectModelClasses(ctx.root, ctx.file.path));
  const conds = conditions(body);
  const calls = descendantsNoNested(body, (n) => n.type === 'call');
  for (const cand of candidates) {
    if (cand.read?.locked) continue; // locked reads: select-for-update-outside-atomic covers the missing transaction
    const from = cand.from;
    // end of the region: the next rebinding of the name
    let to = cand.until ?? body.endIndex;
    for (const a of assigns) {
      const l = a.childForFieldName('left');
      if (a.startIndex >= from && l?.type === 'identifier' && l.text === cand.name) {
        to = a.startIndex;
        break;
      }
    }
    // locals derived from the row's fields: `remaining = event.capacity - event.sold`
    const derived = new Set<string>();
    /** the row's fields each derived local was computed from */
    const derivedFields = new Map<string, Set<string>>();
    for (let pass = 0; pass < 2; pass++) {
      for (const a of assigns) {
        if (a.startIndex < from || a.startIndex >= to) continue;
        const l = a.childForFieldName('left');
        const r = a.childForFieldName('right');
        if (l?.type !== 'identifier' || !r || l.text === cand.name) continue;
        const own = fieldAccesses(r, cand.name).filter((f) => !IDENTITY_FIELDS.test(f));
        const via = [...derived].filter((d) => mentionsName(r, new Set([d])));
        if (!own.length && !via.length) continue;
        derived.add(l.text);
        const fields = derivedFields.get(l.text) ?? new Set<string>();
        for (const f of own) fields.add(f);
        for (const d of via) for (const f of derivedFields.get(d) ?? []) fields.add(f);
        derivedFields.set(l.text, fields);
      }
    }
    const checks = conds.filter(
      (c) =>
        c.startIndex >= from &&
        c.startIndex < to &&
        (fieldAccesses(c, cand.name, true).some((f) => !IDENTITY_FIELDS.test(f)) || mentionsName(c, derived)),
    );
    const check = checks[0];
    if (!check) continue;
    let methodWrite: MethodWrite | null = null;
    const write = findWrite(cand, check, to, calls, assigns, fn, ctx, (method) => (methodWrite = modelMethodWrite(method, candidateClasses(cand, ctx, allClasses))));
    if (!write) continue;
    if (methodWrite) {
      // a model method's write: lost when it moves a field relative to itself or writes a checked one
      const mw: MethodWrite = methodWrite;
      const checked = new Set<string>();
      for (const c of checks) for (const f of fieldAccesses(c, cand.name, true)) checked.add(f);
      for (const c of checks) for (const d of derived) if (mentionsName(c, new Set([d]))) for (const f of derivedFields.get(d) ?? []) checked.add(f);
      if (!mw.relative && !mw.fields.some((f) => checked.has(f))) continue;
    } else if (!writeDependsOnCheck(cand, checks, derivedFields, write, assigns, body, fn)) continue;
    // a row reached through an object that was not read here (`checkout_info.checkout`, `instance.wallet`)
    // may be a cache the caller keeps in sync: only money / stock shapes count, a model method's write or
    // a field moved by arithmetic on itself (`wallet.balance -= amount`)
    if (cand.relation && !cand.relation.from && !methodWrite && !movesOwnField(cand, assigns, body, write)) continue;
    const readNode = cand.readExpr;
    const read = cand.read;
    const deps = checkDependencies(checks, cand, derived, assigns, fn);
    let site: RaceSite | null = read ? { fn, read, name: cand.name, bind: cand.bind, check, write, deps } : null;
    let why: string | undefined;
    if (cand.relation) {
      // re-read the related row locked, by the relation's `_id` column
      const target = relatedModel(cand, ctx, allClasses);
      const bound = target && (ctx.bindings.imports.has(target) || allClasses().has(target)) && moduleLevelName(ctx.root, target);
      if (bound) {
        const relRead: RowRead = { call: readNode, chain: null, shortcutArg: null, locked: false };
        const lockEdit = { start: readNode.startIndex, end: readNode.endIndex, newText: `${target}.objects.select_for_update().get(pk=${cand.relation.base.text}.${cand.relation.field}_id)` };
        site = { fn, read: relRead, name: cand.name, bind: cand.bind, check, write, deps, lockEdit };
      } else why = `the related row's model is not known here; re-read it with \`<Model>.objects.select_for_update().get(pk=${cand.relation.base.text}.${cand.relation.field}_id)\` in a transaction`;
    }
    const lock = site ? lockRowFix(ctx.file.text, ctx.root, site, ctx.bindings) : null;
    why ??= lock?.why;
    ctx.report({
      node: readNode,
      message: `\`${cand.name}\` is read, checked (\`${oneLine(check.text)}\`) and written back without a row lock: concurrent requests all pass the check${why ? `; no automatic fix: ${why}` : ''}`,
      fixes: () => {
        if (!site) return [];
        return [conditionalUpdateFix(ctx.file.text, ctx.root, site, ctx.bindings), lock?.fix ?? null].filter((f): f is Fix => !!f);
      },
    });
  }
}

/**
 * Statements before the read that the checks depend on: a local the check
 * tests that was assigned a database read (`others = Owner.objects.filter(...).count()`).
 * They go into the locked region, else the check runs on a value read before the transaction.
 */
function checkDependencies(checks: Node[], cand: Candidate, derived: Set<string>, assigns: Node[], fn: Node): Node[] {
  const out: Node[] = [];
  const names = new Set<string>();
  for (const c of checks) for (const id of c.type === 'identifier' ? [c] : c.descendantsOfType('identifier')) if (id && id.text !== cand.name && !derived.has(id.text)) names.add(id.text);
  for (const name of names) {
    let best: Node | null = null;
    for (const a of assigns) {
      const l = a.childForFieldName('left');
      if (l?.type === 'identifier' && l.text === name && a.endIndex <= cand.bind.startIndex && (!best || a.startIndex > best.startIndex)) best = a;
    }
    const r = best?.childForFieldName('right');
    if (!best || !r) continue;
    const calls = r.type === 'call' ? [r, ...r.descendantsOfType('call')] : r.descendantsOfType('call');
    if (calls.some((c) => !!c && !!ormChain(c, fn))) out.push(best);
  }
  return out;
}

/**
 * Does the write change what the check tested? Only a write of a checked field
 * (directly or through a local computed from it) or a read-modify-write of the
 * written field itself (`tt.sold = tt.sold + 1`) can be lost between two
 * requests that both passed the check. A check on one field guarding a write
 * of unrelated fields (`if not program.listed: 404` ... `program.description =
 * text`, `if task.date_started: task.duration = now - task.date_started`)
 * cannot; neither can an idempotent write that every racer ends the same way:
 * "set if different" (`if org.email != new: org.email = new`) or "set if
 * missing / set a constant" (`if code.is_active: code.is_active = False`, `if
 * not p.default: p.default = p.variants.first()`) with nothing else under the
 * guard. Anything not understood counts as dependent.
 */
function writeDependsOnCheck(cand: Candidate, checks: Node[], derivedFields: Map<string, Set<string>>, write: Node, assigns: Node[], body: Node, fn: Node): boolean {
  const derived = new Set(derivedFields.keys());
  const checked = new Set<string>();
  for (const c of checks) for (const d of derived) if (mentionsName(c, new Set([d]))) for (const f of derivedFields.get(d) ?? []) checked.add(f);
  const setIfDifferent = new Map<string, string>();
  for (const c of checks) {
    for (const f of fieldAccesses(c, cand.name, true)) if (!IDENTITY_FIELDS.test(f)) checked.add(f);
    if (guardsOnlyTheSync(c, cand.name)) for (const [f, v] of inequalityChecks(c, cand.name)) setIfDifferent.set(f, v);
  }
  const rowNames = new Set([cand.name, ...derived]);
  const written: { field: string | null; value: Node | null; node: Node | null; augmented?: boolean }[] = [];
  const f = write.childForFieldName('function');
  const method = f?.childForFieldName('attribute')?.text;
  if (method === 'update' || method === 'aupdate') {
    for (const a of callArgs(write)) {
      if (a.type !== 'keyword_argument') written.push({ field: null, value: a, node: null });
      else written.push({ field: a.childForFieldName('name')?.text ?? null, value: a.childForFieldName('value'), node: write });
    }
  } else {
    for (const a of assigns.concat(descendantsNoNested(body, (n) => n.type === 'augmented_assignment'))) {
      if (a.startIndex <= cand.from || a.startIndex >= write.startIndex) continue;
      const l = a.childForFieldName('left');
      if (l?.type !== 'attribute' || l.childForFieldName('object')?.text !== cand.name) continue;
      written.push({ field: l.childForFieldName('attribute')?.text ?? null, value: a.childForFieldName('right'), node: a, augmented: a.type === 'augmented_assignment' });
    }
    // setattr(row, name, value), update_fields=[...] naming a field: unknown or explicit fields
    for (const c of descendantsNoNested(body, (n) => n.type === 'call')) {
      if (c.startIndex <= cand.from || c.startIndex >= write.startIndex) continue;
      const fn = c.childForFieldName('function');
      if (fn?.type === 'identifier' && fn.text === 'setattr' && callArgs(c)[0]?.text === cand.name) written.push({ field: null, value: callArgs(c)[2] ?? null, node: null });
    }
    if (!written.length) return false; // save() with nothing assigned: the row is not changed here
  }
  const writtenFields = new Set(written.map((w) => w.field).filter((x): x is string => !!x));
  const locals = localNames(fn, body);
  const idempotent = (v: Node | null): boolean => !!v && idempotentValue(v, cand.name, rowNames, writtenFields, locals);
  /** the checks whose `if` / `while` body holds a node */
  const guardsOf = (n: Node): Node[] => checks.filter((c) => guardedBlocks(c).some((b) => n.startIndex >= b.startIndex && n.endIndex <= b.endIndex));
  /** an `if` that only syncs the row with values every racer computes alike: all racers end the same way */
  const idempotentGuard = (c: Node): boolean =>
    guardsOnlyTheSync(c, cand.name) && written.every((w) => !w.node || !guardedBlocks(c).some((b) => w.node!.startIndex >= b.startIndex && w.node!.endIndex <= b.endIndex) || idempotent(w.value) || setIfDifferent.get(w.field ?? '') === w.value?.text);
  for (const w of written) {
    if (!w.field) return true;
    if (w.augmented) return true; // `row.f += k`: a lost update whatever was checked
    // `row.f = row.f + k` / `update(f=row.f + k)`: the written field read back from the row (not a value this function assigned)
    if (w.value && selfRelative(w.value, cand.name, w.field) && !assignedBefore(assigns, cand, w.field, w.value.startIndex)) return true;
    const guards = w.node ? guardsOf(w.node) : [];
    if (checked.has(w.field)) {
      if (w.value && setIfDifferent.get(w.field) === w.value.text) continue;
      if (guards.length && guards.every(idempotentGuard)) continue;
      return true;
    }
    // an unchecked field written under a check of the row (`if not seat.held: seat.held_by = user`) is
    // claimed by it, unless the check only makes sure the value's inputs exist
    // (`if t.started: t.duration = now - t.started`) or every racer writes the same
    for (const g of guards) {
      const tested = new Set(fieldAccesses(g, cand.name, true));
      if (w.value && fieldAccesses(w.value, cand.name).some((f) => tested.has(f))) continue;
      if (idempotentGuard(g)) continue;
      return true;
    }
  }
  return false;
}

/** The blocks a condition controls: the `if` body and its `elif` / `else` branches, the `while` body. */
function guardedBlocks(cond: Node): Node[] {
  const stmt = cond.parent;
  if (!stmt || stmt.childForFieldName('condition')?.id !== cond.id) return [];
  if (stmt.type === 'while_statement' || stmt.type === 'elif_clause') return [stmt.childForFieldName('body') ?? stmt.childForFieldName('consequence')].filter((b): b is Node => !!b);
  if (stmt.type !== 'if_statement') return [];
  const out: Node[] = [];
  const c = stmt.childForFieldName('consequence');
  if (c) out.push(c);
  for (const alt of stmt.childrenForFieldName('alternative')) if (alt) out.push(alt);
  return out;
}

/** Between the read and the write, `row.f -= k` or `row.f = row.f - k`. */
function movesOwnField(cand: Candidate, assigns: Node[], body: Node, write: Node): boolean {
  for (const a of assigns.concat(descendantsNoNested(body, (n) => n.type === 'augmented_assignment'))) {
    if (a.startIndex <= cand.from || a.startIndex >= write.startIndex) continue;
    const l = a.childForFieldName('left');
    if (l?.type !== 'attribute' || l.childForFieldName('object')?.text !== cand.name) continue;
    const r = a.childForFieldName('right');
    if (a.type === 'augmented_assignment' || (r && selfRelative(r, cand.name, l.childForFieldName('attribute')?.text ?? ''))) return true;
  }
  return false;
}

/** `row.f + k` / `row.f - k`: arithmetic on the field's own value (a copy such as `row.f.get_copy()` is not). */
function selfRelative(value: Node, name: string, field: string): boolean {
  const ops = value.type === 'binary_operator' ? [value, ...value.descendantsOfType('binary_operator')] : value.descendantsOfType('binary_operator');
  return ops.some((op) => !!op && [op.childForFieldName('left'), op.childForFieldName('right')].some((x) => x?.type === 'attribute' && x.childForFieldName('object')?.text === name && x.childForFieldName('attribute')?.text === field));
}

/** Names bound inside the function: its parameters and every local it assigns (not module names). */
function localNames(fn: Node, body: Node): Set<string> {
  const out = new Set(parameterNames(fn));
  for (const a of assignmentsIn(body)) {
    const l = a.childForFieldName('left');
    if (!l) continue;
    if (l.type === 'identifier') out.add(l.text);
    else for (const id of l.descendantsOfType('identifier')) if (id && l.type !== 'attribute' && l.type !== 'subscript') out.add(id.text);
  }
  for (const loop of descendantsNoNested(body, (n) => n.type === 'for_statement' || n.type === 'with_statement' || n.type === 'except_clause')) {
    for (const id of loop.childForFieldName('left')?.descendantsOfType('identifier') ?? []) if (id) out.add(id.text);
    for (const p of loop.descendantsOfType('as_pattern_target')) if (p) out.add(p.text);
  }
  return out;
}

/** `row.<field> = ...` assigned in the function before `at` (after the read): the attribute holds a local value, not the row's. */
function assignedBefore(assigns: Node[], cand: Candidate, field: string, at: number): boolean {
  return assigns.some((a) => {
    const l = a.childForFieldName('left');
    return a.startIndex > cand.from && a.endIndex <= at && l?.type === 'attribute' && l.childForFieldName('object')?.text === cand.name && l.childForFieldName('attribute')?.text === field;
  });
}

/**
 * A value every concurrent caller computes alike: literals, module names
 * (`timezone.now()`, `Status.DONE`) and the row's other fields or relations
 * (`p.variants.first()`, `slugify(doc.title)`), never the caller's input
 * (parameters, locals) nor a field written under the same guard.
 */
function idempotentValue(value: Node, name: string, rowNames: Set<string>, writtenFields: Set<string>, locals: Set<string>): boolean {
  const ids = value.type === 'identifier' ? [value] : value.descendantsOfType('identifier');
  for (const id of ids) {
    if (!id) continue;
    const p = id.parent;
    if (p?.type === 'attribute' && p.childForFieldName('attribute')?.id === id.id) continue; // `.attr` part
    if (p?.type === 'keyword_argument' && p.childForFieldName('name')?.id === id.id) continue;
    if (id.text === name) {
      const attr = p?.type === 'attribute' ? p.childForFieldName('attribute')?.text : null;
      if (!attr || writtenFields.has(attr)) return false;
      continue;
    }
    if (rowNames.has(id.text) || locals.has(id.text)) return false;
  }
  return true;
}

/** A class or import bound at module level under `name` (so `Name.objects` works anywhere in the file). */
function moduleLevelName(root: Node, name: string): boolean {
  for (const stmt of root.namedChildren) {
    if (!stmt) continue;
    const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
    if (def?.type === 'class_definition' && def.childForFieldName('name')?.text === name) return true;
    if (stmt.type === 'import_from_statement' && stmt.childrenForFieldName('name').some((n) => n.text === name || (n.type === 'aliased_import' && n.childForFieldName('alias')?.text === name))) return true;
  }
  return false;
}

function oneLine(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 60 ? `${t.slice(0, 57)}...` : t;
}

function findWrite(cand: Candidate, check: Node, to: number, calls: Node[], assigns: Node[], fn: Node, ctx: PyContext, modelMethod: (method: string) => MethodWrite | null): Node | null {
  for (const c of calls) {
    if (c.startIndex <= check.startIndex || c.startIndex >= to) continue;
    const f = c.childForFieldName('function');
    if (f?.type !== 'attribute') continue;
    const obj = f.childForFieldName('object');
    const method = f.childForFieldName('attribute')?.text;
    // `wallet.withdraw(amount)`: a method of the project's model that assigns fields and saves
    if (obj?.type === 'identifier' && obj.text === cand.name && method && method !== 'save' && method !== 'asave' && c.parent?.type === 'expression_statement' && modelMethod(method)) return c;
    if (obj?.type === 'identifier' && obj.text === cand.name && (method === 'save' || method === 'asave')) {
      // every field written with F() expressions: the database does the arithmetic
      const fieldWrites = assigns.filter((a) => {
        const l = a.childForFieldName('left');
        return a.startIndex > cand.from && a.startIndex < c.startIndex && l?.type === 'attribute' && l.childForFieldName('object')?.text === cand.name;
      });
      if (fieldWrites.length && fieldWrites.every((a) => usesF(a.childForFieldName('right'), ctx.bindings))) continue;
      return c;
    }
    if (method === 'update' || method === 'aupdate') {
      const chain = ormChain(c, fn);
      if (!chain || isConditionalUpdate(chain.links)) continue;
      const sameQs = cand.read?.chain?.via.length && chain.via.some((v) => cand.read!.chain!.via.some((w) => w.id === v.id));
      const keyedByRow = chain.links.some((l) => l.method === 'filter' && callArgs(l.call).some((a) => {
        const v = a.type === 'keyword_argument' ? a.childForFieldName('value') : a;
        return !!v && (v.text === cand.name || fieldAccesses(v, cand.name).length > 0);
      }));
      if (!sameQs && !keyedByRow) continue;
      const values = callArgs(c).map((a) => (a.type === 'keyword_argument' ? a.childForFieldName('value') : a));
      if (values.length && values.every((v) => usesF(v, ctx.bindings))) continue;
      return c;
    }
  }
  return null;
}

export const python: PyDetector = {
  nodeTypes: ['function_definition'],
  requires: /objects|_manager|get_object/,
  visit(node: Node, ctx: PyContext) {
    if (outsideProductionPython(ctx.file.path, ctx.file.text)) return;
    analyzeFunction(node, ctx);
  },
};

