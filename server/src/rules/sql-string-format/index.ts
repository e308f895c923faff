import { defineRule } from '../../engine/types';
import { python } from './python';
import { js } from './js';

export default defineRule({
  id: 'sql-string-format',
  family: 'secrets-auth-config',
  severity: 'error',
  languages: ['python', 'javascript', 'typescript'],
  fix: { availability: 'sometimes', maxApplicability: 'unsafe', title: 'Pass the values as query parameters' },
  python,
  js,
  docs: `## What it does
Flags SQL built at run time from a value that is not a constant (f-strings, \`%\`, \`.format\`, \`+\`, template literals) and passed to a query call.

Query calls: DB-API \`cursor.execute/executemany/executescript\`, Django \`raw\`, \`extra(where=...)\` and
\`RawSQL\`, SQLAlchemy \`text()\` and \`exec_driver_sql\`, pandas \`read_sql\`; in JavaScript and TypeScript
\`query\` / \`execute\` (pg, mysql2, Sequelize, TypeORM), knex \`raw\` / \`whereRaw\`, Prisma
\`$queryRawUnsafe\` / \`$executeRawUnsafe\`. The string must read like SQL.

The value is followed inside the function, through assignments (\`sql += ...\` included):
literals, module constants, settings (\`settings.X\`), \`Model._meta\` names, a lookup into a
constant table (\`COLUMNS[sort]\`), and values passed through \`int()\`, \`Number()\`,
\`quote_name\` or checked against an allow-list (\`if col not in ALLOWED: return\`) are not
flagged. A query that arrives whole as a parameter is the caller's business and is not flagged.

## Why is this bad?
A quote in the value ends the SQL string and the rest of the value becomes SQL: \`' OR 1=1 --\`
returns every row, \`'; DROP TABLE ...\` runs a second statement where the driver allows it. Query
parameters send the value separately from the SQL text, so no value can change the query.

## Example
\`\`\`python
import sqlite3

def find_user(conn, name):
    return conn.execute(f"SELECT id FROM users WHERE name = '{name}'").fetchall()
\`\`\`

\`\`\`ts
import { Pool } from 'pg';
const pool = new Pool();

export async function findUser(name: string) {
  return pool.query(\`SELECT id FROM users WHERE name = '\${name}'\`);
}
\`\`\`

## Use instead
\`\`\`python
import sqlite3

def find_user(conn, name):
    return conn.execute("SELECT id FROM users WHERE name = ?", [name]).fetchall()
\`\`\`

\`\`\`ts
import { Pool } from 'pg';
const pool = new Pool();

export async function findUser(name: string) {
  return pool.query('SELECT id FROM users WHERE name = $1', [name]);
}
\`\`\`

## Fix safety
Unsafe: the query now binds values instead of splicing them, which is the point, but a value
that was meant to be SQL (a column name, a sort direction) stops working, so the fix is applied
one site at a time. It is offered for a query built in the call itself (an f-string, a \`%\` /
\`.format()\` / \`+\` query in Python, a template literal in JavaScript),
in the placeholder style of the one driver the file imports: sqlite3 \`?\`, psycopg / Django /
MySQL drivers \`%s\` (literal \`%\` of the SQL doubled), SQLAlchemy \`text()\` \`:name\` with a dict passed
to the enclosing \`execute\`, pg \`$1\`, mysql2 \`?\`, Prisma the \`$queryRaw\` tagged template. The SQL
quotes around a value go (\`'{name}'\` becomes \`%s\`); a quoted pattern keeps its wildcards in the
value (\`LIKE '%{q}%'\` becomes \`LIKE %s\` with \`f"%{q}%"\`). Constant interpolations (a table name from a
constant) stay in an f-string; a \`%\` / \`.format()\` / \`+\` query with a constant in it, or with a
width, flag or conversion (\`%5s\`, \`{!r}\`), gets no fix. \`"... %(email)s" % {"email": email}\` keeps
its dict as the parameters (\`%(email)s\`, sqlite3 \`:email\`). No fix for a query built in a variable first,
for a call that already passes parameters, or when the file imports no driver or several.

## How to verify
Run the query with \`' OR 1=1 --\` as the value: before the fix it returns every row, after it none.
\`shipguard scan\` no longer reports the line.

## References
- OWASP: SQL Injection Prevention Cheat Sheet
- Bandit B608 hardcoded_sql_expressions; Semgrep python.django.security.injection.sql
- Python DB-API 2.0 (PEP 249) paramstyle; node-postgres: Parameterized query
`,
});
