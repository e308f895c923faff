/**
 * The runner: one file in, findings out. Used by the language server, the CLI
 * and the tests alike.
 *
 * Rules share one walk per file: the runner builds a dispatch table from node
 * type to the detectors interested in it, walks the tree once, and calls each
 * detector inside its own try/catch, so a rule that throws loses its findings
 * for that file (and is logged) while every other rule carries on.
 */
import type { Node as PyNode } from '../lang/python/tree';
import { ts } from 'ts-morph';
import { parsePythonTree, countSyntaxErrors } from '../lang/python/parser';
import { statementOf as pyStatementOf } from '../lang/python/ast';
import { PyBindings } from '../lang/python/bindings';
import { parseJs, countJsSyntaxErrors } from '../lang/js/parser';
import { JsBindings } from '../lang/js/bindings';
import { sharedByKind, sharedFactsMs, type SharedKind } from '../lang/shared-cost';
import { LineIndex } from '../text/positions';
import { applySuppressions, findSuppressions, type Suppression } from './suppress';
import { applyEdits, editsOverlap } from '../text/edits';
import { defaultConfig, type ResolvedConfig } from './config';
import type { FileEdits, Finding, Fix, JsContext, PyContext, ReportInput, Rule, Severity, SourceFile } from './types';
import type { TextEdit } from '../text/edits';
import { UNUSED_SUPPRESSION } from './builtin';
import { nestingProblem } from './files';
import { withPinnedStats } from '../lang/snapshot';

export interface LintOptions {
  rules: readonly Rule[];
  config?: ResolvedConfig;
  /** Only run these rule ids (CLI --rule). */
  only?: readonly string[];
  /** Verify every fix (re-parse, rule no longer fires, idempotent); drop failing ones. Default true. */
  verifyFixes?: boolean;
  /** Compute fixes at all (a plain scan does not need them). Default true. */
  computeFixes?: boolean;
  /** Report suppressions that suppress nothing. Default true. */
  reportUnusedSuppressions?: boolean;
  /** Measure milliseconds per rule (and parsing) into LintResult.timing. */
  timing?: boolean;
  /**
   * Parse the file even when no rule can fire on it (to count its syntax errors): verifying a
   * fix that removed the text a rule's prefilter looks for must still see whether it parses.
   */
  alwaysParse?: boolean;
  /**
   * Trees of the file already parsed (the language server keeps them per open document and
   * updates them incrementally); used only when `text` is the file's text.
   */
  trees?: ParsedTrees;
  log?: (message: string) => void;
}

/** A source of trees for one text: each function parses (or returns the kept tree) on demand. */
export interface ParsedTrees {
  text: string;
  python?(): PyNode;
  js?(): ts.SourceFile;
}

export interface LintResult {
  findings: Finding[];
  suppressions: Suppression[];
  /** Syntax errors in the input; rules still run on the partial tree. */
  syntaxErrors: number;
  /** Rules that threw on this file (their findings were dropped). */
  failedRules: string[];
  /** Fixes that failed verification and were dropped. */
  droppedFixes: number;
  /** Milliseconds spent per rule (visits only), for `--timing`. */
  timing?: Map<string, number>;
}

export function ruleSeverity(rule: Rule, config: ResolvedConfig): Severity | 'off' {
  return config.rules[rule.id] ?? rule.severity;
}

/** Rules on for this file by configuration and language, and (with `prefilter`) whose prefilters let them fire. */
export function activeRules(file: SourceFile, opts: LintOptions, config: ResolvedConfig, prefilter = true, timing?: Map<string, number>): Rule[] {
  return opts.rules.filter(
    (r) =>
      r.languages.includes(file.language) &&
      (!opts.only || opts.only.includes(r.id)) &&
      ruleSeverity(r, config) !== 'off' &&
      (file.language === 'python' ? !!r.python : !!r.js) &&
      (!prefilter || mayFire(r, file, timing)),
  );
}

/**
 * The rule's prefilters: a rule whose required text is absent, or whose import gate says no
 * (`mayFire`), cannot fire, so it does not run. A gate that throws lets the rule run.
 */
