/**
 * JavaScript / TypeScript parsing with the TypeScript compiler bundled in
 * ts-morph: one `createSourceFile` per file, no program, no type check.
 * Positions are UTF-16 offsets, the engine's unit.
 */
import { ts } from 'ts-morph';

export function scriptKindFor(filePath: string): ts.ScriptKind {
  const lower = filePath.toLowerCase();
  if (lower.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (lower.endsWith('.ts') || lower.endsWith('.mts') || lower.endsWith('.cts')) return ts.ScriptKind.TS;
  if (lower.endsWith('.jsx')) return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}

/**
 * No rule reads JSDoc, and parsing it is a fifth of the parse time of typical
 * TypeScript: JSDoc comments stay plain comments (ParseNone, TypeScript 5.3+).
 * Parent pointers are set, since rules walk up from the nodes they visit.
 */
const PARSE_OPTIONS: ts.CreateSourceFileOptions = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };

export function parseJs(filePath: string, text: string): ts.SourceFile {
  return ts.createSourceFile(filePath, text, PARSE_OPTIONS, /*setParentNodes*/ true, scriptKindFor(filePath));
}

/** Number of syntax errors the parser reported (parseDiagnostics is internal but stable across TS versions). */
export function countJsSyntaxErrors(sf: ts.SourceFile): number {
  const diags = (sf as unknown as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics;
  return diags ? diags.length : 0;
}

/**
 * Loads the TypeScript compiler now (the bundles load it at its first use: see esbuild.mjs), so
 * that the first JS/TS file does not wait for it.
 */
export function loadJsParser(): void {
  void ts.createSourceFile;
}

export { ts };
