/**
 * jscodeshift transform: an express-rate-limit / express-slow-down limiter counts in Redis.
 *
 *   rateLimit({ windowMs: 60_000, limit: 5 })
 *   -> rateLimit({ windowMs: 60_000, limit: 5, store: new RedisStore({ sendCommand: (...args) => redisClient.sendCommand(args) }) })
 *
 * with `import { RedisStore } from 'rate-limit-redis'`, `import { createClient } from 'redis'` and, once per
 * file, `const redisClient = createClient({ url: process.env.REDIS_URL }); redisClient.connect();`
 * after the imports (require in CommonJS files). A client the file already makes with `createClient`
 * is reused. New dependencies: rate-limit-redis, redis.
 */
import type { API, FileInfo } from 'jscodeshift';
import type { ts } from 'ts-morph';
import { fixFromTransform, inTarget, quoteOf, type CodemodOptions } from '../lib/jscodeshift';
import type { Fix, SourceFile } from '../../server/src/engine/types';
import { detectEol } from '../../server/src/text/positions';

type AnyNode = { type: string; start?: number; end?: number; [k: string]: any };

export default function transformer(file: FileInfo, api: API, options: CodemodOptions): string | undefined {
  const j = api.jscodeshift;
  const src = file.source;
  const root = j(src);
  const q = quoteOf(src) === 'single' ? "'" : '"';
  const eol = detectEol(src);
  const semi = /;\s*$/m.test(src) ? ';' : '';
  const ts = /\.(m|c)?tsx?$/.test(file.path);
  const edits: Array<{ start: number; end: number; text: string }> = [];
  let client: string | null = null;
  root.find(j.VariableDeclarator).forEach((p) => {
    const n = p.node as unknown as AnyNode;
    if (n.id?.type === 'Identifier' && n.init?.type === 'CallExpression' && n.init.callee?.name === 'createClient') client = n.id.name;
  });
  const clientName = client ?? 'redisClient';
  let nth = 0;
  root.find(j.CallExpression).forEach((p) => {
    const call = p.node as unknown as AnyNode;
    nth++;
    if (!inTarget(call, options)) return;
    const arg = call.arguments?.[0] as AnyNode | undefined;
    // one key prefix per limiter: two limiters on one prefix would add up each other's hits
    const parent = p.parent?.node as AnyNode | undefined;
    const named = parent?.type === 'VariableDeclarator' && parent.id?.type === 'Identifier' ? parent.id.name : null;
    const routePath = parent?.type === 'CallExpression' && typeof parent.arguments?.[0]?.value === 'string' ? parent.arguments[0].value : null;
    const prefix = `rl:${named ?? routePath ?? `limiter${nth}`}:`;
    const store = `store: new RedisStore({ prefix: ${q}${prefix}${q}, sendCommand: (...args${ts ? ': string[]' : ''}) => ${clientName}.sendCommand(args) })`;
    if (!arg) {
      const close = call.end! - 1;
      edits.push({ start: close, end: close, text: `{ ${store} }` });
    } else if (arg.type === 'ObjectExpression') {
      const props: AnyNode[] = arg.properties ?? [];
      if (!props.length) edits.push({ start: arg.start! + 1, end: arg.end! - 1, text: ` ${store} ` });
      else {
        const last = props[props.length - 1];
        const between = src.slice(last.end!, arg.end! - 1);
        const multiline = /\n/.test(src.slice(arg.start!, arg.end!));
        if (multiline) {
          let ls = last.start!;
          while (ls > 0 && src[ls - 1] !== '\n') ls--;
          const indent = src.slice(ls, last.start!);
          edits.push({ start: last.end!, end: last.end!, text: `${between.includes(',') ? '' : ','}${eol}${indent}${store}${between.includes(',') ? ',' : ''}` });
        } else edits.push({ start: last.end!, end: last.end!, text: `, ${store}` });
      }
    }
  });
  if (!edits.length) return undefined;
  const body: AnyNode[] = ((root.get().node as AnyNode).program as AnyNode).body;
  const cjs = !body.some((s) => s.type === 'ImportDeclaration') && /\brequire\s*\(/.test(src);
  const has = (mod: string) => new RegExp(`['"]${mod}['"]`).test(src);
  const lines: string[] = [];
  if (!has('rate-limit-redis')) lines.push(cjs ? `const { RedisStore } = require(${q}rate-limit-redis${q})${semi}` : `import { RedisStore } from ${q}rate-limit-redis${q}${semi}`);
  if (!client) {
    if (!has('redis')) lines.push(cjs ? `const { createClient } = require(${q}redis${q})${semi}` : `import { createClient } from ${q}redis${q}${semi}`);
  }
  const imports = body.filter((s) => (cjs ? s.type === 'VariableDeclaration' && s.declarations?.some((d: AnyNode) => d.init?.type === 'CallExpression' && d.init.callee?.name === 'require') : s.type === 'ImportDeclaration'));
  const last = imports[imports.length - 1];
  let text = lines.map((l) => `${eol}${l}`).join('');
  if (!client) text += `${eol}${eol}const ${clientName} = createClient({ url: process.env.REDIS_URL })${semi}${eol}${clientName}.connect()${semi}`;
  if (text) {
    if (last) edits.push({ start: last.end!, end: last.end!, text });
    else edits.push({ start: 0, end: 0, text: `${text.replace(/^(\r?\n)+/, '')}${eol}${eol}` });
  }
  let out = src;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

export function jsStoreFix(file: SourceFile, call: ts.CallExpression): Fix | null {
  const sf = call.getSourceFile();
  return fixFromTransform(file, transformer, { start: call.getStart(sf), end: call.getEnd() }, 'Count in Redis: a `rate-limit-redis` store on a client from REDIS_URL (adds rate-limit-redis and redis)', 'unsafe');
}