function mayFire(rule: Rule, file: SourceFile, timing?: Map<string, number>): boolean {
  const det = file.language === 'python' ? rule.python : rule.js;
  const req = det?.requires;
  if (req) {
    for (const re of Array.isArray(req) ? req : [req as RegExp]) {
      re.lastIndex = 0;
      if (!re.test(file.text)) return false;
    }
  }
  if (!det?.mayFire) return true;
  const t0 = timing ? performance.now() : 0;
  const s0 = timing ? sharedFactsMs() : 0;
  try {
    return det.mayFire(file);
  } catch {
    return true;
  } finally {
    if (timing) addOwnTime(timing, rule.id, t0, s0);
  }
}

interface RawResult {
  findings: Finding[];
  syntaxErrors: number;
  failedRules: string[];
}

/** Detect only: no suppressions, no verification. */
function detect(file: SourceFile, rules: readonly Rule[], config: ResolvedConfig, log: (m: string) => void, withFixes = true, timing?: Map<string, number>, alwaysParse = false, trees?: ParsedTrees): RawResult {
  // nothing can fire: no parse at all (most files of a real workspace), unless the syntax errors are wanted
  if (!rules.length && !alwaysParse) return { findings: [], syntaxErrors: 0, failedRules: [] };
  const kept = trees && trees.text === file.text ? trees : undefined;
  if (file.language === 'python') return detectPython(file, rules, config, log, withFixes, timing, kept?.python);
  return detectJs(file, rules, config, log, withFixes, timing, kept?.js);
}

/** The --timing key of fix computation (all rules together; not part of any rule's detection time). */
export const FIXES_TIMING = 'fixes (computed for the output)';

/** The --timing key of facts several rules share (the endpoint model), built by the first rule that asks. */
export const SHARED_FACTS_TIMING = 'facts shared by rules (endpoint model)';
/** The --timing key of other project modules parsed to resolve names through them (shared by every rule that resolves). */
export const SHARED_MODULES_TIMING = 'facts shared by rules (imported modules)';
const SHARED_KEYS: Record<SharedKind, string> = { endpoints: SHARED_FACTS_TIMING, modules: SHARED_MODULES_TIMING };
/** Per-kind shared time already put on the timing lines (of this thread): the next delta is what is new. */
let booked: Record<SharedKind, number> = { endpoints: 0, modules: 0 };

function addTime(timing: Map<string, number>, key: string, ms: number): void {
  timing.set(key, (timing.get(key) ?? 0) + ms);
}

/**
 * Adds the time since `t0` to `key`, less what went into shared facts since the mark `shared0`
 * (`sharedFactsMs()`), which goes on their own lines, per kind. Shared facts are built rarely: the
 * per-kind split is only looked at when time went into them.
 */
function addOwnTime(timing: Map<string, number>, key: string, t0: number, shared0: number): void {
  const shared = sharedFactsMs() - shared0;
  if (shared > 0) {
    // the kinds' growth since last booked; more than `shared` when facts were built untimed in
    // between (then split in proportion), so the lines always add up to the time taken out
    const now = sharedByKind();
    const kinds = Object.keys(now) as SharedKind[];
    const grown = kinds.reduce((a, k) => a + Math.max(0, now[k] - booked[k]), 0);
    for (const k of kinds) {
      const d = Math.max(0, now[k] - booked[k]);
      if (d > 0) addTime(timing, SHARED_KEYS[k], grown > 0 ? (shared * d) / grown : 0);
    }
    booked = now;
  }
  addTime(timing, key, performance.now() - t0 - shared);
}

