/**
 * Running jscodeshift transforms from the engine.
 *
 * A transform under codemods/js/ has the standard shape
 * `(file, api, options) => string | undefined | null` and runs standalone with
 * the jscodeshift CLI (`npx jscodeshift -t codemods/js/<rule>.ts --parser=tsx src/`).
 * The engine calls the same function with `options.range = { start, end }`
 * to change one site (quick fix), or without a range to change every site
 * (fix-all, workspace codemod), then diffs the output into minimal edits.
 */
import type { API, FileInfo, JSCodeshift, Transform } from 'jscodeshift';
import type { Applicability, Fix, SourceFile } from '../../server/src/engine/types';
import { diffToEdits } from '../../server/src/text/edits';
import { detectEol } from '../../server/src/text/positions';

export interface TargetRange {
  start: number;
  end: number;
  /**
   * The same start as recast sees it: recast parses a copy of the source with
   * CRLF turned into LF and leading tabs expanded, so babel offsets of a CRLF or
   * tab-indented file differ from the engine's. Line and column survive that
   * normalisation (the column is counted with leading tabs expanded), so
   * `inTarget` compares those. Filled in by runTransform.
   */
  line?: number;
  column?: number;
}

export interface CodemodOptions {
  range?: TargetRange;
  [key: string]: unknown;
}

/** The jscodeshift parser for a path: `ts` for .ts (angle-bracket casts), `tsx` for everything else. */
export function parserFor(filePath: string): 'ts' | 'tsx' {
  const lower = filePath.toLowerCase();
  return lower.endsWith('.ts') || lower.endsWith('.mts') || lower.endsWith('.cts') ? 'ts' : 'tsx';
}

// the parsers jscodeshift itself uses, called directly: recast's copy of the source has
// leading tabs expanded and CRLF normalised, so its offsets would not index the original text
// (loaded at first use, like jscodeshift itself: a scan that computes no JS fix never needs them)
type ParserFactory = () => { parse(code: string): unknown };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const tsxParser: ParserFactory = () => (require('jscodeshift/parser/tsx') as ParserFactory)();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const tsParser: ParserFactory = () => (require('jscodeshift/parser/ts') as ParserFactory)();

let jscodeshiftLib: JSCodeshift | null = null;
/** jscodeshift, loaded at the first transform (babel, recast and ast-types take a tenth of a cold start). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const jscodeshift = (): JSCodeshift => (jscodeshiftLib ??= require('jscodeshift') as JSCodeshift);

/** The babel AST of `source` (offsets index the original text), with jscodeshift's parser for the file's kind; throws on a syntax error. */
export function parseProgram<N>(filePath: string, source: string): N {
  const parser = parserFor(filePath) === 'ts' ? tsParser() : tsxParser();
  return (parser.parse(source) as { program: N }).program;
}

export function runTransform(transform: Transform, filePath: string, source: string, options: CodemodOptions = {}): string | undefined {
  const j = jscodeshift().withParser(parserFor(filePath));
  const api: API = { j, jscodeshift: j, stats: () => undefined, report: () => undefined };
  const file: FileInfo = { path: filePath, source };
  const opts = options.range ? { ...options, range: { ...options.range, ...recastPosition(source, options.range.start) } } : options;
  let out = transform(file, api, opts);
  if (typeof out !== 'string' || out === source) return undefined;
  // recast prints LF; give a CRLF file its line endings back.
  if (detectEol(source) === '\r\n') out = out.replace(/\r?\n/g, '\r\n');
  return out === source ? undefined : out;
}

const RECAST_TAB_WIDTH = 4;

/** 1-based line and recast column (leading indentation expanded like recast's countSpaces) of an offset. */
export function recastPosition(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 10) {
      line++;
      lineStart = i + 1;
    } else if (c === 13 && source.charCodeAt(i + 1) !== 10) {
      line++;
      lineStart = i + 1;
    }
  }
  let column = 0;
  let i = lineStart;
  for (; i < offset; i++) {
    const c = source.charCodeAt(i);
    if (c === 9) {
      const next = Math.ceil(column / RECAST_TAB_WIDTH) * RECAST_TAB_WIDTH;
      column = next === column ? column + RECAST_TAB_WIDTH : next;
    } else if (c === 32) column++;
    else if (c === 11 || c === 12 || c === 13 || c === 0xfeff) continue;
    else break;
  }
  return { line, column: column + (offset - i) };
}

/** A node's range in the source (babel parsers give `start`/`end` offsets in UTF-16 units). */
export function nodeRange(node: unknown): TargetRange | null {
  const n = node as { start?: number; end?: number };
  return typeof n.start === 'number' && typeof n.end === 'number' ? { start: n.start, end: n.end } : null;
}

/** True when `options.range` is absent (fix every site) or starts exactly at this node. */
export function inTarget(node: unknown, options: CodemodOptions): boolean {
  const range = options.range;
  if (!range) return true;
  const loc = (node as { loc?: { start?: { line: number; column: number } } }).loc?.start;
  if (loc && range.line !== undefined && range.column !== undefined) {
    return loc.line === range.line && loc.column === range.column;
  }
  const r = nodeRange(node);
  return !!r && r.start === range.start;
}

/** Turns a transform's output for one site into a Fix, or null when the transform declines. */
export function fixFromTransform(
  file: SourceFile,
  transform: Transform,
  range: TargetRange,
  title: string,
  applicability: Applicability,
  extra: Record<string, unknown> = {},
): Fix | null {
  const out = runTransform(transform, file.path, file.text, { ...extra, range });
  if (out === undefined) return null;
  return { title, applicability, edits: diffToEdits(file.text, out) };
}

/** Quote style the file mostly uses, for string literals a transform adds. */
export function quoteOf(source: string): 'single' | 'double' {
  const single = (source.match(/'/g) ?? []).length;
  const double = (source.match(/"/g) ?? []).length;
  return single > double ? 'single' : 'double';
}
