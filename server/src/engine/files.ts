/** Turning paths and bytes into `SourceFile`s, with the skips a linter must make. */
import * as path from 'node:path';
import type { Language, SourceFile } from './types';

const EXTENSIONS: Record<string, Language> = {
  '.py': 'python',
  '.pyi': 'python',
  '.js': 'javascript',
  '.jsx': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.ts': 'typescript',
  '.tsx': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
};

export const SOURCE_GLOBS = ['**/*.{py,js,jsx,mjs,cjs,ts,tsx,mts,cts}'];

export function languageOf(filePath: string): Language | null {
  if (filePath.endsWith('.d.ts')) return null;
  return EXTENSIONS[path.extname(filePath).toLowerCase()] ?? null;
}

/** LSP language ids -> engine languages. */
export function languageOfId(languageId: string): Language | null {
  switch (languageId) {
    case 'python':
      return 'python';
    case 'javascript':
    case 'javascriptreact':
      return 'javascript';
    case 'typescript':
    case 'typescriptreact':
      return 'typescript';
    default:
      return null;
  }
}

export type Decoded =
  | { ok: true; file: SourceFile; warning?: string }
  | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const lossy = new TextDecoder('utf-8', { fatal: false });

/** Decodes file bytes, refusing what is not source a linter should read. */
export function decodeSource(filePath: string, bytes: Uint8Array, maxFileSize: number): Decoded {
  const language = languageOf(filePath);
  if (!language) return { ok: false, reason: 'not a Python or JavaScript/TypeScript file' };
  if (bytes.length > maxFileSize) {
    return { ok: false, reason: `skipped: ${bytes.length} bytes is over the ${maxFileSize}-byte limit (setting maxFileSize)` };
  }
  const probe = bytes.subarray(0, 8000);
  if (probe.includes(0)) return { ok: false, reason: 'skipped: binary file (contains NUL bytes)' };
  let text: string;
  let warning: string | undefined;
  try {
    text = utf8.decode(bytes);
  } catch {
    text = lossy.decode(bytes);
    warning = 'not valid UTF-8: analysed with replacement characters; fixes are not written to this file';
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, file: makeSourceFile(filePath, text), warning };
}

/** A file whose longest lines look generated or minified is not worth linting. */
export function looksMinified(text: string): boolean {
  if (text.length < 20_000) return false;
  let lines = 1;
  let longest = 0;
  // line by line with indexOf (a native search), not character by character: the editor asks on every lint
  for (let start = 0; ; ) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    if (end - start > longest) longest = end - start;
    if (nl < 0) break;
    lines++;
    start = nl + 1;
  }
  return longest > 10_000 && text.length / lines > 500;
}

export function makeSourceFile(filePath: string, text: string, language?: Language): SourceFile {
  const lang = language ?? languageOf(filePath) ?? 'typescript';
  const ext = path.extname(filePath).toLowerCase();
  return { path: filePath, text, language: lang, jsx: ext === '.tsx' || ext === '.jsx' || ext === '.js' };
}

/**
 * How deep brackets may nest before a file is refused. The TypeScript parser
 * recurses once per level (about 750 levels exhaust the main thread's stack,
 * a worker's is larger), and so do rule helpers that walk subtrees: one limit
 * well below both, checked before parsing, makes every thread and the editor
 * give the same answer. Real code stays far below it (deeply nested data
 * literals reach a few dozen levels).
 */
export const MAX_NESTING = 256;

/**
 * Why a text is too deeply nested to analyse, or null. Counts `(`, `[` and `{`
 * outside strings and comments in one pass without recursion; what it cannot
 * tell apart (a regex literal, a template string's `${`) can only count more,
 * so it errs towards refusing a pathological file, never towards a crash.
 */
export function nestingProblem(text: string, language: Language): string | null {
  // the editor asks twice of one text (before the lint and in it): the second answer is the first
  if (text === lastNesting.text && language === lastNesting.language) return lastNesting.answer;
  const answer = countNesting(text, language);
  lastNesting = { text, language, answer };
  return answer;
}

let lastNesting: { text: string; language: Language; answer: string | null } = { text: '', language: 'python', answer: null };

function countNesting(text: string, language: Language): string | null {
  const python = language === 'python';
  let depth = 0;
  let max = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) {
      if (++depth > max) {
        max = depth;
        if (max > MAX_NESTING) break;
      }
    } else if (c === 41 || c === 93 || c === 125) {
      if (depth > 0) depth--;
    } else if (c === 34 || c === 39 || (c === 96 && !python)) {
      // a string: skip to its closing quote on the same line (template strings may span lines)
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) i++;
        else if (d === c) break;
        else if (d === 10 && c !== 96) break;
      }
    } else if ((python && c === 35) || (!python && c === 47 && text.charCodeAt(i + 1) === 47)) {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? n : eol;
    } else if (!python && c === 47 && text.charCodeAt(i + 1) === 42) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 1;
    }
  }
  return max > MAX_NESTING ? `brackets nested more than ${MAX_NESTING} levels deep: not analysed (the parser would run out of stack)` : null;
}