function detectPython(file: SourceFile, rules: readonly Rule[], config: ResolvedConfig, log: (m: string) => void, withFixes: boolean, timing?: Map<string, number>, tree?: () => PyNode): RawResult {
  const tp = timing ? performance.now() : 0;
  const root = tree ? tree() : parsePythonTree(file.text);
  if (timing) addTime(timing, 'parse (Python)', performance.now() - tp);
  const syntaxErrors = countSyntaxErrors(root);
  const findings: Finding[] = [];
  const failed = new Set<string>();
  const dispatch = new Map<string, Array<{ rule: Rule; ctx: PyContext }>>();
  const bindings = new PyBindings(root, file.path);
  const perRule = new Map<string, Finding[]>();
  for (const rule of rules) {
    const det = rule.python;
    if (!det) continue;
    const severity = ruleSeverity(rule, config) as Severity;
    const out: Finding[] = [];
    perRule.set(rule.id, out);
    const ctx: PyContext = {
      file,
      root,
      bindings,
      config,
      report: (r: ReportInput<PyNode>) => {
        const stmt = pyStatementOf(r.node);
        out.push(makeFinding(rule, severity, r, r.node.startIndex, r.node.endIndex, stmt.startIndex, stmt.endIndex, withFixes, log, file.path, timing));
      },
    };
    for (const t of det.nodeTypes) {
      const list = dispatch.get(t);
      if (list) list.push({ rule, ctx });
      else dispatch.set(t, [{ rule, ctx }]);
    }
  }
  // one walk over the copied tree, dispatching by node type
  const stack: PyNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    const handlers = dispatch.get(node.type);
    if (handlers) {
      for (const h of handlers) {
        if (failed.has(h.rule.id)) continue;
        const t0 = timing ? performance.now() : 0;
        const s0 = timing ? sharedFactsMs() : 0;
        try {
          h.rule.python!.visit(node, h.ctx);
        } catch (e) {
          failed.add(h.rule.id);
          log(`rule ${h.rule.id} threw on ${file.path}: ${(e as Error).stack ?? e}`);
        }
        if (timing) addOwnTime(timing, h.rule.id, t0, s0);
      }
    }
    const kids = node.children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  for (const [id, list] of perRule) if (!failed.has(id)) findings.push(...list);
  return { findings, syntaxErrors, failedRules: [...failed] };
}

function jsStatementOf(node: ts.Node): ts.Node {
  let cur = node;
  while (cur.parent) {
    const p = cur.parent;
    if (ts.isBlock(p) || ts.isSourceFile(p) || ts.isModuleBlock(p) || ts.isCaseClause(p) || ts.isDefaultClause(p)) return cur;
    cur = p;
  }
  return cur;
}

