import type { Node } from '../../lang/python/tree';
import type { Fix, PyContext, PyDetector } from '../../engine/types';
import { callArgs, hasKwargsSplat, keywordArg, positionalArgs, preferredQuote, stringValue } from '../../lang/python/ast';
import { ensureImport } from '../../lang/python/edits';
import { isPythonTestCode } from '../../lang/scope';

const DECODE_QNAMES = new Set(['jwt.decode', 'jwt.api_jwt.decode', 'jose.jwt.decode']);
const ENCODE_QNAMES = new Set(['jwt.encode', 'jwt.api_jwt.encode', 'jose.jwt.encode']);

/** `{"verify_signature": False}` (also `"verify": False`, python-jose's `"verify_signature"`) in an options dict literal. */
function verifyOffPair(options: Node | null): Node | null {
  if (options?.type !== 'dictionary') return null;
  for (const p of options.namedChildren) {
    if (p.type !== 'pair') continue;
    const k = stringValue(p.childForFieldName('key'));
    if ((k === 'verify_signature' || k === 'verify') && p.childForFieldName('value')?.type === 'false') return p;
  }
  return null;
}

/** What is wrong with a decode call, in the words of the message; null when it verifies. */
function problem(call: Node, qname: string): string | null {
  if (keywordArg(call, 'verify')?.type === 'false') return '`verify=False` accepts any token, signed by anyone';
  if (verifyOffPair(keywordArg(call, 'options'))) return '`verify_signature: False` accepts any token, signed by anyone';
  const algs = keywordArg(call, 'algorithms');
  if (algs && /['"]none['"]/i.test(algs.text)) return '`algorithms` allows `none`: an unsigned token passes';
  if (!algs && qname.startsWith('jwt.') && !hasKwargsSplat(call)) return 'no `algorithms=`: the token picks its own algorithm (PyJWT 1.x accepts any; 2.x raises)';
  return null;
}

/** What the file signs its own tokens with: `jwt.encode(claims, KEY, algorithm="HS256")`. */
function encodeFacts(ctx: PyContext): { key: string | null; alg: string | null } {
  let key: string | null = null;
  let alg: string | null = null;
  const visit = (n: Node): void => {
    if (key && alg) return;
    if (n.type === 'call' && /encode/.test(n.childForFieldName('function')?.text ?? '') && ENCODE_QNAMES.has(ctx.bindings.resolve(n.childForFieldName('function')) ?? '')) {
      const k = positionalArgs(n)[1] ?? keywordArg(n, 'key');
      if (k && (k.type === 'identifier' || k.type === 'attribute' || k.type === 'subscript')) key ??= k.text;
      const a = stringValue(keywordArg(n, 'algorithm') ?? positionalArgs(n)[2]);
      if (a) alg ??= a;
      else if (k) alg ??= 'HS256'; // PyJWT's default for encode
    }
    for (const c of n.namedChildren) visit(c);
  };
  if (/\bencode\s*\(/.test(ctx.file.text)) visit(ctx.root);
  return { key, alg };
}

const PEEK_NAME = /^_*(?:is|has|should|can)_|unverified|peek|header/i;

function enclosingFunctionName(n: Node): string {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'function_definition') return p.childForFieldName('name')?.text ?? '';
  return '';
}

export const python: PyDetector = {
  nodeTypes: ['call'],
  requires: /\bjwt\b|\bjose\b/,
  visit(node: Node, ctx: PyContext) {
    const fn = node.childForFieldName('function');
    // the cheap shape test first: `jwt.decode`, or a name imported from elsewhere (`decode as jwt_decode`)
    if (!fn || !(/\.decode$/.test(fn.text) || (fn.type === 'identifier' && ctx.bindings.imports.has(fn.text)))) return;
    const qname = ctx.bindings.resolve(fn);
    if (!qname || !DECODE_QNAMES.has(qname)) return;
    if (isPythonTestCode(ctx.file.path, ctx.file.text)) return;
    const why = problem(node, qname);
    if (!why) return;
    // a predicate or a peek (`is_saleor_token`, `unverified_claims`) routes a token to the verifying
    // code path; its claims authenticate nothing
    if (!why.startsWith('no ') && PEEK_NAME.test(enclosingFunctionName(node))) return;
    ctx.report({
      node,
      start: node.startIndex,
      end: fn.endIndex,
      message: `\`${fn.text}\` without signature verification: ${why}; verify with the key and a fixed \`algorithms=[...]\``,
      fixes: () => [verifyFix(ctx, node, fn)],
    });
  },
};

function verifyFix(ctx: PyContext, call: Node, fn: Node): Fix | null {
  const pos = positionalArgs(call);
  const token = pos[0] ?? keywordArg(call, 'jwt') ?? keywordArg(call, 'token');
  if (!token) return null;
  // the arguments are rewritten: a comment among them would be lost
  if (call.childForFieldName('arguments')?.namedChildren.some((c) => c.type === 'comment')) return null;
  const q = preferredQuote(ctx.file.text);
  const facts = encodeFacts(ctx);
  const edits = [];
  const given = pos[1] ?? keywordArg(call, 'key');
  // a literal key next to verification turned off is a dummy (`"not-checked"`), not the key
  let key = given && given.type !== 'string' ? given.text : facts.key;
  if (!key) {
    key = `os.environ[${q}JWT_SECRET${q}]`;
    const imp = ensureImport(ctx.file.text, ctx.root, 'os', ctx.file.path);
    if (imp) edits.push(imp);
  }
  const algs = keywordArg(call, 'algorithms');
  const keptAlgs = algs && !/['"]none['"]/i.test(algs.text) ? algs.text : null;
  const alg = facts.alg;
  const algText = keptAlgs ?? `[${q}${alg ?? 'HS256'}${q}]`;
  // the other keyword arguments stay, minus what turned verification off
  const rest: string[] = [];
  for (const a of callArgs(call)) {
    if (a === pos[0] || a === pos[1] || a === token) continue;
    if (a.type !== 'keyword_argument') {
      rest.push(a.text);
      continue;
    }
    const name = a.childForFieldName('name')?.text;
    if (name === 'verify' || name === 'algorithms' || name === 'key' || name === 'jwt' || name === 'token') continue;
    const value = a.childForFieldName('value');
    if (name === 'options' && value) {
      const off = verifyOffPair(value);
      if (off) {
        const others = value.namedChildren.filter((p) => p !== off && p.type !== 'comment').map((p) => p.text);
        if (others.length) rest.push(`options={${others.join(', ')}}`);
        continue;
      }
    }
    rest.push(a.text);
  }
  const args = call.childForFieldName('arguments')!;
  const newArgs = `(${[token.text, key, `algorithms=${algText}`, ...rest].join(', ')})`;
  edits.push({ start: args.startIndex, end: args.endIndex, newText: newArgs });
  const fix: Fix = { title: `Verify the token's signature (\`${key}\`, \`algorithms=${algText}\`)`, applicability: 'unsafe', edits };
  if (!keptAlgs && !alg) {
    fix.needsInput = 'the signing algorithm is not visible in this file';
    const escape = (t: string) => t.replace(/[$}\\]/g, '\\$&');
    fix.snippet = edits.map((e) => ({ ...e, newText: e.start === args.startIndex ? escape(e.newText).replace(`[${q}HS256${q}]`, `[${q}\${1:HS256}${q}]`) : escape(e.newText) }));
  }
  return fix;
}
