/**
 * Edits shared by the secrets fixes: reading a value from the environment in
 * the file's language, and declaring the variable's name in `.env.example`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ts } from 'ts-morph';
import type { FileEdits, Fix } from '../../engine/types';
import type { TextEdit } from '../../text/edits';
import { detectEol } from '../../text/positions';

/** The name of the helper the JS fixes call: it throws a clear error when the variable is missing. */
export const REQUIRE_ENV = 'requireEnv';

/**
 * Makes `requireEnv(name)` available in a JS/TS module: nothing when the file already declares
 * or imports a `requireEnv`, else a small function after the last top-level import (a
 * function declaration is hoisted, so module-level uses above it work too).
 */
export function ensureRequireEnv(text: string, sf: ts.SourceFile, typed: boolean): TextEdit | null {
  if (new RegExp(`\\b(?:function|const|let|var|import)\\b[^;\\n]*\\b${REQUIRE_ENV}\\b`).test(text)) return null;
  const eol = detectEol(text);
  let at = 0;
  let after = false;
  for (const s of sf.statements) {
    const isImport =
      ts.isImportDeclaration(s) ||
      ts.isImportEqualsDeclaration(s) ||
      (ts.isVariableStatement(s) && s.declarationList.declarations.every((d) => d.initializer && /^require\s*\(\s*['"][^'"]+['"]\s*\)(?:\.\w+)*$/.test(d.initializer.getText(sf)))) ||
      (ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression) && at === s.getFullStart()); // a directive
    if (!isImport) break;
    // after the statement's line, trailing comment included
    const eolAt = text.indexOf('\n', s.getEnd());
    at = eolAt < 0 ? text.length : text[eolAt - 1] === '\r' ? eolAt - 1 : eolAt;
    after = true;
  }
  const sig = typed ? `function ${REQUIRE_ENV}(name: string): string {` : `function ${REQUIRE_ENV}(name) {`;
  const fn = [
    sig,
    '  const value = process.env[name];',
    '  if (!value) throw new Error(`Missing environment variable ${name}`);',
    '  return value;',
    '}',
  ].join(eol);
  if (after) return { start: at, end: at, newText: `${eol}${eol}${fn}` };
  // no imports: at the top, after a shebang line
  const shebang = /^#![^\r\n]*\r?\n/.exec(text);
  const start = shebang ? shebang[0].length : 0;
  return { start, end: start, newText: `${fn}${eol}${eol}` };
}

/** Folders that mark the project a file belongs to (where its `.env.example` lives). */
const PROJECT_MARKERS = ['.shipguard.json', 'package.json', 'pyproject.toml', 'setup.py', 'setup.cfg', 'manage.py', 'requirements.txt', '.git', '.env.example'];

/** The project folder of a file: the nearest folder above it with a project marker, else its own folder. */
export function projectRootOf(filePath: string): string {
  let dir = path.dirname(path.resolve(filePath));
  for (let i = 0; i < 64; i++) {
    if (PROJECT_MARKERS.some((m) => fs.existsSync(path.join(dir, m)))) return dir;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return path.dirname(path.resolve(filePath));
}

/**
 * The edit that declares `names` in the project's `.env.example` (the file is created when
 * missing: the edit then applies to an empty text). Only the names are written, never a value.
 * Null when every name is declared already.
 *
 * Meant for a fix's edits to another file (`Fix.fileEdits`): `{ path, edits }` is that shape.
 */
export function envExampleEdit(filePath: string, names: readonly string[]): FileEdits | null {
  const target = path.join(projectRootOf(filePath), '.env.example');
  let text = '';
  let exists = true;
  try {
    text = fs.readFileSync(target, 'utf8');
  } catch {
    exists = false; // created by the edit
  }
  const declared = new Set(Array.from(text.matchAll(/^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*=/gm), (m) => m[1]));
  const missing = [...new Set(names)].filter((n) => !declared.has(n));
  if (!missing.length) return null;
  const eol = text ? detectEol(text) : '\n';
  const edits: TextEdit[] = [];
  // the line break a last line without one needs is an edit of its own: several fixes' edits merge
  // into one (identical edits are kept once), so each name lands on its own line
  if (text && !/\r?\n$/.test(text)) edits.push({ start: text.length, end: text.length, newText: eol });
  edits.push({ start: text.length, end: text.length, newText: `${missing.map((n) => `${n}=`).join(eol)}${eol}` });
  return { path: target, edits, ...(exists ? {} : { create: true }) };
}

/** The fix also declares the variable's name (never its value) in the project's `.env.example`, when it is not there yet. */
export function withEnvExample(fix: Fix, filePath: string, envName: string): Fix {
  const example = envExampleEdit(filePath, [envName]);
  if (!example) return fix;
  return { ...fix, title: `${fix.title}, declared in ${example.create ? 'a new ' : ''}\`.env.example\``, fileEdits: [example] };
}
