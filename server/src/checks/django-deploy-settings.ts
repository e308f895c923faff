import type { ProjectCheck, ProjectFinding } from '../engine/project';
import { finding } from './common';
import { djangoEntries, listNames } from './django';
import { lineOf, services } from './services';

const ID = 'django-deploy-settings';

export const djangoDeploySettings: ProjectCheck = {
  id: ID,
  title: 'Django `check --deploy` settings missing',
  family: 'secrets-auth-config',
  severity: 'high',
  docs: `## What it checks
The HTTPS settings \`manage.py check --deploy\` asks for, read from each production settings
entry as data (never by running Django): split settings are counted together (\`production.py\`
with the \`base.py\` it star-imports), modules named for development or tests (\`dev.py\`,
\`local.py\`, \`test_settings.py\`) are not production. Reported, once per entry, on the entry module:
- \`SECURE_HSTS_SECONDS\` never set, or 0 (security.W004);
- \`SECURE_SSL_REDIRECT\` never set, or False (security.W008);
- \`SECURE_CONTENT_TYPE_NOSNIFF = False\` (W006; True by default since Django 3.0);
- \`SECURE_REFERRER_POLICY = None\` (W022; \`"same-origin"\` by default since Django 3.1);
- \`MIDDLEWARE\` without \`django.middleware.security.SecurityMiddleware\` (W001), which applies all of them.
A value read from the environment (\`env.bool("SECURE_SSL_REDIRECT")\`, \`not DEBUG\`) is trusted.
\`DEBUG\` (W018) and \`SESSION_COOKIE_SECURE\` / \`CSRF_COOKIE_SECURE\` (W012/W016) are not listed
here: the \`debug-enabled\` and \`insecure-session-cookie\` rules report them on their lines.

## Why it matters
Without HSTS and the HTTPS redirect the first request of a visit can go over plain HTTP, where a
network attacker (public Wi-Fi) can strip TLS and read or change the session. These settings are
cheap to set and easy to forget because nothing breaks without them.

## How to fix
In the production settings module:

\`\`\`python
SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")  # behind a TLS-terminating proxy
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
\`\`\`

(start HSTS with a small value, e.g. 3600, and raise it once HTTPS works everywhere).

## How to verify
\`DJANGO_SETTINGS_MODULE=<production settings> python manage.py check --deploy\` lists none of
these warnings; \`curl -I http://<host>/\` answers 301 to https and \`curl -I https://<host>/\` carries
\`Strict-Transport-Security\`.`,
  run(ctx) {
    const out: ProjectFinding[] = [];
    for (const s of services(ctx)) {
      if (s.framework !== 'django') continue;
      for (const e of djangoEntries(ctx, s)) {
        const eff = e.top.effective;
        const missing: string[] = [];
        const val = (n: string) => eff.get(n);
        const hsts = val('SECURE_HSTS_SECONDS');
        if (!hsts || (hsts.kind === 'number' && /^0+$/.test(hsts.text.trim()))) missing.push('SECURE_HSTS_SECONDS');
        const redirect = val('SECURE_SSL_REDIRECT');
        if (!redirect || redirect.kind === 'false') missing.push('SECURE_SSL_REDIRECT');
        if (val('SECURE_CONTENT_TYPE_NOSNIFF')?.kind === 'false') missing.push('SECURE_CONTENT_TYPE_NOSNIFF');
        if (val('SECURE_REFERRER_POLICY')?.kind === 'none') missing.push('SECURE_REFERRER_POLICY');
        const mw = listNames(e.top, 'MIDDLEWARE');
        const mwValue = val('MIDDLEWARE');
        if (mw && mwValue?.kind === 'list' && !mw.includes('django.middleware.security.SecurityMiddleware')) missing.push('SecurityMiddleware');
        if (!missing.length) continue;
        const text = ctx.read(e.file) ?? '';
        // on the first of them the module sets, else on its first line
        const own = missing.map((n) => val(n)).find((v) => v && v.file.endsWith(e.file));
        const line = own ? lineOf(text, own.start) : 1;
        out.push(finding(ID, `\`manage.py check --deploy\` would warn about ${missing.map((m) => `\`${m}\``).join(', ')} in this production settings module: without HSTS and an HTTPS redirect the first request of a visit can go over plain HTTP`, { file: e.file, line }));
      }
    }
    return out;
  },
};
