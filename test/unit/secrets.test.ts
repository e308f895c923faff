/**
 * The pieces of the secrets rules that are not fixtures: the `.env.example` edit (for a fix's
 * edits to another file), provider formats and secret names.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { envExampleEdit } from '../../server/src/rules/hardcoded-secret/env';
import { isSecretName, looksLikeSecretValue, mayHoldSecretLiteral, providerOf, redact } from '../../server/src/rules/hardcoded-secret/patterns';
import { applyEdits as apply } from '../../server/src/text/edits';
import { fixText, lintText, ready } from '../harness';

describe('secrets: the literal prefilter (mayHoldSecretLiteral)', () => {
  it('lets through every literal the detectors can take for a secret', () => {
    for (const text of [
      'PASSWORD = "Qw7#vT2pLm9!Zr4Kx8Bn"\n',
      "const apiKey = 'Qw7#vT2pLm9!Zr4Kx8Bn';\n",
      'const apiKey = `Qw7#vT2pLm9!Zr4Kx8Bn`;\n',
      // an escape: the value is not the source, the detector decides
      'SIGNING_KEY = "Zx9\\u0023Lm2!Kq7vTr4Bn8"\n',
      // a provider prefix, whatever the literal around it
      'key = "sk_live_" + suffix\n',
      // a run of 12 non-blank characters between two quotes of other literals must not hide the secret's own
      "x = 'a'+'b'+\"Qw7#vT2pLm9!Zr4Kx8Bn\"\n",
      "x = 'report'+\"Qw7#vT2pLm9!Zr4Kx8Bn\"+'.csv'\n",
    ]) {
      assert.equal(mayHoldSecretLiteral(text), true, text);
    }
  });

  it('keeps out a module whose long literals cannot be secrets (URLs, paths, names, words)', () => {
    const text = [
      'REPORTS_URL = "https://reports.internal.example.com/api/v2"',
      'CACHE_DIR = "/var/cache/reporting-service"',
      'HEADER = "X_REPORTING_REQUEST_ID"',
      'EVENT = "account-set-password"',
      'ID = "123e4567-e89b-12d3-a456-426614174000"',
      'token_type = "Bearer"',
      '',
    ].join('\n');
    assert.equal(mayHoldSecretLiteral(text), false);
  });
});

describe('secrets: .env.example edit', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-envex-'));
    fs.writeFileSync(path.join(dir, 'package.json'), '{}');
    fs.mkdirSync(path.join(dir, 'src'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates the file at the project root with the name only', () => {
    const e = envExampleEdit(path.join(dir, 'src', 'app.ts'), ['STRIPE_SECRET_KEY']);
    assert.ok(e);
    assert.equal(e.path, path.join(dir, '.env.example'));
    assert.equal(e.create, true);
    assert.equal(apply('', e.edits), 'STRIPE_SECRET_KEY=\n');
  });

  it('appends missing names in the file line endings, keeps declared ones', () => {
    const text = 'DATABASE_URL=postgres://localhost/shop\r\nexport JWT_SECRET=';
    fs.writeFileSync(path.join(dir, '.env.example'), text);
    const e = envExampleEdit(path.join(dir, 'src', 'app.ts'), ['JWT_SECRET', 'GITHUB_TOKEN', 'GITHUB_TOKEN']);
    assert.ok(e);
    assert.equal(apply(text, e.edits), 'DATABASE_URL=postgres://localhost/shop\r\nexport JWT_SECRET=\r\nGITHUB_TOKEN=\r\n');
    assert.equal(envExampleEdit(path.join(dir, 'src', 'app.ts'), ['JWT_SECRET']), null);
  });
});

describe('secrets: the fixes declare the name in .env.example (Fix.fileEdits)', () => {
  let dir: string;
  before(ready);
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-envfix-'));
    fs.writeFileSync(path.join(dir, 'requirements.txt'), 'django\n');
    fs.mkdirSync(path.join(dir, 'shop'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const example = () => path.join(dir, '.env.example');

  /** Fixes `name` (written under the project) with one rule's unsafe fixes; the other-file edits, applied to the file on disk. */
  function fixProject(rule: string, name: string, text: string): { text: string; envExample: string | null; create: boolean | undefined; titles: string[] } {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    const titles = lintText(file, text, { only: [rule] }).findings.flatMap((f) => f.fixes.map((x) => x.title));
    const out = fixText(file, text, { only: [rule], unsafe: true });
    assert.ok(out.converged);
    const others = out.otherFiles.filter((fe) => fe.path === example());
    assert.equal(out.otherFiles.length, others.length, 'no other file is edited');
    if (!others.length) return { text: out.text, envExample: null, create: undefined, titles };
    const before = fs.existsSync(example()) ? fs.readFileSync(example(), 'utf8') : '';
    return { text: out.text, envExample: apply(before, others[0].edits), create: others[0].create, titles };
  }

  const SETTINGS = 'SECRET_KEY = "k3#n9vQz!p7Lr2Wx@f5Tb8Yc1Hd4Mg6J"\nSTRIPE_API_KEY = "sk_live_u8jzPde0IgxLd6GncfBAepfJ"\n';

  it('hardcoded-secret creates .env.example with the names, never the values', () => {
    const r = fixProject('hardcoded-secret', 'shop/settings.py', SETTINGS);
    assert.equal(r.text, 'import os\n\nSECRET_KEY = os.environ["SECRET_KEY"]\nSTRIPE_API_KEY = os.environ["STRIPE_API_KEY"]\n');
    assert.equal(r.envExample, 'SECRET_KEY=\nSTRIPE_API_KEY=\n');
    assert.equal(r.create, true);
    assert.ok(r.titles.every((t) => t.endsWith('declared in a new `.env.example`')), r.titles.join('\n'));
  });

  it('hardcoded-secret appends to an existing .env.example, a last line without a line break included', () => {
    fs.writeFileSync(example(), '# copy to .env\nDATABASE_URL=postgres://localhost/shop\nDEBUG=0');
    const r = fixProject('hardcoded-secret', 'shop/settings.py', SETTINGS);
    assert.equal(r.envExample, '# copy to .env\nDATABASE_URL=postgres://localhost/shop\nDEBUG=0\nSECRET_KEY=\nSTRIPE_API_KEY=\n');
    assert.equal(r.create, undefined);
  });

  it('hardcoded-secret adds no edit for a name already declared (commented-out names do not count)', () => {
    fs.writeFileSync(example(), 'SECRET_KEY=\n# STRIPE_SECRET_KEY=\n');
    const r = fixProject('hardcoded-secret', 'shop/payments.py', 'import stripe\n\nstripe.api_key = "sk_live_u8jzPde0IgxLd6GncfBAepfJ"\nSECRET_KEY = "k3#n9vQz!p7Lr2Wx@f5Tb8Yc1Hd4Mg6J"\n');
    assert.equal(r.envExample, 'SECRET_KEY=\n# STRIPE_SECRET_KEY=\nSTRIPE_SECRET_KEY=\n');
    fs.writeFileSync(example(), 'SECRET_KEY=\nexport STRIPE_SECRET_KEY=\n');
    const again = fixProject('hardcoded-secret', 'shop/payments.py', 'import stripe\n\nstripe.api_key = "sk_live_u8jzPde0IgxLd6GncfBAepfJ"\n');
    assert.equal(again.envExample, null);
    assert.ok(again.titles.every((t) => !t.includes('.env.example')), again.titles.join('\n'));
  });

  it('keeps a CRLF .env.example CRLF (JS fix, insecure-secret-fallback)', () => {
    fs.writeFileSync(path.join(dir, 'package.json'), '{}\n');
    fs.writeFileSync(example(), 'DATABASE_URL=\r\nREDIS_URL=\r\n');
    const r = fixProject('insecure-secret-fallback', 'src/auth.js', "const JWT_SECRET = process.env.JWT_SECRET || 'dev-secret';\nconst DB = process.env.DATABASE_URL || 'postgres://localhost/shop';\nmodule.exports = { JWT_SECRET, DB };\n");
    assert.equal(r.envExample, 'DATABASE_URL=\r\nREDIS_URL=\r\nJWT_SECRET=\r\n');
    assert.ok(!r.envExample.includes('dev-secret'));
  });

  it('insecure-secret-fallback declares a new name and leaves a declared one (Python)', () => {
    fs.writeFileSync(example(), 'DJANGO_SECRET_KEY=\n');
    const text = 'import os\n\nSECRET_KEY = os.getenv("DJANGO_SECRET_KEY", "django-insecure-4x9#kq")\nJWT_SIGNING_KEY = os.environ.get("JWT_SIGNING_KEY", "dev-signing-key")\n';
    const r = fixProject('insecure-secret-fallback', 'shop/settings.py', text);
    assert.equal(r.text, 'import os\n\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\nJWT_SIGNING_KEY = os.environ["JWT_SIGNING_KEY"]\n');
    assert.equal(r.envExample, 'DJANGO_SECRET_KEY=\nJWT_SIGNING_KEY=\n');
  });

  it('insecure-secret-fallback needs input when a Compose file relies on the default, per file', () => {
    fs.mkdirSync(path.join(dir, 'docker'));
    const compose = (body: string) => fs.writeFileSync(path.join(dir, 'docker', 'docker-compose.postgres.yml'), body);
    const text = 'import os\n\nDB_PASSWORD = os.getenv("SHOP_DBPASS", "shop")\n';
    const reason = () => lintText(path.join(dir, 'shop', 'settings.py'), text, { only: ['insecure-secret-fallback'] }).findings[0].fixes[0].needsInput;
    compose('services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: "shop"\n');
    assert.match(reason() ?? '', /^docker\/docker-compose\.postgres\.yml \(`POSTGRES_PASSWORD`\) uses the same value/);
    // the same file gives the app its variable: nothing relies on the default
    compose('services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: shop\n  web:\n    environment:\n      - SHOP_DBPASS=shop\n');
    assert.equal(reason(), undefined);
    // another value, or a variable that is no secret
    compose('services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: other\n      POSTGRES_USER: shop\n');
    assert.equal(reason(), undefined);
  });

  it('hardcoded-secret in TypeScript: requireEnv and a new .env.example beside package.json', () => {
    fs.rmSync(path.join(dir, 'requirements.txt'));
    fs.writeFileSync(path.join(dir, 'package.json'), '{}\n');
    const r = fixProject('hardcoded-secret', 'src/lib/stripe.ts', "import Stripe from 'stripe';\n\nexport const stripe = new Stripe('sk_live_u8jzPde0IgxLd6GncfBAepfJ');\n");
    assert.match(r.text, /new Stripe\(requireEnv\('STRIPE_SECRET_KEY'\)\)/);
    assert.equal(r.envExample, 'STRIPE_SECRET_KEY=\n');
    assert.equal(r.create, true);
  });
});

