import type { Node } from '../../lang/python/tree';
import type { Fix, PyContext, PyDetector } from '../../engine/types';
import { stringValue, preferredQuote } from '../../lang/python/ast';
import { ensureImport } from '../../lang/python/edits';
import { isPythonTestCode } from '../../lang/scope';
import { withEnvExample } from './env';
import { SECRET_TEXT_RE, envNameFor, isDocsOrExample, isNonProductionConfig, isSecretName, looksLikeSecretValue, mayHoldSecretLiteral, PROVIDER_PREFIX_RE, providerOf, redact, type Provider } from './patterns';

/** Environment lookups whose default argument is insecure-secret-fallback's finding, not this rule's. */
const ENV_LOOKUP = /(?:^|\.)(?:getenv|get|config|env|str|setdefault)$/;

/** The name a string literal is given: assignment target, keyword, dict key, parameter. */
export function pyTargetName(lit: Node): string | null {
  const p = lit.parent;
  if (!p) return null;
  if (p.type === 'assignment' && p.childForFieldName('right') === lit) return lastName(p.childForFieldName('left'));
  if (p.type === 'keyword_argument' && p.childForFieldName('value') === lit) return p.childForFieldName('name')?.text ?? null;
  if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') return p.childForFieldName('name')?.text ?? null;
  if (p.type === 'pair' && p.childForFieldName('value') === lit) {
    const key = stringValue(p.childForFieldName('key'));
    if (!key || !/^(?:password|passwd|pwd|secret|token|key)$/i.test(key)) return key;
    // `DATABASES = {"default": {"PASSWORD": ...}}`: the setting names whose password it is
    let up: Node | null = p.parent;
    while (up && (up.type === 'dictionary' || up.type === 'pair')) up = up.parent;
    const owner = up?.type === 'assignment' ? lastName(up.childForFieldName('left')) : null;
    return owner ? `${owner.replace(/(?<=[a-z0-9])s$/i, '')}_${key}` : key;
  }
  return null;
}

function lastName(n: Node | null): string | null {
  if (!n) return null;
  if (n.type === 'identifier') return n.text;
  if (n.type === 'attribute') return n.childForFieldName('attribute')?.text ?? null;
  if (n.type === 'subscript') return stringValue(n.childForFieldName('subscript')) ?? null;
  return null;
}

/** The literal is the fallback of an environment lookup (`os.getenv("K", "...")`, `os.environ.get("K") or "..."`). */
export function isEnvFallback(lit: Node): boolean {
  const p = lit.parent;
  if (!p) return false;
  const call = p.type === 'argument_list' ? p.parent : p.type === 'keyword_argument' ? p.parent?.parent : null;
  if (call?.type === 'call') {
    const fn = call.childForFieldName('function')?.text ?? '';
    const first = call.childForFieldName('arguments')?.namedChildren[0];
    if (ENV_LOOKUP.test(fn) && first !== lit && /environ|getenv|config|env/.test(fn)) return true;
  }
  if (p.type === 'boolean_operator' && p.childForFieldName('right') === lit && /environ|getenv|config\(|env\(/.test(p.childForFieldName('left')?.text ?? '')) return true;
  return false;
}

/** The variable the fix reads: the literal's own name when it is specific, else the provider's. */
export function envNameOf(name: string | null, provider: Provider | null): string {
  if (!name) return provider ? provider.envName : 'SECRET';
  if (!provider) return envNameFor(name);
  // a key of a known provider: the variable's own name when it says whose key it is
  // (`STRIPE_API_KEY`, `slackBotToken`), else the provider's conventional name (`api_key`, `auth`)
  return PROVIDER_WORDS.test(name) ? envNameFor(name) : provider.envName;
}

const PROVIDER_WORDS = /stripe|aws|amazon|s3|github|gh|slack|google|gcp|maps|firebase|youtube/i;

export function article(label: string): string {
  return `${/^[AEIOU]/.test(label) ? 'an' : 'a'} ${label}`;
}

export function rotationNote(): string {
  return 'rotate it: it stays in the repository history';
}

export const python: PyDetector = {
  nodeTypes: ['string'],
  requires: SECRET_TEXT_RE,
  mayFire: (file) => mayHoldSecretLiteral(file.text) && !isPythonTestCode(file.path, file.text),
  visit(node: Node, ctx: PyContext) {
    // the cheap tests first: a literal long enough, not an f-string, not a docstring
    if (node.endIndex - node.startIndex < 14) return;
    const value = stringValue(node);
    if (value === null || value.length < 12) return;
    if (node.parent?.type === 'expression_statement' || node.parent?.type === 'concatenated_string') return;
    const provider = PROVIDER_PREFIX_RE.test(value) ? providerOf(value.replace(/\\n/g, '\n')) ?? providerOf(value) : null;
    const name = pyTargetName(node);
    if (!provider) {
      if (!name || !isSecretName(name) || !looksLikeSecretValue(value)) return;
      if (isNonProductionConfig(ctx.file.path)) return;
    }
    if (isPythonTestCode(ctx.file.path, ctx.file.text)) return;
    // docs and examples hold sample values: only a live-format provider key there is a leak
    if ((!provider || provider.testMode) && isDocsOrExample(ctx.file.path)) return;
    // `sk_test_...` in `settings/test.py` / `config/development.js` is what those modules are for
    if (provider?.testMode && isNonProductionConfig(ctx.file.path)) return;
    if (isEnvFallback(node)) return;
    const envName = envNameOf(name, provider);
    const what = provider ? article(provider.label) : 'a secret';
    ctx.report({
      node,
      message: `${name ? `\`${name}\` holds` : 'Literal is'} ${what} in source code (\`${redact(value, provider)}\`): read it from the environment (\`${envName}\`) and ${rotationNote()}`,
      fixes: () => [envFix(ctx, node, envName)],
    });
  },
};

function envFix(ctx: PyContext, lit: Node, envName: string): Fix {
  const q = preferredQuote(ctx.file.text);
  const edits = [{ start: lit.startIndex, end: lit.endIndex, newText: `os.environ[${q}${envName}${q}]` }];
  const imp = ensureImport(ctx.file.text, ctx.root, 'os', ctx.file.path);
  if (imp) edits.push(imp);
  return withEnvExample({ title: `Read the secret from the environment (\`os.environ["${envName}"]\`)`, applicability: 'unsafe', edits }, ctx.file.path, envName);
}
