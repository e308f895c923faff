import { defineRule } from '../../engine/types';
import { python } from './python';
import { js } from './js';

export default defineRule({
  id: 'cors-wildcard',
  family: 'secrets-auth-config',
  severity: 'warning',
  languages: ['python', 'javascript', 'typescript'],
  fix: { availability: 'always', maxApplicability: 'unsafe', title: 'Allow only the origins listed in the environment' },
  python,
  js,
  docs: `## What it does
Flags CORS open to every website: django-cors-headers allow-all in production settings, flask-cors \`CORS(app)\` without origins or with \`"*"\`, \`CORSMiddleware\` with \`allow_origins=["*"]\` and credentials, Express \`cors()\` without options, with \`origin: "*"\`, or \`origin: true\` with credentials.

The Django settings are \`CORS_ALLOW_ALL_ORIGINS = True\` and its old name \`CORS_ORIGIN_ALLOW_ALL = True\`;
\`CORSMiddleware\` is Starlette's, also as FastAPI's, with \`allow_credentials=True\`.

Django settings are read the way Django loads them (split settings followed through their star
imports; \`settings/dev.py\`, \`local.py\`, \`settings/test.py\` and what they set are not production),
so \`CORS_ALLOW_ALL_ORIGINS = True\` in \`base.py\` is reported only when a production module does not
override it. An allow-all scoped to a few URLs with \`CORS_URLS_REGEX\` and without
\`CORS_ALLOW_CREDENTIALS = True\` is a public API on purpose and is left alone. flask-cors is
recognised through imports and aliases (\`from flask_cors import CORS as C\`, \`flask_cors.CORS\`),
also as \`cors = CORS()\` with \`init_app\`; origins given by the app's \`CORS_ORIGINS\` config key,
per path in \`resources\`, or to \`init_app\` count. \`cors\` in Express is followed through
\`import cors from 'cors'\`, \`require('cors')\` and aliases, with its options inline or in a
\`const\`; options built elsewhere or an \`origin\` function are not judged. Test code, browser
code, and calls under an \`if\` about debug mode or development are skipped.

## Why is this bad?
\`Access-Control-Allow-Origin: *\` lets every website read this API's answers from its
visitors' browsers: whatever the browser can reach (an intranet service, data behind IP
allow-lists) is then readable by any page it opens. With credentials allowed, Starlette, the
\`cors\` package (\`origin: true\`) and flask-cors (\`supports_credentials=True\`) echo the caller's
origin and accept cookies, so any website can act as the signed-in user and read the answers.

## Example
\`\`\`python
from flask import Flask
from flask_cors import CORS

app = Flask(__name__)
CORS(app, supports_credentials=True)
\`\`\`

\`\`\`ts
import express from 'express';
import cors from 'cors';

const app = express();
app.use(cors({ origin: true, credentials: true }));
\`\`\`

## Use instead
\`\`\`python
import os

from flask import Flask
from flask_cors import CORS

app = Flask(__name__)
CORS(app, supports_credentials=True, origins=[o for o in os.environ.get("CORS_ALLOWED_ORIGINS", "").split(",") if o])
\`\`\`

\`\`\`ts
import express from 'express';
import cors from 'cors';

const app = express();
app.use(cors({ origin: (process.env.CORS_ALLOWED_ORIGINS ?? '').split(',').filter(Boolean), credentials: true }));
\`\`\`

## Fix safety
Unsafe: the allowed origins now come from \`CORS_ALLOWED_ORIGINS\`, a comma-separated list
(\`https://app.example.com,https://admin.example.com\`), and while it is unset no other site gets
CORS headers, so a frontend served from another origin stops working until the variable lists
it. Django gets \`CORS_ALLOWED_ORIGINS = [...]\` (\`CORS_ORIGIN_WHITELIST\` for the old
\`CORS_ORIGIN_ALLOW_ALL\` name, which older django-cors-headers read), through \`env.list(...)\` when
the module uses django-environ; when an allow-list is already set, \`CORS_ALLOW_ALL_ORIGINS\` is
turned off so that it applies. The other options (\`credentials\`, \`methods\`, \`resources\`) are kept.
\`import os\` is added in the file's import style.

## How to verify
Send a request with \`Origin: https://evil.example\`: the answer carries no
\`Access-Control-Allow-Origin\`. With the variable listing \`https://app.example.com\`, a request from
that origin gets it. \`shipguard scan\` no longer reports the line.

## References
- django-cors-headers: CORS_ALLOWED_ORIGINS, CORS_ALLOW_ALL_ORIGINS, CORS_URLS_REGEX
- flask-cors: \`origins\`, \`supports_credentials\` (https://flask-cors.readthedocs.io)
- Starlette: CORSMiddleware, \`allow_credentials\` with wildcard origins
- expressjs/cors: configuration options, \`origin\` (https://github.com/expressjs/cors)
- CWE-942: Permissive Cross-domain Policy with Untrusted Domains
`,
});