describe('secrets: formats and names', () => {
  it('matches provider formats on length and alphabet, not placeholders', () => {
    assert.equal(providerOf('sk_live_u8jzPde0IgxLd6GncfBAepfJ')?.envName, 'STRIPE_SECRET_KEY');
    assert.equal(providerOf('sk_live_u8jzPde0IgxLd6G'), null); // too short
    assert.equal(providerOf('sk_live_xxxxxxxxxxxxxxxxxxxxxxxx'), null);
    assert.equal(providerOf('AKIAIOSFODNN7EXAMPLE'), null);
    assert.equal(providerOf('AKIA1234567890123456'), null); // 0, 1, 8, 9 are not base32
    assert.equal(providerOf('ghp_Wvj7FAc9QeWJKY40uvSwMFLZDe1f8rESQed')?.label, undefined); // 35 characters
  });

  it('splits names into words', () => {
    for (const n of ['SECRET_KEY', 'STRIPE_API_KEY', 'githubToken', 'DB_PASSWORD', 'client_secret', 'private_key', 'apiKey']) assert.ok(isSecretName(n), n);
    for (const n of ['NextToken', 'token_type', 'public_key', 'PASSWORD_RESET_TIMEOUT', 'api_key_header', 'SECRET_KEY_FALLBACKS', 'csrf_token', 'keyboard', 'monkey']) assert.ok(!isSecretName(n), n);
  });

  it('asks entropy of values, not of names, UUIDs or hashes', () => {
    assert.ok(looksLikeSecretValue('k3#n9vQz!p7Lr2Wx@f5Tb8Yc1Hd4Mg6J'));
    assert.ok(looksLikeSecretValue('u7Kp2/Rw9xLq4TnZ8vYc3/Hm6BsJd1FgQe5WaXo0'), 'an AWS secret access key holds slashes: not a path');
    for (const v of ['/etc/ssl/private/shop.pem', 'config/keys/prod.pem', 'secrets/Stripe_Key2', 'projects/shop/secrets/stripe-key/versions/latest']) assert.ok(!looksLikeSecretValue(v), v);
    for (const v of ['DJANGO_SECRET_KEY', '3f0e2a8c-5b7d-4c1e-9f6a-2d8b7c4e1a90', 'changeme-please-123', 'Bearer', 'https://api.example.com/v1/tokens', 'invalid_password', 'account_set_customer_password', 'phc_9CipPajQC22mSkk2wxe2TXsUA0Ysyupe8dt5KQQELqx']) assert.ok(!looksLikeSecretValue(v), v);
  });

  it('never shows more than the documented prefix', () => {
    assert.equal(redact('sk_live_u8jzPde0IgxLd6GncfBAepfJ', providerOf('sk_live_u8jzPde0IgxLd6GncfBAepfJ')), 'sk_live_…');
  });
});
