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
import jscodeshift from 'jscodeshift';
import type { API, FileInfo, Transform } from 'jscodeshift';
import type { Applicability, Fix, SourceFile } from '../../server/src/engine/types';
import { diffToEdits } from '../../server/src/engine/fixes';

export interface TargetRange {
  start: number;
  end: number;
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

export function runTransform(transform: Transform, filePath: string, source: string, options: CodemodOptions = {}): string | undefined {
  const j = jscodeshift.withParser(parserFor(filePath));
  const api: API = { j, jscodeshift: j, stats: () => undefined, report: () => undefined };
  const file: FileInfo = { path: filePath, source };
  const out = transform(file, api, options);
  if (typeof out !== 'string' || out === source) return undefined;
  return out;
}

/** A node's range in the source (babel parsers give `start`/`end` offsets in UTF-16 units). */
export function nodeRange(node: unknown): TargetRange | null {
  const n = node as { start?: number; end?: number };
  return typeof n.start === 'number' && typeof n.end === 'number' ? { start: n.start, end: n.end } : null;
}

/** True when `options.range` is absent (fix every site) or starts exactly at this node. */
export function inTarget(node: unknown, options: CodemodOptions): boolean {
  if (!options.range) return true;
  const r = nodeRange(node);
  return !!r && r.start === options.range.start;
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
