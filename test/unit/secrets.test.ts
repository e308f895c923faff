/**
 * The pieces of the secrets rules that are not fixtures: the `.env.example` edit (for a fix's
 * edits to another file), provider formats and secret names.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { envExampleEdit } from '../../server/src/rules/hardcoded-secret/env';
import { isSecretName, looksLikeSecretValue, providerOf, redact } from '../../server/src/rules/hardcoded-secret/patterns';

function apply(text: string, edits: { start: number; end: number; newText: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

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
    for (const v of ['DJANGO_SECRET_KEY', '3f0e2a8c-5b7d-4c1e-9f6a-2d8b7c4e1a90', 'changeme-please-123', 'Bearer', 'https://api.example.com/v1/tokens', 'invalid_password', 'account_set_customer_password', 'phc_9CipPajQC22mSkk2wxe2TXsUA0Ysyupe8dt5KQQELqx']) assert.ok(!looksLikeSecretValue(v), v);
  });

  it('never shows more than the documented prefix', () => {
    assert.equal(redact('sk_live_u8jzPde0IgxLd6GncfBAepfJ', providerOf('sk_live_u8jzPde0IgxLd6GncfBAepfJ')), 'sk_live_…');
  });
});
