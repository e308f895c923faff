/**
 * Codemod: add `timeout=10` to a requests / urlopen call.
 * Edit builder over the tree-sitter tree; keeps the call's own layout.
 */
import type { Node } from '../../server/src/lang/python/tree';
import type { Fix } from '../../server/src/engine/types';
import { addArgument } from '../../server/src/lang/python/edits';

export const DEFAULT_TIMEOUT_SECONDS = 10;

/** `filePath` gives the line limit the call is wrapped to when the timeout pushes it past (see `addArgument`). */
export function addTimeoutFix(text: string, call: Node, filePath?: string): Fix {
  return {
    title: `Add \`timeout=${DEFAULT_TIMEOUT_SECONDS}\``,
    applicability: 'safe',
    edits: addArgument(text, call, `timeout=${DEFAULT_TIMEOUT_SECONDS}`, filePath),
  };
}

/**
 * `timeout=None` -> `timeout=10`. Unsafe: an explicit None may be deliberate (a long download),
 * so the bound is the user's call, one site at a time.
 */
export function replaceTimeoutFix(value: Node): Fix {
  return {
    title: `Replace \`timeout=${value.text}\` with \`timeout=${DEFAULT_TIMEOUT_SECONDS}\``,
    applicability: 'unsafe',
    edits: [{ start: value.startIndex, end: value.endIndex, newText: String(DEFAULT_TIMEOUT_SECONDS) }],
  };
}
