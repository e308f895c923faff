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
import { LineIndex } from './positions';
import { applySuppressions, findSuppressions, type Suppression } from './suppress';
import { applyEdits, editsOverlap } from './fixes';
import { defaultConfig, type ResolvedConfig } from './config';
import type { FileEdits, Finding, Fix, JsContext, PyContext, ReportInput, Rule, Severity, SourceFile } from './types';
import { UNUSED_SUPPRESSION } from './builtin';
import { nestingProblem } from './files';

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
  log?: (message: string) => void;
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
  const re = det?.requires;
  if (re) {
    re.lastIndex = 0;
    if (!re.test(file.text)) return false;
  }
  if (!det?.mayFire) return true;
  const t0 = timing ? performance.now() : 0;
  try {
    return det.mayFire(file);
  } catch {
    return true;
  } finally {
    if (timing) addTime(timing, rule.id, performance.now() - t0);
  }
}

interface RawResult {
  findings: Finding[];
  syntaxErrors: number;
  failedRules: string[];
}

/** Detect only: no suppressions, no verification. */
function detect(file: SourceFile, rules: readonly Rule[], config: ResolvedConfig, log: (m: string) => void, withFixes = true, timing?: Map<string, number>): RawResult {
  // nothing can fire: no parse at all (most files of a real workspace)
  if (!rules.length) return { findings: [], syntaxErrors: 0, failedRules: [] };
  if (file.language === 'python') return detectPython(file, rules, config, log, withFixes, timing);
  return detectJs(file, rules, config, log, withFixes, timing);
}

/** The --timing key of fix computation (all rules together; not part of any rule's detection time). */
export const FIXES_TIMING = 'fixes (computed for the output)';

function addTime(timing: Map<string, number>, key: string, ms: number): void {
  timing.set(key, (timing.get(key) ?? 0) + ms);
}

