/**
 * jscodeshift transform: an `express-rate-limit` middleware in front of a
 * sensitive Express route.
 *
 *   app.post('/login', login)
 *   -> const loginLimiter = rateLimit({ windowMs: 15 * 60 * 1000, limit: 5, standardHeaders: 'draft-7', legacyHeaders: false });
 *      app.post('/login', loginLimiter, login)
 *
 * The limiter goes first in the route's middleware chain and is declared just before the top-level statement holding the
 * route (one limiter per route, so a login budget is not shared with a signup
 * one); the import follows the file's module style (`import rateLimit from
 * 'express-rate-limit'` or `const rateLimit = require('express-rate-limit')`)
 * and is reused when the file already has one. The engine adds
 * `express-rate-limit` to the nearest package.json when it is missing.
 *
 * Standalone: `npx jscodeshift -t codemods/js/unthrottled-sensitive-endpoint.ts --parser=tsx --fragment=login src/routes/auth.ts`
 * limits every route whose path contains the fragment; the engine passes `options.range` for one route.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { API, FileInfo } from 'jscodeshift';
import { fixFromTransform, inTarget, quoteOf, type CodemodOptions } from '../lib/jscodeshift';
import type { Fix, SourceFile } from '../../server/src/engine/types';
import type { TextEdit } from '../../server/src/text/edits';
import type { JsEndpoint } from '../../server/src/lang/endpoints/js';
import { detectEol } from '../../server/src/text/positions';

type AnyNode = { type: string; start?: number; end?: number; [k: string]: any };

const VERBS = new Set(['post', 'put', 'patch', 'delete', 'get', 'all']);
export const EXPRESS_RATE_LIMIT_VERSION = '^7.5.0';

function camel(fragment: string): string {
  return fragment.toLowerCase().replace(/[^a-z0-9]+(.)/g, (_, c: string) => c.toUpperCase());
}

export default function transformer(file: FileInfo, api: API, options: CodemodOptions): string | undefined {
  const j = api.jscodeshift;
  const src = file.source;
  const root = j(src);
  const fragment = typeof options.fragment === 'string' ? options.fragment : 'sensitive';
  const q = quoteOf(src) === 'single' ? "'" : '"';
  const eol = detectEol(src);
  const semi = /;\s*$/m.test(src) ? ';' : '';
  const edits: Array<{ start: number; end: number; text: string }> = [];
  // the import of express-rate-limit the file already has, if any
  let local: string | null = null;
  root.find(j.ImportDeclaration).forEach((p) => {
    const n = p.node as unknown as AnyNode;
    if (n.source?.value !== 'express-rate-limit') return;
    for (const s of n.specifiers ?? []) {
      if (s.type === 'ImportDefaultSpecifier' || (s.type === 'ImportSpecifier' && (s.imported?.name === 'rateLimit' || s.imported?.name === 'default'))) local = s.local.name;
    }
  });
  const requireOf = (n: AnyNode | undefined): boolean => n?.type === 'CallExpression' && n.callee?.type === 'Identifier' && n.callee.name === 'require' && n.arguments?.[0]?.value === 'express-rate-limit';
  root.find(j.VariableDeclarator).forEach((p) => {
    const n = p.node as unknown as AnyNode;
    if (n.id?.type === 'Identifier' && requireOf(n.init)) local = n.id.name;
  });
  const taken = new Set<string>();
  root.find(j.Identifier).forEach((p) => {
    taken.add((p.node as unknown as AnyNode).name);
  });
  const program = (root.get().node as AnyNode).program as AnyNode;
  const body: AnyNode[] = program.body;
  const cjs = !body.some((s) => s.type === 'ImportDeclaration') && /\brequire\s*\(/.test(src);
  let changed = 0;
  root.find(j.CallExpression).forEach((p) => {
    const call = p.node as unknown as AnyNode;
    if (!inTarget(call, options)) return;
    const callee = call.callee;
    if (callee?.type !== 'MemberExpression' || !VERBS.has(callee.property?.name)) return;
    const args: AnyNode[] = call.arguments ?? [];
    if (!args.length) return;
    if (!options.range) {
      const first = args[0];
      const pathText = typeof first?.value === 'string' ? first.value : '';
      if (!pathText.toLowerCase().includes(fragment.toLowerCase())) return;
    }
    // the limiter runs first in the chain, so rejected requests cost nothing else (validation, auth)
    const pathFirst = args[0]?.type === 'StringLiteral' || args[0]?.type === 'Literal' || args[0]?.type === 'TemplateLiteral';
    if (pathFirst && args.length < 2) return;
    const handler = pathFirst ? args[1] : args[0];
    // the top-level statement holding the route
    let stmt: any = p;
    while (stmt.parent && stmt.parent.node.type !== 'Program') stmt = stmt.parent;
    const top = stmt.node as AnyNode;
    if (!stmt.parent || typeof top.start !== 'number' || typeof handler.start !== 'number') return;
    let name = `${camel(fragment)}Limiter`;
    for (let i = 2; taken.has(name); i++) name = `${camel(fragment)}Limiter${i}`;
    taken.add(name);
    const fn = local ?? 'rateLimit';
    // above the statement's own leading comments, which describe the route
    const lead = ((top.comments ?? top.leadingComments ?? []) as AnyNode[]).filter((c) => c.leading !== false && typeof c.start === 'number' && c.start < top.start!);
    let lineStart = Math.min(top.start, ...lead.map((c) => c.start!));
    while (lineStart > 0 && src[lineStart - 1] !== '\n') lineStart--;
    let ownLine = top.start;
    while (ownLine > 0 && src[ownLine - 1] !== '\n') ownLine--;
    const indent = src.slice(ownLine, top.start);
    const decl = `const ${name} = ${fn}({ windowMs: 15 * 60 * 1000, limit: 5, standardHeaders: ${q}draft-7${q}, legacyHeaders: false })${semi}`;
    edits.push({ start: lineStart, end: lineStart, text: `${indent}${decl}${eol}` });
    edits.push({ start: handler.start, end: handler.start, text: `${name}, ` });
    changed++;
  });
  if (!changed) return undefined;
  if (!local) {
    const imports = body.filter((s) => (cjs ? s.type === 'VariableDeclaration' && s.declarations?.some((d: AnyNode) => d.init?.type === 'CallExpression' && d.init.callee?.name === 'require') : s.type === 'ImportDeclaration'));
    const line = cjs ? `const rateLimit = require(${q}express-rate-limit${q})${semi}` : `import rateLimit from ${q}express-rate-limit${q}${semi}`;
    const last = imports[imports.length - 1];
    if (last && typeof last.end === 'number') edits.push({ start: last.end, end: last.end, text: `${eol}${line}` });
    else edits.push({ start: 0, end: 0, text: `${line}${eol}` });
  }
  let out = src;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

export function jsFixes(file: SourceFile, e: JsEndpoint, fragment: string): Fix[] {
  if (e.framework !== 'express' || !e.handlerArg) return [];
  const fix = fixFromTransform(file, transformer, { start: e.start, end: e.end }, `Add an \`express-rate-limit\` limiter (5 per 15 minutes) to the route`, 'unsafe', { fragment });
  if (!fix) return [];
  const pkg = dependencyEdit(file.path);
  if (pkg) {
    fix.title += ` and \`express-rate-limit\` to ${path.basename(pkg.path)}`;
    fix.fileEdits = [pkg];
  }
  return [fix];
}

/** The edit adding express-rate-limit to the dependencies of the nearest package.json, when missing. */
export function dependencyEdit(file: string): { path: string; edits: TextEdit[] } | null {
  if (!path.isAbsolute(file)) return null;
  let dir = path.dirname(file);
  for (let i = 0; i < 12; i++) {
    const pkg = path.join(dir, 'package.json');
    let text: string | null = null;
    try {
      text = fs.readFileSync(pkg, 'utf8');
    } catch {
      text = null;
    }
    if (text !== null) {
      let data: { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
      try {
        data = JSON.parse(text);
      } catch {
        return null;
      }
      if (data.dependencies?.['express-rate-limit'] || data.devDependencies?.['express-rate-limit']) return null;
      const edit = addDependency(text, 'express-rate-limit', EXPRESS_RATE_LIMIT_VERSION);
      return edit ? { path: pkg, edits: [edit] } : null;
    }
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return null;
}

/** Inserts `"name": "version"` into `dependencies` in alphabetical place, in the file's indentation; creates the key when missing. */
export function addDependency(text: string, name: string, version: string): TextEdit | null {
  const eol = detectEol(text);
  const m = /"dependencies"\s*:\s*\{/.exec(text);
  const indentUnit = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  if (!m) {
    const close = text.lastIndexOf('}');
    if (close < 0) return null;
    const before = text.slice(0, close).trimEnd();
    const comma = before.endsWith('{') ? '' : ',';
    const start = before.length;
    return { start, end: close, newText: `${comma}${eol}${indentUnit}"dependencies": {${eol}${indentUnit}${indentUnit}"${name}": "${version}"${eol}${indentUnit}}${eol}` };
  }
  const open = m.index + m[0].length;
  const close = text.indexOf('}', open);
  if (close < 0) return null;
  const inner = text.slice(open, close);
  const entries = [...inner.matchAll(/"([^"]+)"\s*:\s*"[^"]*"/g)];
  const itemIndent = /\n([ \t]+)"/.exec(inner)?.[1] ?? `${indentUnit}${indentUnit}`;
  if (!entries.length) return { start: open, end: close, newText: `${eol}${itemIndent}"${name}": "${version}"${eol}${indentUnit}` };
  const after = entries.find((e) => e[1] > name);
  if (after) {
    const at = open + after.index!;
    return { start: at, end: at, newText: `"${name}": "${version}",${eol}${itemIndent}` };
  }
  const last = entries[entries.length - 1];
  const at = open + last.index! + last[0].length;
  return { start: at, end: at, newText: `,${eol}${itemIndent}"${name}": "${version}"` };
}
