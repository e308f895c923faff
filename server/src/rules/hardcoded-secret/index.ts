import { defineRule } from '../../engine/types';
import { python } from './python';
import { js } from './js';

export default defineRule({
  id: 'hardcoded-secret',
  family: 'secrets-auth-config',
  severity: 'error',
  languages: ['python', 'javascript', 'typescript'],
  fix: { availability: 'always', maxApplicability: 'unsafe', title: 'Read the secret from the environment' },
  python,
  js,
  docs: `## What it does
Flags secrets written into source code: provider keys anywhere, and random-looking literals assigned to names that hold secrets.

Provider formats are matched on the whole literal, with their exact length and alphabet:
Stripe \`sk_live_\` / \`sk_test_\` / \`rk_live_\` / \`rk_test_\` (24 or more base62 characters) and
\`whsec_\`, AWS access key ids (\`AKIA\` / \`ASIA\` + 16 base32 characters), GitHub tokens
(\`ghp_\` / \`gho_\` / \`ghu_\` / \`ghs_\` / \`ghr_\` + 36 characters, \`github_pat_\` + 22 + 59), Slack
\`xox?-\` tokens, Google \`AIza\` + 35 characters, and PEM private keys with a body.

Entropy is asked only of a literal assigned to a secret-like name (\`SECRET_KEY\`, \`*_API_KEY\`,
\`*_SECRET\`, \`auth_token\` / \`GITHUB_TOKEN\`, \`*_PASSWORD\`, \`private_key\`): at least 12
characters, one token, two character classes, 3 bits of entropy per character (3.5 from 24
characters). Names are split into words, so \`NextToken\`, \`token_type\`, \`public_key\`,
\`PASSWORD_RESET_TIMEOUT\`, \`api_key_header\` or \`SECRET_KEY_FALLBACKS\` are not secret names;
values that are environment variable names, UUIDs, URLs without credentials, paths, templates or
integrity hashes are not secrets.

Left alone: test code (file names, test folders, test-framework imports), test-mode keys and
named secrets in \`docs/\` and \`examples/\` folders (a live-format key there is still a leak), obvious placeholders (\`changeme\`, \`xxx\`, \`<...>\`, \`your-key-here\`,
\`sk_test_...\`), AWS's documented \`...EXAMPLE\` key, and named secrets and test-mode keys in settings modules named
for development or tests (\`settings/dev.py\`, \`local_settings.py\`, \`config/test.js\`). A
literal that is the default of an environment lookup is \`insecure-secret-fallback\`'s finding.

## Why is this bad?
Whoever can read the repository (every developer, CI logs, a leaked laptop, a public fork) holds
the key. Scanners harvest public GitHub for \`sk_live_\` and \`AKIA\` keys within minutes of a
push. Deleting the line later does not help: the key is in the history, so it must be rotated.
The message shows only the documented prefix of the key, never the key.

## Example
\`\`\`python
import stripe

stripe.api_key = "sk_live_4eC39HqLyjWDarjtT1zdp7dc0a1b2C3d"
\`\`\`

\`\`\`ts
import Stripe from 'stripe';

export const stripe = new Stripe('sk_live_4eC39HqLyjWDarjtT1zdp7dc0a1b2C3d');
\`\`\`

## Use instead
\`\`\`python
import os

import stripe

stripe.api_key = os.environ["STRIPE_SECRET_KEY"]
\`\`\`

\`\`\`ts
import Stripe from 'stripe';

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(\`Missing environment variable \${name}\`);
  return value;
}

export const stripe = new Stripe(requireEnv('STRIPE_SECRET_KEY'));
\`\`\`

## Fix safety
Unsafe: the program now needs the variable set where it runs. The fix replaces the literal with
an environment lookup named after the variable (\`SECRET_KEY\`, \`STRIPE_API_KEY\`; a one-word property after
what holds it: \`session({ secret })\` reads \`SESSION_SECRET\`) or, for a generic
name (\`api_key\`, \`key\`), after the provider (\`STRIPE_SECRET_KEY\`, \`AWS_ACCESS_KEY_ID\`,
\`GITHUB_TOKEN\`). Python reads \`os.environ["NAME"]\` (\`import os\` added in the file's import
style), which raises \`KeyError\` at start-up when it is missing. JavaScript and TypeScript call a
small \`requireEnv("NAME")\` helper added after the imports, which throws a clear error, rather
than \`process.env.NAME\`, which would silently be \`undefined\`. The secret itself is never written
anywhere: the same edit adds the variable's name (\`NAME=\`, never its value) to the project's
\`.env.example\` (beside the nearest \`package.json\`, \`pyproject.toml\`, \`manage.py\`...; created when
missing, in the file's line endings, nothing when the name is declared already). The key is still in
the repository history: rotate it at the provider.

## How to verify
Run the program without the variable: it stops at start-up naming it. Set it (from the rotated
key) and the program works as before. \`shipguard scan\` no longer reports the line.

## References
- Stripe: Keeping your API keys safe (https://docs.stripe.com/keys-best-practices)
- GitHub: Behind GitHub's new authentication token formats (https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/)
- OWASP: Secrets Management Cheat Sheet
- Bandit B105/B106 hardcoded_password_string; gitleaks rules
`,
});
