import type { Node } from '../../lang/python/tree';
import type { Fix, PyContext, PyDetector } from '../../engine/types';
import { callArgs, keywordArg, positionalArgs, preferredQuote, stringValue } from '../../lang/python/ast';
import { ensureImport } from '../../lang/python/edits';
import { isPythonTestCode } from '../../lang/scope';
import { isNonProductionConfig, isSecretName } from '../hardcoded-secret/patterns';
import { pyTargetName } from '../hardcoded-secret/python';
import { withEnvExample } from '../hardcoded-secret/env';
import { unlessShipped } from './shipped';

/** Lookups that return their second argument when the variable is missing (`setdefault` also stores it in the environment). */
const OS_LOOKUPS = new Set(['os.getenv', 'os.environ.get', 'os.environ.setdefault']);
/** python-decouple and django-environ: `default=` is the fallback; without it they raise. */
function isConfigLookup(qname: string): boolean {
  return qname === 'decouple.config' || /^environ\.Env\(\)(?:\.(?:str|bytes))?$/.test(qname);
}

interface Site {
  call: Node;
  envName: string;
  fallback: Node;
  kind: 'os' | 'config';
}

function site(call: Node, ctx: PyContext): Site | null {
  const fn = call.childForFieldName('function');
  if (!fn) return null;
  const qname = ctx.bindings.resolve(fn) ?? '';
  const isOs = OS_LOOKUPS.has(qname);
  if (!isOs && !isConfigLookup(qname)) return null;
  const envName = stringValue(positionalArgs(call)[0]);
  if (!envName) return null;
  let fallback = isOs ? (positionalArgs(call)[1] ?? keywordArg(call, 'default')) : keywordArg(call, 'default');
  // `os.environ.get("SECRET_KEY") or "dev"`
  const p = call.parent;
  if (!fallback && p?.type === 'boolean_operator' && p.childForFieldName('left') === call && p.children.some((c) => c.type === 'or')) fallback = p.childForFieldName('right');
  if (!fallback) return null;
  const value = stringValue(fallback);
  if (value === null || value === '') return null; // no literal, or an empty one (the app then fails to sign)
  return { call, envName, fallback, kind: isOs ? 'os' : 'config' };
}

export const python: PyDetector = {
  nodeTypes: ['call'],
  requires: /getenv|environ|config\(|env\(|env\.str\(/,
  visit(node: Node, ctx: PyContext) {
    const fn = node.childForFieldName('function');
    // the cheap shape test first: the callee's spelling and a literal variable name, before resolving
    if (!fn || !/(?:getenv|environ\.get|environ\.setdefault|config|env|\.str|\.bytes)$/.test(fn.text)) return;
    if (positionalArgs(node)[0]?.type !== 'string') return;
    const s = site(node, ctx);
    if (!s) return;
    const target = pyTargetName(s.call.parent?.type === 'boolean_operator' ? s.call.parent : s.call);
    if (!isSecretName(s.envName) && !(target && isSecretName(target))) return;
    if (isPythonTestCode(ctx.file.path, ctx.file.text) || isNonProductionConfig(ctx.file.path)) return;
    ctx.report({
      node,
      start: node.startIndex,
      end: s.fallback.parent?.type === 'boolean_operator' ? s.fallback.endIndex : node.endIndex,
      message: `\`${s.envName}\` falls back to a literal when the variable is missing: production then runs with a secret everyone who reads the code knows; fail fast instead`,
      fixes: () => [unlessShipped(failFastFix(ctx, s), ctx.file.path, s.envName, stringValue(s.fallback)!)],
    });
  },
};

function failFastFix(ctx: PyContext, s: Site): Fix {
  const edits = [];
  const q = preferredQuote(ctx.file.text);
  const orExpr = s.fallback.parent?.type === 'boolean_operator' ? s.fallback.parent : null;
  if (s.kind === 'os') {
    const fn = s.call.childForFieldName('function')!;
    // `os.getenv` / `os.environ.get` -> `os.environ[...]`; an imported `getenv` needs `import os`
    const osName = fn.type === 'attribute' && /^(\w+)\.(?:getenv|environ\.get|environ\.setdefault)$/.test(fn.text) ? fn.text.split('.')[0] : 'os';
    if (osName === 'os' && !/^os\./.test(fn.text)) {
      const imp = ensureImport(ctx.file.text, ctx.root, 'os', ctx.file.path);
      if (imp) edits.push(imp);
    }
    const replaced = orExpr ?? s.call;
    edits.push({ start: replaced.startIndex, end: replaced.endIndex, newText: `${osName}.environ[${q}${s.envName}${q}]` });
    return withEnvExample({ title: `Fail fast when \`${s.envName}\` is missing (\`os.environ[${q}${s.envName}${q}]\`)`, applicability: 'unsafe', edits }, ctx.file.path, s.envName);
  }
  if (orExpr) {
    edits.push({ start: s.call.endIndex, end: orExpr.endIndex, newText: '' });
  } else {
    // drop `, default="..."`: decouple and django-environ raise when the variable is missing
    const kw = s.fallback.parent!;
    const args = callArgs(s.call);
    const i = args.indexOf(kw);
    const start = i > 0 ? args[i - 1].endIndex : kw.startIndex;
    edits.push({ start, end: kw.endIndex, newText: '' });
  }
  return withEnvExample({ title: `Fail fast when \`${s.envName}\` is missing (drop the default)`, applicability: 'unsafe', edits }, ctx.file.path, s.envName);
}
