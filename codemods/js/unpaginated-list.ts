/**
 * Codemod: page a Prisma `findMany()` of a route handler. Declares `take` (1..200, default 50) and
 * `skip` (>= 0) from the query (`req.query.limit` / `offset`; a Next.js handler reads
 * `new URL(request.url).searchParams`) before the statement, and passes them to the call.
 * Offered when the handler's first parameter is a plain name and no `take` / `skip` is in scope.
 */
import { ts } from 'ts-morph';
import type { Fix } from '../../server/src/engine/types';
import type { TextEdit } from '../../server/src/text/edits';

export const DEFAULT_TAKE = 50;
export const MAX_TAKE = 200;

function statementOf(n: ts.Node): ts.Node {
  let cur = n;
  while (cur.parent && !ts.isBlock(cur.parent) && !ts.isSourceFile(cur.parent)) cur = cur.parent;
  return cur;
}

export function pageFromQueryFix(text: string, sf: ts.SourceFile, call: ts.CallExpression, handler: ts.FunctionLikeDeclaration, next: boolean): Fix | null {
  const reqParam = handler.parameters[0];
  if (!reqParam || !ts.isIdentifier(reqParam.name) || !handler.body || !ts.isBlock(handler.body)) return null;
  if (/\b(?:take|skip)\b/.test(handler.body.getText(sf).replace(/findMany/g, ''))) return null;
  const req = reqParam.name.text;
  const st = statementOf(call);
  if (!ts.isBlock(st.parent)) return null;
  const nl = text.includes('\r\n') ? '\r\n' : '\n';
  const lineStart = text.lastIndexOf('\n', st.getStart(sf) - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  const q = (text.match(/'/g)?.length ?? 0) >= (text.match(/"/g)?.length ?? 0) ? "'" : '"';
  const semi = /;\s*$/m.test(st.getText(sf)) ? ';' : '';
  const param = (name: string, def: number) => (next
    ? `new URL(${req}.url).searchParams.get(${q}${name}${q}) ?? ${q}${def}${q}`
    : `String(${req}.query.${name} ?? ${q}${def}${q})`);
  const decls = [
    `const take = Math.min(Math.max(Number.parseInt(${param('limit', DEFAULT_TAKE)}, 10) || ${DEFAULT_TAKE}, 1), ${MAX_TAKE})${semi}`,
    `const skip = Math.max(Number.parseInt(${param('offset', 0)}, 10) || 0, 0)${semi}`,
  ];
  const edits: TextEdit[] = [{ start: st.getStart(sf), end: st.getStart(sf), newText: `${decls.join(`${nl}${indent}`)}${nl}${indent}` }];
  const arg = call.arguments[0];
  if (!arg) {
    const open = call.arguments.pos;
    edits.push({ start: open, end: open, newText: '{ take, skip }' });
  } else if (ts.isObjectLiteralExpression(arg)) {
    const props = arg.properties;
    if (!props.length) {
      edits.push({ start: arg.getStart(sf), end: arg.getEnd(), newText: '{ take, skip }' });
    } else {
      const last = props[props.length - 1];
      const multiline = text.slice(arg.getStart(sf), arg.getEnd()).includes('\n');
      if (multiline) {
        const ls = text.lastIndexOf('\n', last.getStart(sf) - 1) + 1;
        const pind = /^[ \t]*/.exec(text.slice(ls))![0];
        edits.push({ start: last.getEnd(), end: last.getEnd(), newText: `,${nl}${pind}take,${nl}${pind}skip` });
      } else {
        edits.push({ start: last.getEnd(), end: last.getEnd(), newText: ', take, skip' });
      }
    }
  } else {
    return null;
  }
  return { title: `Page the list: \`take\` (at most ${MAX_TAKE}) and \`skip\` from the query`, applicability: 'unsafe', edits };
}
