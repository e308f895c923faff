import type { Node } from '../../lang/python/tree';
import type { PyContext, PyDetector } from '../../engine/types';
import { hasKwargsSplat, keywordArg, positionalArgs } from '../../lang/python/ast';
import { addTimeoutFix } from '../../../../codemods/python/request-without-timeout';
import { isPythonTestCode } from './scope';
import { splatMayCarry } from './py-splat';

const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request']);
/** Session factories whose instances behave like `requests` itself. */
const SESSION_PREFIXES = ['requests.Session()', 'requests.session()', 'requests.sessions.Session()'];

/** What kind of call this is, from its resolved qualified name. */
export function classifyRequestCall(qname: string | null): 'requests' | 'urlopen' | null {
  if (!qname) return null;
  if (qname === 'urllib.request.urlopen' || qname === 'urllib2.urlopen') return 'urlopen';
  const dot = qname.lastIndexOf('.');
  if (dot < 0) return null;
  const owner = qname.slice(0, dot);
  const method = qname.slice(dot + 1);
  if (!HTTP_METHODS.has(method)) return null;
  if (owner === 'requests' || owner === 'requests.api') return 'requests';
  if (SESSION_PREFIXES.includes(owner)) return 'requests';
  return null;
}

export const python: PyDetector = {
  nodeTypes: ['call'],
  // names can come from another module (`from .http import session`), so the method name is the sound test
  requires: /requests|urlopen|\.(?:get|post|put|patch|delete|head|options|request)\s*\(/,
  visit(node: Node, ctx: PyContext) {
    const kind = classifyRequestCall(ctx.bindings.resolve(node.childForFieldName('function')));
    if (!kind) return;
    if (hasKwargsSplat(node) && splatMayCarry(node, ['timeout'])) return; // **kwargs may carry the timeout
    if (keywordArg(node, 'timeout')) return;
    if (isPythonTestCode(ctx.file.path, ctx.file.text)) return; // the test runner bounds it
    if (kind === 'urlopen' && positionalArgs(node).length >= 3) return; // urlopen(url, data, timeout)
    const fn = node.childForFieldName('function')!;
    ctx.report({
      node,
      start: node.startIndex,
      end: fn.endIndex,
      message:
        kind === 'urlopen'
          ? '`urlopen` without a timeout: a stalled server hangs this worker forever'
          : `\`${fn.text}\` without \`timeout=\`: a stalled server hangs this worker forever`,
      fixes: [addTimeoutFix(ctx.file.text, node)],
    });
  },
};
