import { defineRule } from '../../engine/types';
import { python } from './python';
import { js } from './js';

export default defineRule({
  id: 'insecure-secret-fallback',
  family: 'secrets-auth-config',
  severity: 'error',
  languages: ['python', 'javascript', 'typescript'],
  fix: { availability: 'always', maxApplicability: 'unsafe', title: 'Fail fast when the secret is missing' },
  python,
  js,
  docs: `## What it does
Flags secrets read from the environment with a literal default: \`os.getenv("SECRET_KEY", "...")\`, \`os.environ.get(...)\`, \`config("...", default="...")\`, \`env("...", default="...")\`, \`os.environ.get(...) or "..."\`, \`process.env.JWT_SECRET || "..."\` / \`?? "..."\`.

Also \`os.environ.setdefault("SECRET_KEY", "...")\` and destructuring defaults (\`const { JWT_SECRET = "..." } = process.env\`).

A lookup counts when the variable's name or the name it is assigned to is a secret name
(\`SECRET_KEY\`, \`JWT_SECRET\`, \`*_API_KEY\`, \`*_PASSWORD\`, \`auth_token\`; split into words as in
\`hardcoded-secret\`, so \`PASSWORD_RESET_TIMEOUT\` or \`PUBLIC_KEY\` do not). \`os\`, python-decouple
\`config\` and django-environ \`Env\` are recognised through imports. An empty default (\`""\`) is not
flagged: signing with it fails loudly. Test code, browser code and settings modules named for
development or tests (\`settings/dev.py\`, \`settings/docker_compose.py\`, \`config/test.js\`) are skipped.

## Why is this bad?
When the variable is missing in production (a renamed secret, a new deployment, a typo in the
manifest) the app starts anyway and signs sessions, password-reset links and JWTs with a key
that is in the repository: anyone can forge them. The default hides the misconfiguration
instead of stopping the deploy.

## Example
\`\`\`python
import os

SECRET_KEY = os.getenv("DJANGO_SECRET_KEY", "django-insecure-q7x2m9k4w8b6z1n3v0c5eh")
\`\`\`

\`\`\`ts
const JWT_SECRET = process.env.JWT_SECRET || 'dev-secret';
\`\`\`

## Use instead
\`\`\`python
import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
\`\`\`

\`\`\`ts
function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(\`Missing environment variable \${name}\`);
  return value;
}

const JWT_SECRET = requireEnv('JWT_SECRET');
\`\`\`

## Fix safety
Unsafe: the program now refuses to start without the variable, which is the point, but a
development setup that relied on the default needs it set (in \`.env\`). Python:
\`os.environ["NAME"]\` (raises \`KeyError\`); decouple and django-environ: the \`default=\` is
dropped (they raise \`UndefinedValueError\` / \`ImproperlyConfigured\`). JavaScript and TypeScript:
a small \`requireEnv("NAME")\` helper added after the imports (reused when the file already has one),
which throws a clear error; a destructuring default becomes \`{ NAME = requireEnv("NAME") } = process.env\`.
\`os.environ.setdefault("NAME", "...")\` becomes \`os.environ["NAME"]\`. A name the project's \`.env.example\` does not declare yet is added to it
(\`NAME=\`, never the old default; the file is created when missing, in the same edit).
When a Compose file of the repository (\`docker-compose*.yml\`, \`compose*.yaml\`, also under
\`docker/\`, \`deploy/\`) gives a secret variable the same value as the default (the database
started with \`POSTGRES_PASSWORD: shop\` while the app falls back to \`"shop"\`) and does not set the
app's variable, installs that kept the shipped configuration rely on the default: the fix then
needs input (the editor offers it, \`shipguard fix\` lists it), since the variable must first be set
in those files and the change announced.

## How to verify
Start the app without the variable: it stops naming it. With it set, it works as before.
\`shipguard scan\` no longer reports the line.

## References
- Django: SECRET_KEY (https://docs.djangoproject.com/en/stable/ref/settings/#secret-key)
- OWASP: Secrets Management Cheat Sheet
- CWE-1188: Initialization of a Resource with an Insecure Default
`,
});
