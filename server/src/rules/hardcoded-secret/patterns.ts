/**
 * What a secret looks like, shared by the secrets rules (hardcoded-secret,
 * insecure-secret-fallback): provider key formats matched exactly, names that
 * hold secrets, entropy for the values assigned to them, and placeholders.
 *
 * Precision comes first: generic secret scanners are noisy on `public_key`,
 * environment variable names, UUIDs, lockfile hashes and `"Bearer"`. A
 * provider format is trusted anywhere; entropy is asked only of a literal
 * assigned to a secret-like name.
 */

export interface Provider {
  /** "Stripe live secret key" */
  label: string;
  /** the environment variable the fix reads when the literal has no better name */
  envName: string;
  /** characters of the value a message may show (the documented prefix) */
  prefixLength: number;
  /** a test-mode key (`sk_test_`): harmless in docs and examples */
  testMode?: boolean;
}

interface ProviderFormat extends Provider {
  re: RegExp;
}

// Each format is anchored on the whole literal: a key inside a sentence or a URL is not a key
// assignment, and anchoring is what keeps lockfile hashes and prose out.
const FORMATS: ProviderFormat[] = [
  { re: /^sk_live_[0-9A-Za-z]{24,247}$/, label: 'Stripe live secret key', envName: 'STRIPE_SECRET_KEY', prefixLength: 8 },
  { re: /^sk_test_[0-9A-Za-z]{24,247}$/, label: 'Stripe test secret key', envName: 'STRIPE_SECRET_KEY', prefixLength: 8, testMode: true },
  { re: /^rk_live_[0-9A-Za-z]{24,247}$/, label: 'Stripe live restricted key', envName: 'STRIPE_RESTRICTED_KEY', prefixLength: 8 },
  { re: /^rk_test_[0-9A-Za-z]{24,247}$/, label: 'Stripe test restricted key', envName: 'STRIPE_RESTRICTED_KEY', prefixLength: 8, testMode: true },
  { re: /^whsec_[0-9A-Za-z+/=]{32,}$/, label: 'Stripe webhook signing secret', envName: 'STRIPE_WEBHOOK_SECRET', prefixLength: 6 },
  // AWS access key ids are 20 characters, base32 after the 4-letter prefix
  { re: /^(?:AKIA|ASIA)[A-Z2-7]{16}$/, label: 'AWS access key id', envName: 'AWS_ACCESS_KEY_ID', prefixLength: 4 },
  // GitHub tokens: prefix + 36 base62 characters; fine-grained PATs: 22 + '_' + 59
  { re: /^gh[pousr]_[0-9A-Za-z]{36}$/, label: 'GitHub token', envName: 'GITHUB_TOKEN', prefixLength: 4 },
  { re: /^github_pat_[0-9A-Za-z]{22}_[0-9A-Za-z]{59}$/, label: 'GitHub fine-grained token', envName: 'GITHUB_TOKEN', prefixLength: 11 },
  // Slack: xoxb-<team>-<bot>-<secret>, xoxp-..., xoxa/xoxr/xoxs
  { re: /^xox[abposr]-\d{6,}-[0-9A-Za-z-]{10,}$/, label: 'Slack token', envName: 'SLACK_TOKEN', prefixLength: 5 },
  { re: /^AIza[0-9A-Za-z_-]{35}$/, label: 'Google API key', envName: 'GOOGLE_API_KEY', prefixLength: 4 },
  // a PEM private key with a real body (at least a few lines of base64), not the header alone
  {
    re: /^-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----(?:\\n|\r?\n|\s)+[A-Za-z0-9+/=\s\\n]{64,}-----END (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----(?:\\n|\r?\n)?$/,
    label: 'PEM private key',
    envName: 'PRIVATE_KEY',
    prefixLength: 0,
  },
];

/**
 * A cheap text prefilter for files that may hold a provider key (the engine's `requires`):
 * every format above starts with one of these.
 */
export const PROVIDER_PREFIX_RE = /sk_live_|sk_test_|rk_live_|rk_test_|whsec_|AKIA|ASIA|gh[pousr]_|github_pat_|xox[abposr]-|AIza|PRIVATE KEY-----/;

/** A file can only hold a finding of the secrets rules when it names a secret or a provider prefix. */
export const SECRET_TEXT_RE = new RegExp(`${PROVIDER_PREFIX_RE.source}|secret|passw|pwd|key|token`, 'i');

/**
 * The quoted literals of twelve or more characters with no whitespace in them, at every quote
 * (a lookahead, so that one candidate never hides the next): every finding that is not a
 * provider-prefixed key is one (looksLikeSecretValue asks for both, and an escape is at least as
 * long in the source as in the value, so the literal's source is too).
 */
const LONG_LITERAL_AT = /(?=("(?:[^\s"\\]|\\\S|\\\r?\n){12,}"|'(?:[^\s'\\]|\\\S|\\\r?\n){12,}'|`(?:[^\s`\\$]|\\\S|\$(?!\{)){12,}`))/g;

/**
 * The second prefilter of the secrets rules, after SECRET_TEXT_RE: the file has a provider prefix
 * or a literal that can be a secret: long enough, and, when it holds no escape (its source is
 * then its value), a value looksLikeSecretValue takes. Most modules that only name a `key` or a
 * `token` have none, and are then not parsed for these rules.
 */
export function mayHoldSecretLiteral(text: string): boolean {
  if (PROVIDER_PREFIX_RE.test(text)) return true;
  for (const m of text.matchAll(LONG_LITERAL_AT)) {
    const body = m[1].slice(1, -1);
    if (body.includes('\\') || looksLikeSecretValue(body)) return true;
  }
  return false;
}

/** The provider format a string value has, if any (placeholders such as `sk_live_xxxxxxxx...` excepted). */
export function providerOf(value: string): Provider | null {
  if (value.length < 16 || value.length > 10_000) return null;
  for (const f of FORMATS) {
    if (!f.re.test(value)) continue;
    // the formats' strict alphabets keep prose out; a run of one character is a placeholder
    // (`sk_live_xxxxxxxxxxxxxxxxxxxxxxxx`), a word inside random characters is not
    if (/(.)\1{5,}/.test(value.slice(f.prefixLength))) return null;
    // AWS's documented example key
    if (value.endsWith('EXAMPLE')) return null;
    return f;
  }
  return null;
}

/**
 * Names that hold a secret: `SECRET_KEY`, `STRIPE_API_KEY`, `githubToken`, `DB_PASSWORD`,
 * `client_secret`, `private_key`. Split into words so `NextToken`, `token_type`,
 * `PASSWORD_RESET_TIMEOUT`, `public_key`, `api_key_header` and `SECRET_KEY_FALLBACKS` are not.
 */
export function isSecretName(name: string): boolean {
  const words = nameWords(name);
  if (!words.length) return false;
  const last = words[words.length - 1];
  const prev = words[words.length - 2];
  if (words.some((w) => NOT_SECRET_WORDS.has(w))) return false;
  if (last === 'password' || last === 'passwd' || last === 'secret' || last === 'pwd') return true;
  if (last === 'key') return prev === 'secret' || prev === 'api' || prev === 'private' || prev === 'access' || prev === 'signing' || prev === 'encryption' || prev === 'master';
  if (last === 'token') return !!prev && TOKEN_KINDS.has(prev);
  if (last === 'apikey' || last === 'secretkey' || last === 'privatekey') return true;
  return false;
}

/** `auth_token`, `access_token`, `GITHUB_TOKEN`: a token word preceded by what kind of token it is. */
const TOKEN_KINDS = new Set(['auth', 'access', 'api', 'bearer', 'bot', 'refresh', 'secret', 'github', 'gitlab', 'slack', 'telegram', 'discord', 'npm', 'pypi', 'sentry', 'twilio', 'private', 'personal', 'service', 'app', 'client', 'admin', 'master', 'session', 'webhook', 'jwt']);
/** Words that make a secret-like name something else: a public half, an id, a setting about the secret. */
const NOT_SECRET_WORDS = new Set([
  'public', 'publishable', 'pub', 'url', 'uri', 'endpoint', 'name', 'names', 'env', 'var', 'field', 'fields', 'header', 'param',
  'path', 'file', 'filename', 'dir', 'id', 'length', 'len', 'type', 'prefix', 'suffix', 'expiry', 'expires', 'expiration',
  'ttl', 'lifetime', 'timeout', 'regex', 'pattern', 'format', 'label', 'placeholder', 'hint', 'help', 'min', 'max',
  'fallbacks', 'reset', 'validators', 'hasher', 'hashers', 'policy', 'storage', 'cache', 'backend', 'class', 'salt',
  'input', 'form', 'widget', 'column', 'error', 'message', 'mode', 'enabled', 'required', 'count', 'attempts', 'version',
]);

export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** `stripeSecretKey` / `stripe.secret-key` -> `STRIPE_SECRET_KEY`. */
export function envNameFor(name: string): string {
  return nameWords(name).join('_').toUpperCase();
}

/** Obvious placeholders and sample values: never reported. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim().toLowerCase();
  if (v.length === 0) return true;
  if (/^(?:x+|\*+|\.+|-+|_+|0+|#+|\?+)$/.test(v)) return true;
  if (/^<.*>$|^\{\{.*\}\}$|^\$\{.*\}$|^%\(?\w*\)?s$|^\{.*\}$/.test(v)) return true;
  if (/(.)\1{5,}/.test(v)) return true; // xxxxxx, 000000, ......
  if (/change[-_ ]?me|your[-_ ]|replace[-_ ]?(?:me|this|with)|insert[-_ ]|placeholder|dummy|fake|example|sample|\btodo\b|\bfixme\b|redacted|not[-_ ]?a[-_ ]?(?:real|secret)|\.\.\.|\u2026/.test(v)) return true;
  return false;
}

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/**
 * A literal assigned to a secret-like name that looks like a real secret: long and random
 * enough, one token (no spaces), not a placeholder, an environment variable name, a UUID,
 * a URL, a path or a template.
 */
export function looksLikeSecretValue(value: string): boolean {
  if (value.length < 12 || value.length > 4096) return false;
  if (/\s/.test(value)) return false;
  if (isPlaceholder(value)) return false;
  if (/^[A-Z][A-Z0-9_]*$/.test(value)) return false; // an environment variable name
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return false; // a UUID
  if (/^(?:https?|wss?|postgres(?:ql)?|mysql|redis|amqp|mongodb(?:\+srv)?|sqlite|file):\/\//i.test(value) && !/:[^/@]+@/.test(value)) return false;
  if (isPathLike(value)) return false;
  if (/%\(|\{\w*\}|\$\{|%s/.test(value)) return false; // a template
  if (/^(?:sha(?:1|256|384|512)-|md5-)/.test(value)) return false; // subresource integrity hashes
  // keys made to be public: Stripe publishable keys, PostHog project keys (sent by every browser)
  if (/^(?:pk_(?:live|test)_|phc_)/.test(value)) return false;
  // words in snake/kebab case (`invalid_password`, `account-set-password`): an error code or an event name
  if (/^[A-Za-z]+(?:[_.:-][A-Za-z]+)+$/.test(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(value)).length;
  if (classes < 2) return false;
  return entropy(value) >= (value.length >= 24 ? 3.5 : 3.0);
}

/**
 * A file path, not a key: rooted (`/etc/ssl/key.pem`, `./keys`, `~/.ssh`, `C:\\keys`), or
 * segments of words (`config/keys/prod.pem`). Base64 keys hold slashes too (AWS secret access
 * keys do), but between runs of mixed-case random characters, and often with `+` or `=`.
 */
function isPathLike(value: string): boolean {
  if (/[+=]/.test(value)) return false;
  if (/^(?:\.{1,2}[\\/]|[\\/~]|[A-Za-z]:\\)/.test(value)) return true;
  const segments = value.split(/[\\/]/);
  if (segments.length < 2) return false;
  // every segment words joined by `.`, `_`, `-`: each word one leading capital at most (`Stripe_Key2`, `prod.pem`)
  return segments.every((seg) => /^(?:[A-Za-z]?[a-z0-9]*)(?:[._-][A-Za-z]?[a-z0-9]*)*$/.test(seg));
}

/** A redacted form for messages: the documented prefix and nothing of the secret itself. */
export function redact(value: string, provider: Provider | null): string {
  if (provider?.label === 'PEM private key') return '-----BEGIN ... PRIVATE KEY-----';
  const keep = provider ? provider.prefixLength : Math.min(3, Math.floor(value.length / 8));
  return `${value.slice(0, keep)}…`;
}

/**
 * Settings and config modules that are not production by name: `settings/dev.py`,
 * `settings/test.py`, `local_settings.py`, `config/development.js`, `settings/docker_compose.py`
 * (the local docker-compose environment). Secrets there are
 * development values by convention.
 */
export function isNonProductionConfig(filePath: string): boolean {
  const base = filePath.replace(/\\/g, '/').split('/').pop() ?? '';
  const stem = base.replace(/\.[^.]+$/, '').toLowerCase();
  return /^(?:dev|develop|development|local|test|tests|testing|ci|e2e|docker_compose|compose)(?:[_.-].*)?$|[_.-](?:dev|development|local|test|testing|ci|example|sample)$/.test(stem);
}

/** Docs and example folders: keys there are samples. */
export function isDocsOrExample(filePath: string): boolean {
  return /(^|[\\/])(docs?|examples?|samples?|demo|fixtures)[\\/]/i.test(filePath);
}
