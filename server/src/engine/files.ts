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
  let cur = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      lines++;
      if (cur > longest) longest = cur;
      cur = 0;
    } else cur++;
  }
  if (cur > longest) longest = cur;
  return longest > 10_000 && text.length / lines > 500;
}

export function makeSourceFile(filePath: string, text: string, language?: Language): SourceFile {
  const lang = language ?? languageOf(filePath) ?? 'typescript';
  const ext = path.extname(filePath).toLowerCase();
  return { path: filePath, text, language: lang, jsx: ext === '.tsx' || ext === '.jsx' || ext === '.js' };
}
