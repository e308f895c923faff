/**
 * Codemod: load a loop's relations with its queryset. Appends `.select_related("author")`
 * (ForeignKey / OneToOne paths) and `.prefetch_related("pages")` (many sides) to the queryset
 * expression where it is built, before a final `.iterator()`; where the chain already has that
 * call, the names are added to it. A chain split over lines (one `.method()` a line) gets the
 * new call on a line of its own.
 */
import type { Node } from '../../server/src/lang/python/tree';
import type { Fix } from '../../server/src/engine/types';
import type { TextEdit } from '../../server/src/text/edits';
import type { OrmChain } from '../../server/src/lang/python/django';
import { detectEol } from '../../server/src/text/positions';
import { indentAt, preferredQuote } from '../../server/src/lang/python/ast';
import { addArgument } from '../../server/src/lang/python/edits';

export type LoadMethod = 'select_related' | 'prefetch_related';

/** Calls a queryset's own methods may not follow: the new call goes before them. */
const TERMINAL = new Set(['iterator', 'aiterator']);

export function loadRelationsFix(text: string, chain: OrmChain, want: Map<LoadMethod, string[]>, filePath: string | undefined): Fix | null {
  const q = preferredQuote(text);
  const lit = (names: string[]): string => names.map((n) => `${q}${n}${q}`).join(', ');
  // Django 5 refuses `prefetch_related` with `.iterator()` that has no chunk_size
  const iter = chain.links.find((l) => TERMINAL.has(l.method));
  if (iter && want.get('prefetch_related')?.length && !/chunk_size/.test(iter.call.text)) return null;
  const edits: TextEdit[] = [];
  const appended: string[] = [];
  for (const [method, names] of want) {
    if (!names.length) continue;
    const existing = [...chain.links].reverse().find((l) => l.method === method);
    if (existing) edits.push(...addArgument(text, existing.call, lit(names), filePath));
    else appended.push(`.${method}(${lit(names)})`);
  }
  if (appended.length) {
    let i = chain.links.length;
    while (i > 0 && TERMINAL.has(chain.links[i - 1].method)) i--;
    const before: Node = i > 0 ? chain.links[i - 1].call : chain.manager;
    const at = before.endIndex;
    // `(\n    Model.objects.filter(...)\n    .order_by(...)\n)`: one call a line
    const last = i > 0 ? chain.links[i - 1] : null;
    const obj = last?.attr.childForFieldName('object');
    const split = last && obj ? /[\r\n]/.test(text.slice(obj.endIndex, last.attr.childForFieldName('attribute')!.startIndex)) : false;
    const dot = split ? text.lastIndexOf('.', last!.attr.childForFieldName('attribute')!.startIndex) : -1;
    const newText = split ? appended.map((c) => `${detectEol(text)}${indentAt(text, dot)}${c}`).join('') : appended.join('');
    edits.push({ start: at, end: at, newText });
  }
  if (!edits.length) return null;
  const all = [...want.entries()].filter(([, n]) => n.length).map(([m, n]) => `\`${m}(${n.map((x) => `"${x}"`).join(', ')})\``);
  return { title: `Load the relations with the queryset: ${all.join(' and ')}`, applicability: 'safe', edits };
}