function detectJs(file: SourceFile, rules: readonly Rule[], config: ResolvedConfig, log: (m: string) => void, withFixes: boolean, timing?: Map<string, number>, tree?: () => ts.SourceFile): RawResult {
  const tp = timing ? performance.now() : 0;
  const sf = tree ? tree() : parseJs(file.path, file.text);
  if (timing) addTime(timing, 'parse (JS/TS)', performance.now() - tp);
  const syntaxErrors = countJsSyntaxErrors(sf);
  const bindings = new JsBindings(sf);
  const failed = new Set<string>();
  const dispatch = new Map<ts.SyntaxKind, Array<{ rule: Rule; ctx: JsContext }>>();
  const perRule = new Map<string, Finding[]>();
  for (const rule of rules) {
    const det = rule.js;
    if (!det) continue;
    const severity = ruleSeverity(rule, config) as Severity;
    const out: Finding[] = [];
    perRule.set(rule.id, out);
    const ctx: JsContext = {
      file,
      sourceFile: sf,
      bindings,
      config,
      report: (r: ReportInput<ts.Node>) => {
        const stmt = jsStatementOf(r.node);
        out.push(makeFinding(rule, severity, r, r.node.getStart(sf), r.node.getEnd(), stmt.getStart(sf), stmt.getEnd(), withFixes, log, file.path, timing));
      },
    };
    for (const k of det.kinds) {
      const list = dispatch.get(k);
      if (list) list.push({ rule, ctx });
      else dispatch.set(k, [{ rule, ctx }]);
    }
  }
  // an explicit stack, not recursion: a left-deep chain (`"a" + "b" + ...` of thousands of terms)
  // is as deep as it is long, and the walk must not depend on the input's depth
  const stack: ts.Node[] = [sf];
  const kids: ts.Node[] = [];
  const collect = (child: ts.Node): void => {
    kids.push(child);
  };
  while (stack.length) {
    const node = stack.pop()!;
    const handlers = dispatch.get(node.kind);
    if (handlers) {
      for (const h of handlers) {
        if (failed.has(h.rule.id)) continue;
        const t0 = timing ? performance.now() : 0;
        const s0 = timing ? sharedFactsMs() : 0;
        try {
          h.rule.js!.visit(node, h.ctx);
        } catch (e) {
          failed.add(h.rule.id);
          log(`rule ${h.rule.id} threw on ${file.path}: ${(e as Error).stack ?? e}`);
        }
        if (timing) addOwnTime(timing, h.rule.id, t0, s0);
      }
    }
    kids.length = 0;
    ts.forEachChild(node, collect);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  const findings: Finding[] = [];
  for (const [id, list] of perRule) if (!failed.has(id)) findings.push(...list);
  return { findings, syntaxErrors, failedRules: [...failed] };
}

function makeFinding(
  rule: Rule,
  severity: Severity,
  r: ReportInput<unknown>,
  nodeStart: number,
  nodeEnd: number,
  stmtStart: number,
  stmtEnd: number,
  withFixes: boolean,
  log: (m: string) => void = () => undefined,
  filePath = '',
  timing?: Map<string, number>,
): Finding {
  let fixes: Fix[] = [];
  if (withFixes && r.fixes) {
    // computing fixes (a codemod run per finding, only when fixes are wanted) is timed apart from
    // detection: `fixes` in --timing, taken out of the rule's own time
    const t0 = timing ? performance.now() : 0;
    const s0 = timing ? sharedFactsMs() : 0;
    // a fix that cannot be computed (a codemod's parser rejecting broken input) loses the fix, not the finding
    try {
      fixes = (typeof r.fixes === 'function' ? r.fixes() : r.fixes).filter((f): f is Fix => !!f);
    } catch (e) {
      log(`fix of ${rule.id} threw on ${filePath}; finding kept without a fix: ${(e as Error).message}`);
      fixes = [];
    }
    if (timing) {
      // the caller's visit time includes this: taken out of the rule's own, shared facts apart
      // (the enclosing visit puts the shared part on its own lines)
      const shared = sharedFactsMs() - s0;
      const ms = performance.now() - t0;
      addTime(timing, FIXES_TIMING, ms - shared);
      addTime(timing, rule.id, -(ms - shared));
    }
  }
  return {
    ruleId: rule.id,
    message: r.message,
    start: r.start ?? nodeStart,
    end: r.end ?? nodeEnd,
    severity,
    fixes,
    stmtStart,
    stmtEnd,
  };
}

/** Input the engine refuses to analyse (nesting that would exhaust the stack); the message says why. */
export class UnanalysableInput extends Error {}

export function lint(file: SourceFile, opts: LintOptions): LintResult {
  // what the rules read of other files is one view of them: a stat once per path
  return withPinnedStats(() => lintOnce(file, opts));
}

function lintOnce(file: SourceFile, opts: LintOptions): LintResult {
  const deep = nestingProblem(file.text, file.language);
  if (deep) throw new UnanalysableInput(deep);
  const config = opts.config ?? defaultConfig();
  const log = opts.log ?? (() => undefined);
  const timing = opts.timing ? new Map<string, number>() : undefined;
  const rules = activeRules(file, opts, config, true, timing);
  const withFixes = opts.computeFixes !== false;
  const raw = detect(file, rules, config, log, withFixes, timing, !!opts.alwaysParse, opts.trees);
  const lines = new LineIndex(file.text);
  const sups = findSuppressions(file.text, lines, file.language);
  let findings = applySuppressions(raw.findings, sups, lines);
  let dropped = 0;
  if (withFixes && opts.verifyFixes !== false) {
    for (const f of findings) {
      if (!f.fixes.length) continue;
      const rule = rules.find((r) => r.id === f.ruleId)!;
      const kept: Fix[] = [];
      for (const fix of f.fixes) {
        const problem = verifyFix(file, f, fix, rule, raw, config);
        if (problem) {
          dropped++;
          log(`dropped fix "${fix.title}" of ${f.ruleId} at ${file.path}:${lines.humanPosition(f.start).line}: ${problem}`);
        } else kept.push(fix);
      }
      f.fixes = kept;
    }
  }
  const unusedSetting = config.rules[UNUSED_SUPPRESSION.id] ?? UNUSED_SUPPRESSION.severity;
  if (opts.reportUnusedSuppressions !== false && unusedSetting !== 'off' && !opts.only) {
    const known = new Set(opts.rules.map((r) => r.id));
    // rules skipped by the prefilter still count as enabled: their suppressions are truly unused
    const enabled = new Set(activeRules(file, opts, config, false).map((r) => r.id));
    for (const s of sups) {
      if (s.used) continue;
      // a suppression for a rule that is switched off or does not apply here is not "unused"
      if (s.ids.some((id) => known.has(id) && !enabled.has(id))) continue;
      const unknown = s.ids.filter((id) => !known.has(id));
      const lineStart = lines.lineStart(s.line);
      const before = file.text.slice(lineStart, s.start);
      const removeStart = before.trim() === '' ? lineStart : lineStart + before.trimEnd().length;
      const removeEnd = before.trim() === '' ? Math.min(file.text.length, lines.lineStart(s.line + 1) === lineStart ? file.text.length : lines.lineStart(s.line + 1)) : s.end;
      findings.push({
        ruleId: UNUSED_SUPPRESSION.id,
        message: unknown.length
          ? `Suppression names unknown rule${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`
          : `Unused suppression: no ${s.ids.length ? s.ids.join(', ') : 'shipguard'} finding here`,
        start: s.start,
        end: s.end,
        severity: unusedSetting as Severity,
        fixes: [{ title: 'Remove unused suppression', applicability: 'safe', edits: [{ start: removeStart, end: removeEnd, newText: '' }] }],
        stmtStart: s.start,
        stmtEnd: s.end,
      });
    }
  }
  findings = findings.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
  return { findings, suppressions: sups, syntaxErrors: raw.syntaxErrors, failedRules: raw.failedRules, droppedFixes: dropped, timing };
}

/**
 * Checks one fix: it applies cleanly, the result re-parses without new syntax
 * errors, the rule fires fewer times afterwards (it no longer fires there),
 * and re-running the rule on the result offers nothing at the same place
 * (applying twice equals applying once). Returns a reason, or null when good.
 */
export function verifyFix(file: SourceFile, finding: Finding, fix: Fix, rule: Rule, before: RawResult, config: ResolvedConfig): string | null {
  let after: string;
  try {
    after = applyEdits(file.text, fix.edits);
  } catch (e) {
    return (e as Error).message;
  }
  if (after === file.text) return 'the fix changes nothing';
  const fixed = { ...file, text: after };
  let res: RawResult;
  try {
    // parsed even when the rule's prefilter no longer matches: a fix that removed that text must still parse
    res = detect(fixed, mayFire(rule, fixed) ? [rule] : [], config, () => undefined, false, undefined, true);
  } catch (e) {
    return `re-parse failed: ${(e as Error).message}`;
  }
  if (res.syntaxErrors > before.syntaxErrors) return 'the fixed text does not parse';
  const beforeCount = before.findings.filter((f) => f.ruleId === rule.id).length;
  const afterCount = res.findings.filter((f) => f.ruleId === rule.id).length;
  if (afterCount >= beforeCount) return 'the rule still fires after the fix';
  void finding;
  return null;
}

export interface FixFileOptions extends LintOptions {
  unsafe?: boolean;
  maxPasses?: number;
}

export interface FixFileResult {
  text: string;
  applied: number;
  /** Fix titles applied, per rule id. */
  appliedByRule: Map<string, number>;
  remaining: Finding[];
  /** Remaining findings whose only fix needs a value only a human can give (see `Fix.needsInput`). */
  needsInput: Finding[];
  converged: boolean;
  /** Edits of other files carried by the applied fixes (`Fix.fileEdits`), merged per file; the caller applies them. */
  otherFiles: FileEdits[];
  /** Passes that applied fixes. */
  passes: number;
  /** Whole-file analyses run (each parses the file once): two for a file whose fixes hold in one pass. */
  analyses: number;
}

/** Merges the other-file edits of several fixes: one entry per path, identical insertions once. */
export function mergeFileEdits(list: readonly FileEdits[]): FileEdits[] {
  const byPath = new Map<string, Fix[]>();
  const created = new Set<string>();
  const required = new Set<string>();
  for (const fe of list) {
    const l = byPath.get(fe.path);
    const fix = { title: '', applicability: 'unsafe' as const, edits: fe.edits };
    if (l) l.push(fix);
    else byPath.set(fe.path, [fix]);
    if (fe.create) created.add(fe.path);
    if (fe.required) required.add(fe.path);
  }
  return [...byPath].map(([p, fixes]) => ({ path: p, edits: mergeEdits(fixes), ...(created.has(p) ? { create: true } : {}), ...(required.has(p) ? { required: true } : {}) }));
}

/** Why a finding's fix cannot be applied in bulk, or null when it can (or has no fix at all). */
export function needsInputReason(f: Finding): string | null {
  if (!f.fixes.length || f.fixes.some((x) => !x.needsInput && x.applicability !== 'display-only')) return null;
  return f.fixes.find((x) => x.needsInput)?.needsInput ?? null;
}

/** A fix that bulk fixing applies: safe, or unsafe when allowed, and complete (no input needed). */
export function bulkApplicable(x: Fix, unsafe: boolean): boolean {
  return !x.needsInput && (x.applicability === 'safe' || (unsafe && x.applicability === 'unsafe'));
}

/**
 * Applies every applicable fix in a file, pass after pass, until nothing changes (at most maxPasses).
 *
 * Each pass analyses the file once with fixes computed but not verified one by one, applies
 * every chosen fix together, and analyses the result once: that analysis verifies the whole
 * batch (no new syntax errors, every fixed rule fires less, nothing fires more) and is the next
 * pass's starting point. So a file whose fixes hold costs two analyses, however many fixes it
 * has. When a batch fails, it is halved until the fixes that break it are found: a few bad
 * fixes cost a few analyses each (times the log of the batch), never one per fix.
 */
export function fixFile(file: SourceFile, opts: FixFileOptions): FixFileResult {
  const maxPasses = opts.maxPasses ?? 5;
  let text = file.text;
  let applied = 0;
  let analyses = 0;
  let passes = 0;
  const byRule = new Map<string, number>();
  const other: FileEdits[] = [];
  const log = opts.log ?? (() => undefined);
  const wanted = (x: Fix): boolean => bulkApplicable(x, !!opts.unsafe);
  const analyse = (t: string, computeFixes: boolean): LintResult => {
    analyses++;
    return lint({ ...file, text: t }, { ...opts, verifyFixes: false, computeFixes, alwaysParse: true });
  };
  const done = (text: string, remaining: Finding[], converged: boolean): FixFileResult => ({
    text,
    applied,
    appliedByRule: byRule,
    remaining,
    needsInput: remaining.filter((f) => needsInputReason(f) !== null),
    converged,
    otherFiles: mergeFileEdits(other),
    passes,
    analyses,
  });
  const choose = (findings: Finding[]): Chosen[] => {
    const chosen: Chosen[] = [];
    // fixes are taken in file order; a fix overlapping an earlier chosen one waits for the next pass
    const taken: TextEdit[] = [];
    for (const f of findings) {
      const fix = f.fixes.find(wanted);
      if (!fix) continue;
      if (overlapsTaken(taken, fix.edits)) continue;
      chosen.push({ ruleId: f.ruleId, fix });
      for (const e of fix.edits) insertSorted(taken, e);
    }
    return chosen;
  };
  /** The text after a group of fixes and its analysis, when the group holds; null when it does not. */
  const tryGroup = (before: LintResult, group: Chosen[], computeFixes: boolean): { text: string; after: LintResult } | null => {
    let candidate: string;
    try {
      candidate = applyEdits(text, mergeEdits(group.map((c) => c.fix)));
    } catch {
      return null;
    }
    let after: LintResult;
    try {
      after = analyse(candidate, computeFixes);
    } catch {
      return null;
    }
    return batchHolds(before, after, group) ? { text: candidate, after } : null;
  };
  let res = analyse(text, true);
  for (let pass = 0; pass < maxPasses; pass++) {
    const chosen = choose(res.findings);
    if (!chosen.length) return done(text, res.findings, true);
    passes++;
    let accepted = chosen;
    let next = tryGroup(res, chosen, true);
    if (!next) {
      // find the fixes that break the batch by halving it; groups that hold are kept
      const good: Chosen[] = [];
      const stack: Chosen[][] = [chosen.slice(chosen.length >> 1), chosen.slice(0, chosen.length >> 1)];
      while (stack.length) {
        const g = stack.pop()!;
        if (!g.length) continue;
        if (tryGroup(res, g, false)) good.push(...g);
        else if (g.length > 1) stack.push(g.slice(g.length >> 1), g.slice(0, g.length >> 1));
        else log(`dropped fix "${g[0].fix.title}" of ${g[0].ruleId} in ${file.path}: it does not hold with the file's other fixes or alone`);
      }
      // the groups held one by one; together they must hold too, or this pass fixes nothing
      next = good.length ? tryGroup(res, good, true) : null;
      if (!next) return done(text, res.findings, false);
      accepted = good;
    }
    text = next.text;
    res = next.after;
    applied += accepted.length;
    for (const c of accepted) {
      byRule.set(c.ruleId, (byRule.get(c.ruleId) ?? 0) + 1);
      if (c.fix.fileEdits) other.push(...c.fix.fileEdits);
    }
  }
  const still = res.findings.some((f) => f.fixes.some(wanted));
  return done(text, res.findings, !still);
}

interface Chosen {
  ruleId: string;
  fix: Fix;
}

/** Inserts an edit into a list sorted by start, then end. */
function insertSorted(list: TextEdit[], e: TextEdit): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const m = list[mid];
    if (m.start < e.start || (m.start === e.start && m.end <= e.end)) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, e);
}

