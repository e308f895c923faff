/**
 * Core types shared by the engine, the rules, the language server and the CLI.
 *
 * Offsets are always UTF-16 code unit indices into the file's text (the same
 * unit JavaScript strings, the TypeScript compiler and web-tree-sitter use).
 * Conversion to LSP line/character, SARIF columns and text output happens in
 * one place: `text/positions.ts`.
 */
import type { TextEdit } from '../text/edits';
import type { Node as PyNode } from '../lang/python/tree';
import type { ts } from 'ts-morph';
import type { PyBindings } from '../lang/python/bindings';
import type { JsBindings } from '../lang/js/bindings';
import type { ResolvedConfig } from './config';

/** Text edits are text primitives (`text/edits.ts`); re-exported for the rule and fix contracts below. */
export type { TextEdit };

export type Language = 'python' | 'javascript' | 'typescript';
export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type Applicability = 'safe' | 'unsafe' | 'display-only';
export type FixAvailability = 'always' | 'sometimes' | 'none';
export type Family =
  | 'idempotency'
  | 'locking'
  | 'throttling'
  | 'error-handling'
  | 'secrets-auth-config'
  | 'performance-operations'
  | 'meta';


/** Edits of another file of the workspace, by absolute path. */
export interface FileEdits {
  path: string;
  edits: TextEdit[];
  /**
   * The file did not exist when the edits were computed: they apply to an empty text and
   * create it (a project's first `.env.example`).
   */
  create?: boolean;
  /**
   * The fix does not work without this file (a new module the fix imports): an editor that cannot
   * create files gets no fix rather than the fix without it (an optional `.env.example` is left out).
   */
  required?: boolean;
}

export interface Fix {
  /** What the edit does ("Add `timeout=10`"). */
  title: string;
  applicability: Applicability;
  edits: TextEdit[];
  /**
   * Optional snippet form of the edits: when the fix needs a value nobody can
   * guess, the editor inserts this with a placeholder for the user to fill.
   * `edits` then contain a visible `TODO` placeholder, for editors without
   * snippet support.
   */
  snippet?: TextEdit[];
  /**
   * Set when the fix needs a value only a human can give (why, in a few words:
   * "no stable id in scope"). The editor offers it one finding at a time (as
   * its `snippet`); bulk fixing (`shipguard fix`, fix-all, the workspace
   * codemod) never applies it and lists the finding as needing input instead,
   * so nothing that raises at run time is ever reported as fixed.
   */
  needsInput?: string;
  /**
   * Edits of other files the fix needs to keep the app working (a DRF scope's rate in the
   * settings module, a dependency in package.json), computed on their text on disk. The
   * engine verifies `edits` on this file; `shipguard fix` and the editor apply these too
   * (the editor as one WorkspaceEdit), each file re-parsed before it is written.
   */
  fileEdits?: FileEdits[];
}

export interface Finding {
  ruleId: string;
  message: string;
  start: number;
  end: number;
  severity: Severity;
  fixes: Fix[];
  /** Range of the enclosing statement, used for suppression comments. */
  stmtStart?: number;
  stmtEnd?: number;
}

export interface SourceFile {
  path: string;
  text: string;
  language: Language;
  /** .tsx / .jsx files need the JSX-aware parsers. */
  jsx: boolean;
}

/** What a detector receives while the runner walks a Python tree. */
export interface PyContext {
  file: SourceFile;
  root: PyNode;
  bindings: PyBindings;
  config: ResolvedConfig;
  report(f: ReportInput<PyNode>): void;
}

export interface JsContext {
  file: SourceFile;
  sourceFile: ts.SourceFile;
  bindings: JsBindings;
  config: ResolvedConfig;
  report(f: ReportInput<ts.Node>): void;
}

export interface ReportInput<N> {
  /** The node the finding is attached to (its range is the finding's range unless start/end given). */
  node: N;
  message: string;
  start?: number;
  end?: number;
  /**
   * The fixes for this site. Pass a function when computing them is costly
   * (a jscodeshift run): the runner calls it only when fixes are wanted
   * (editor, `shipguard fix`), not for a plain scan.
   */
  fixes?: Fix[] | (() => Array<Fix | null>);
}

export interface PyDetector {
  /** tree-sitter node types this detector wants to see; the runner walks the tree once for all rules. */
  nodeTypes: readonly string[];
  /**
   * A text the file must contain for this detector to have anything to find
   * (a necessary condition, like Semgrep's prefilter): files without it are not
   * even parsed for this rule. Must be sound: no finding without a match. A list asks for
   * every one of its texts (the call a rule looks for and the import or check it needs).
   */
  requires?: RegExp | readonly RegExp[];
  /**
   * A second necessary condition, asked only when `requires` matched: what the file imports
   * (and the project modules it imports from) must make a finding possible. Costlier than
   * `requires` (it may read imported modules' text), far cheaper than visiting every node.
   * Must be sound like `requires`: false only where the detector cannot report. Its time
   * counts as the rule's in `--timing`.
   */
  mayFire?(file: SourceFile): boolean;
  visit(node: PyNode, ctx: PyContext): void;
}

export interface JsDetector {
  /** ts.SyntaxKind values this detector wants to see. */
  kinds: readonly ts.SyntaxKind[];
  /** See PyDetector.requires. */
  requires?: RegExp | readonly RegExp[];
  /** See PyDetector.mayFire. */
  mayFire?(file: SourceFile): boolean;
  visit(node: ts.Node, ctx: JsContext): void;
}

export interface RuleFixMeta {
  availability: FixAvailability;
  /** The most a fix of this rule may be; a site can downgrade it, never upgrade. */
  maxApplicability: Applicability;
  /** Generic title used in docs ("Add an idempotency key"). */
  title: string;
}

export interface Rule {
  id: string;
  family: Family;
  severity: Severity;
  languages: readonly Language[];
  /** Markdown with the headings of STYLE.md section 4; the first sentence stands alone. */
  docs: string;
  fix: RuleFixMeta | null;
  python?: PyDetector;
  js?: JsDetector;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
