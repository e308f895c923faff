import { defineRule } from '../../engine/types';
import { python } from './python';

export default defineRule({
  id: 'db-connection-reuse',
  family: 'performance-operations',
  severity: 'warning',
  languages: ['python'],
  fix: { availability: 'always', maxApplicability: 'safe', title: 'Add `CONN_MAX_AGE` and a connect timeout' },
  python,
  docs: `## What it does
Flags a Django \`DATABASES\` entry that opens a new database connection for every request.

It reads the entries of a production settings module (\`settings.py\`, the modules of a
\`settings/\` package such as \`settings/production.py\`, any module that assigns \`DATABASES\`):
the dicts of \`DATABASES = {...}\` and \`DATABASES["default"] = {...}\` with no \`CONN_MAX_AGE\` or
\`CONN_MAX_AGE: 0\`, and \`dj_database_url.config(...)\` / \`dj_database_url.parse(...)\` (any import
form) without \`conn_max_age=\` or with \`conn_max_age=0\`. The message also says when a PostgreSQL
entry has no \`connect_timeout\` (or \`statement_timeout\`) in its \`OPTIONS\`.

Not flagged: SQLite entries, Django 5.1's connection pool (\`OPTIONS["pool"]\`, which requires
\`CONN_MAX_AGE\` 0), pgbouncer set-ups (\`DISABLE_SERVER_SIDE_CURSORS: True\`), an entry whose
\`CONN_MAX_AGE\` is set after it (\`DATABASES["default"]["CONN_MAX_AGE"] = 600\`, in the module or
in the production module that star-imports it), a \`DATABASES\` that a later production module
replaces, ASGI-only settings (\`ASGI_APPLICATION\` with no \`WSGI_APPLICATION\`: Django's docs
advise a pool rather than persistent connections there), development and test settings
(\`settings/dev.py\`, \`settings_local.py\`, \`test_settings.py\`), test code. Entries built by
other helpers (django-environ's \`env.db()\`, a project function returning the dict) are not read.

## Why is this bad?
Django's default \`CONN_MAX_AGE\` is 0: each request connects (TCP, TLS, authentication: often
5-50 ms against a managed database), runs its queries and disconnects. Under load this adds
latency to every request, burns database CPU on connection setup, and on PostgreSQL (one
process per connection) can exhaust \`max_connections\` with connections still closing. Without a
\`connect_timeout\`, a database that stops answering (failover, network partition) leaves every
worker blocked on connect until the operating system gives up, minutes later.

## Example
\`\`\`python
import os

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ["POSTGRES_DB"],
        "HOST": os.environ["POSTGRES_HOST"],
    }
}
\`\`\`

## Use instead
\`\`\`python
import os

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ["POSTGRES_DB"],
        "HOST": os.environ["POSTGRES_HOST"],
        "CONN_MAX_AGE": 60,
        "OPTIONS": {"connect_timeout": 5},
    }
}
\`\`\`

## Fix safety
Safe: queries and results are unchanged. The fix adds \`"CONN_MAX_AGE": 60\` to the entry (or
raises an explicit \`0\` to 60, or adds \`conn_max_age=60\` to \`dj_database_url\`), and for
PostgreSQL adds \`"OPTIONS": {"connect_timeout": 5}\` (merged into an existing \`OPTIONS\` dict),
in the dict's own layout and quotes. Each worker thread then keeps one connection open for up to
60 seconds: size \`max_connections\` (or the pooler) for processes x threads. Django checks a
kept connection before reuse only with \`CONN_HEALTH_CHECKS = True\`; consider adding it.

## How to verify
With PostgreSQL, load a page a few times and compare \`SELECT count(*), max(backend_start) FROM
pg_stat_activity WHERE datname = '<db>'\`: before the fix every request shows a new
\`backend_start\`; after it the same backend serves the requests. \`shipguard scan\` no longer
reports the entry.

## References
- Django documentation: Databases, "Persistent connections" (\`CONN_MAX_AGE\`, \`CONN_HEALTH_CHECKS\`)
- PostgreSQL documentation: libpq connection parameters (\`connect_timeout\`)
`,
});