/**
 * Does any of `edits` overlap (as editsOverlap says) an edit of `taken`? `taken` is sorted by
 * start then end and its edits overlap no other, so their ends never decrease: only the edits
 * starting at or before e.end and ending at or after e.start can overlap e.
 */
function overlapsTaken(taken: readonly TextEdit[], edits: readonly TextEdit[]): boolean {
  for (const e of edits) {
    let lo = 0;
    let hi = taken.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (taken[mid].start <= e.end) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo - 1; i >= 0 && taken[i].end >= e.start; i--) if (editsOverlap([taken[i]], [e])) return true;
  }
  return false;
}

/** The whole batch of fixes verified at once: parses no worse, no rule failed, each fixed rule fires less, no rule fires more. */
function batchHolds(before: LintResult, after: LintResult, chosen: readonly Chosen[]): boolean {
  if (after.failedRules.length || after.syntaxErrors > before.syntaxErrors) return false;
  const count = (r: LintResult): Map<string, number> => {
    const m = new Map<string, number>();
    for (const f of r.findings) m.set(f.ruleId, (m.get(f.ruleId) ?? 0) + 1);
    return m;
  };
  const b = count(before);
  const a = count(after);
  for (const [id, n] of a) if (n > (b.get(id) ?? 0)) return false;
  for (const { ruleId } of chosen) if ((a.get(ruleId) ?? 0) >= (b.get(ruleId) ?? 0)) return false;
  return true;
}

/** Several fixes may each add the same import; keep identical insertions once. */
function mergeEdits(fixes: Fix[]): Fix['edits'] {
  const out: Fix['edits'] = [];
  const seen = new Set<string>();
  for (const f of fixes) {
    for (const e of f.edits) {
      const key = `${e.start}:${e.end}:${e.newText}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(e);
    }
  }
  // identical-position insertions from different fixes: concatenate in order so applyEdits accepts them
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Fix['edits'] = [];
  for (const e of out) {
    const last = merged[merged.length - 1];
    if (last && last.start === e.start && last.end === last.start && e.end === e.start) {
      last.newText += e.newText;
    } else merged.push({ ...e });
  }
  return merged;
}
