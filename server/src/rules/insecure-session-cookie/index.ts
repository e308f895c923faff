import { defineRule } from '../../engine/types';
import { python } from './python';
import { js } from './js';

export default defineRule({
  id: 'insecure-session-cookie',
  family: 'secrets-auth-config',
  severity: 'warning',
  languages: ['python', 'javascript', 'typescript'],
  fix: { availability: 'sometimes', maxApplicability: 'safe', title: 'Secure the session cookie' },
  python,
  js,
  docs: `## What it does
Flags session cookies sent over HTTP, readable by scripts or sent cross-site: Django settings with no (or False) \`SESSION_COOKIE_SECURE\` / \`CSRF_COOKIE_SECURE\`, \`SESSION_COOKIE_HTTPONLY = False\` or \`SESSION_COOKIE_SAMESITE = None\`; express-session or cookie-session without \`secure\` or \`sameSite\`.

The same goes for \`httpOnly: false\` in express-session and cookie-session.

Django settings are read the way Django loads them, split settings included: a production
entry (\`settings.py\`, \`settings/production.py\`, a \`base.py\` no production module builds on)
is followed through its star imports (\`from .base import *\`), and a name's value is its last
assignment along that chain. Modules named for development or tests (\`settings/dev.py\`,
\`local.py\`, \`settings/test.py\`, a reusable app's \`testproject/settings.py\`) are not production, nor their star imports
(\`try: from .local import *\`). Django's defaults decide what is flagged:
\`SESSION_COOKIE_SECURE\` and \`CSRF_COOKIE_SECURE\` default to False, so a production chain that
never sets them is reported (on its \`DEBUG\` line, else on its star import); \`SESSION_COOKIE_HTTPONLY\`
defaults to True and \`SESSION_COOKIE_SAMESITE\` to \`"Lax"\`, so only an explicit
\`False\` / \`None\` is. A value read from the environment (\`env.bool("SESSION_COOKIE_SECURE")\`,
\`not DEBUG\`) is trusted; \`"None"\` as a string is a deliberate cross-site cookie (it needs
\`Secure\`) and is left alone. The session cookie counts only when the chain uses sessions
(\`django.contrib.sessions\`), the CSRF cookie only with \`CsrfViewMiddleware\` and without
\`CSRF_USE_SESSIONS = True\`. Class-based settings (django-configurations) are not read.

express-session and cookie-session are recognised through imports and \`require\`, also under
another name, with their options inline or in a \`const\` of the file; express-session's flags
live under \`cookie\`, cookie-session's at the top level. \`opts.cookie.secure = true\` set later in
the file (often inside \`if (production)\`) counts. Options built elsewhere (a config object
passed in, a spread of defaults) are not judged. Test code and browser code are skipped.

## Why is this bad?
A cookie without \`Secure\` also goes out over plain HTTP: one request to \`http://\` (a link, a
redirect, an old bookmark) on a café network hands the session id to anyone listening. A cookie
page scripts can read turns any XSS into a session takeover. Without \`SameSite\`, Safari and
Firefox attach it to requests other sites make, which is what CSRF needs.

## Example
\`\`\`python
import os

DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
INSTALLED_APPS = ["django.contrib.sessions", "shop"]
MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware", "django.middleware.csrf.CsrfViewMiddleware"]
\`\`\`

\`\`\`ts
import session from 'express-session';

app.use(session({ secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: false }));
\`\`\`

## Use instead
\`\`\`python
import os

DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
INSTALLED_APPS = ["django.contrib.sessions", "shop"]
MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware", "django.middleware.csrf.CsrfViewMiddleware"]
\`\`\`

\`\`\`ts
import session from 'express-session';

app.set('trust proxy', 1);
app.use(session({ secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: false, cookie: { secure: process.env.NODE_ENV === 'production', httpOnly: true, sameSite: 'lax' } }));
\`\`\`

## Fix safety
Unsafe for Django: \`SESSION_COOKIE_SECURE = not DEBUG\` (when the chain always defines \`DEBUG\`,
else \`os.environ.get("DJANGO_DEBUG") != "1"\`, the switch debug-enabled writes) keeps plain-HTTP
development working and secures production served over HTTPS; an explicit \`False\` gets the
same value, \`SESSION_COOKIE_HTTPONLY = False\` becomes \`True\` and \`SESSION_COOKIE_SAMESITE = None\`
becomes \`"Lax"\`, Django's defaults. It is not applied without \`--unsafe-fixes\` because a site
served over plain HTTP outside debug mode (a self-hosted LAN install, as paperless-ngx documents)
would never get its session cookie back and nobody could log in; such a site needs its own switch,
which only its authors can name. An explicit \`False\` / \`None\` may likewise be deliberate (a
page embedded cross-site).

express-session and cookie-session get \`secure: process.env.NODE_ENV === 'production'\`,
\`httpOnly: true\` and \`sameSite: 'lax'\` merged into the cookie options, the other keys kept.
Both packages refuse a secure cookie on a request they do not see as HTTPS (express-session
sends no cookie, cookie-session throws), and behind a TLS-terminating proxy (Heroku, a load
balancer, nginx) every request looks like HTTP unless the app trusts the proxy. So the fix is
safe when the file sets \`trust proxy\` (or the options \`proxy: true\`), and unsafe otherwise: add
\`app.set('trust proxy', 1)\` when the app runs behind one. \`sameSite: 'lax'\` keeps top-level
navigation logged in; a login shared with another site (an embedded widget) needs \`'none'\`.

## How to verify
With production settings (\`DJANGO_DEBUG\` unset, \`NODE_ENV=production\` behind HTTPS), log in and
read the \`Set-Cookie\` header of the session cookie: it carries \`Secure\`, \`HttpOnly\` and
\`SameSite=Lax\`. \`python manage.py check --deploy\` no longer warns about W012 / W016.

## References
- Django: settings, SESSION_COOKIE_SECURE, CSRF_COOKIE_SECURE, SESSION_COOKIE_SAMESITE; deployment checklist
- express-session: cookie options, \`cookie.secure\` and \`trust proxy\` (https://github.com/expressjs/session)
- OWASP: Session Management Cheat Sheet, cookie attributes
- CWE-614: Sensitive Cookie in HTTPS Session Without 'Secure' Attribute
`,
});