function detectPython(file: SourceFile, rules: readonly Rule[], config: ResolvedConfig, log: (m: string) => void, withFixes: boolean, timing?: Map<string, number>): RawResult {
  const tp = timing ? performance.now() : 0;
  const root = parsePythonTree(file.text);
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
        try {
          h.rule.python!.visit(node, h.ctx);
        } catch (e) {
          failed.add(h.rule.id);
          log(`rule ${h.rule.id} threw on ${file.path}: ${(e as Error).stack ?? e}`);
        }
        if (timing) addTime(timing, h.rule.id, performance.now() - t0);
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

function detectJs(file: SourceFile, rules: readonly Rule[], config: ResolvedConfig, log: (m: string) => void, withFixes: boolean, timing?: Map<string, number>): RawResult {
  const tp = timing ? performance.now() : 0;
  const sf = parseJs(file.path, file.text);
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
        try {
          h.rule.js!.visit(node, h.ctx);
        } catch (e) {
          failed.add(h.rule.id);
          log(`rule ${h.rule.id} threw on ${file.path}: ${(e as Error).stack ?? e}`);
        }
        if (timing) addTime(timing, h.rule.id, performance.now() - t0);
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
    // a fix that cannot be computed (a codemod's parser rejecting broken input) loses the fix, not the finding
    try {
      fixes = (typeof r.fixes === 'function' ? r.fixes() : r.fixes).filter((f): f is Fix => !!f);
    } catch (e) {
      log(`fix of ${rule.id} threw on ${filePath}; finding kept without a fix: ${(e as Error).message}`);
      fixes = [];
    }
    if (timing) {
      const ms = performance.now() - t0;
      addTime(timing, FIXES_TIMING, ms);
      addTime(timing, rule.id, -ms);
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
  const deep = nestingProblem(file.text, file.language);
  if (deep) throw new UnanalysableInput(deep);
  const config = opts.config ?? defaultConfig();
  const log = opts.log ?? (() => undefined);
  const timing = opts.timing ? new Map<string, number>() : undefined;
  const rules = activeRules(file, opts, config, true, timing);
  const withFixes = opts.computeFixes !== false;
  const raw = detect(file, rules, config, log, withFixes, timing);
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
    res = detect(fixed, mayFire(rule, fixed) ? [rule] : [], config, () => undefined, false);
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
}

/** Merges the other-file edits of several fixes: one entry per path, identical insertions once. */
export function mergeFileEdits(list: readonly FileEdits[]): FileEdits[] {
  const byPath = new Map<string, Fix[]>();
  for (const fe of list) {
    const l = byPath.get(fe.path);
    const fix = { title: '', applicability: 'unsafe' as const, edits: fe.edits };
    if (l) l.push(fix);
    else byPath.set(fe.path, [fix]);
  }
  return [...byPath].map(([p, fixes]) => ({ path: p, edits: mergeEdits(fixes) }));
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

/** Applies every applicable fix in a file, pass after pass, until nothing changes (at most maxPasses). */
export function fixFile(file: SourceFile, opts: FixFileOptions): FixFileResult {
  const maxPasses = opts.maxPasses ?? 5;
  let text = file.text;
  let applied = 0;
  const byRule = new Map<string, number>();
  const other: FileEdits[] = [];
  const wanted = (x: Fix): boolean => bulkApplicable(x, !!opts.unsafe);
  const done = (text: string, remaining: Finding[], converged: boolean): FixFileResult => ({
    text,
    applied,
    appliedByRule: byRule,
    remaining,
    needsInput: remaining.filter((f) => needsInputReason(f) !== null),
    converged,
    otherFiles: mergeFileEdits(other),
  });
  const choose = (findings: Finding[]): Array<{ ruleId: string; fix: Fix }> => {
    const chosen: Array<{ ruleId: string; fix: Fix }> = [];
    for (const f of findings) {
      const fix = f.fixes.find(wanted);
      if (!fix) continue;
      if (chosen.some((c) => editsOverlap(c.fix.edits, fix.edits))) continue;
      chosen.push({ ruleId: f.ruleId, fix });
    }
    return chosen;
  };
  for (let pass = 0; pass < maxPasses; pass++) {
    // Fast path: compute fixes without verifying each one, apply them together, and
    // verify the batch once (no new syntax errors, every fixed rule fires less, nothing
    // fires more). Only when the batch fails is every fix verified on its own.
    const res = lint({ ...file, text }, { ...opts, verifyFixes: false });
    let chosen = choose(res.findings);
    if (!chosen.length) return done(text, res.findings, true);
    let next: string | null = null;
    try {
      const candidate = applyEdits(text, mergeEdits(chosen.map((c) => c.fix)));
      if (batchHolds(file, res, candidate, chosen, opts)) next = candidate;
    } catch {
      next = null;
    }
    if (next === null) {
      const verified = lint({ ...file, text }, { ...opts, verifyFixes: true });
      chosen = choose(verified.findings);
      if (!chosen.length) return done(text, verified.findings, true);
      next = applyEdits(text, mergeEdits(chosen.map((c) => c.fix)));
    }
    text = next;
    applied += chosen.length;
    for (const c of chosen) {
      byRule.set(c.ruleId, (byRule.get(c.ruleId) ?? 0) + 1);
      if (c.fix.fileEdits) other.push(...c.fix.fileEdits);
    }
  }
  const res = lint({ ...file, text }, { ...opts, verifyFixes: false, computeFixes: true });
  const still = res.findings.some((f) => f.fixes.some(wanted));
  return done(text, res.findings, !still);
}

/** The whole batch of fixes verified at once: parses no worse, each fixed rule fires less, no rule fires more. */
function batchHolds(file: SourceFile, before: LintResult, candidate: string, chosen: Array<{ ruleId: string }>, opts: LintOptions): boolean {
  const after = lint({ ...file, text: candidate }, { ...opts, computeFixes: false, verifyFixes: false });
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
