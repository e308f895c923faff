import { defineRule } from '../../engine/types';
import { python } from './python';
import { js } from './js';

export default defineRule({
  id: 'sensitive-data-in-logs',
  family: 'error-handling',
  severity: 'warning',
  languages: ['python', 'javascript', 'typescript'],
  fix: { availability: 'always', maxApplicability: 'unsafe', title: 'Mask the sensitive value in the log call' },
  python,
  js,
  docs: `## What it does
Flags a log call whose arguments include a password, token, API key, secret or card number, or a whole request body or header set.

## Why is this bad?
Logs are copied everywhere: to files on every server, to the aggregator, to backups, to
the error tracker, to the laptop of whoever debugs the next incident. A password or token
written there is readable by everyone with log access, kept for months, and rarely
rotated afterwards. A whole request body or header set carries every secret the client
sent (passwords in a login form, \`Authorization\` and \`Cookie\` headers) even when the
line was only meant to show which fields arrived.

Log calls are recognised through bindings and names: Python's \`logging\` loggers,
structlog, loguru, Celery task loggers, Flask's \`app.logger\`; \`console.*\`, \`logger\` /
\`log\` / \`this.logger\` / \`req.log\` in JavaScript. A value is sensitive when its name ends
in a secret's word (\`password\`, \`reset_token\`, \`stripeSecretKey\`, \`data["api_key"]\`,
\`{ token }\`, a structlog \`password=\` keyword) or it is the whole request body / headers
(\`request.data\`, \`request.POST\`, \`request.headers\`, \`request.META\`, \`req.body\`,
\`req.headers\`). Not flagged: names that only mention a secret (\`token_type\`,
\`password_reset_url\`, \`has_password\`, \`num_tokens\`), lengths, tests and masked forms
(\`len(token)\`, \`token is None\`, \`mask(card_number)\`, \`token[:4]\`, \`password.length\`),
attributes of such objects (\`api_key.name\`), \`print\`, browser code and tests.

## Example
\`\`\`python
import logging

logger = logging.getLogger(__name__)

def login(request, username, password):
    logger.info("Login attempt for %s with %s", username, password)
\`\`\`

\`\`\`ts
export async function signup(req, res) {
  console.log("signup request", req.body);
  res.sendStatus(201);
}
\`\`\`

## Use instead
\`\`\`python
import logging

logger = logging.getLogger(__name__)

def login(request, username, password):
    logger.info("Login attempt for %s with %s", username, "[REDACTED]")
\`\`\`

\`\`\`ts
export async function signup(req, res) {
  console.log("signup request", Object.keys(req.body));
  res.sendStatus(201);
}
\`\`\`

## Fix safety
Unsafe: the log output changes. The secret is replaced by \`"[REDACTED]"\` where it
stands (in an f-string or template literal, the \`{password}\` / \`\${password}\` part), so
the message and the other arguments keep their shape; a whole body or header set is
reduced to its field names (\`sorted(request.data)\`, \`Object.keys(req.body)\`) and a raw
body to its size (\`len(request.body)\`). Whoever relied on seeing the value while
debugging has to look elsewhere, which is the point.

## How to verify
Trigger the code path and read the log line: the value is \`[REDACTED]\` (or only the field
names appear). Rotate any secret that was logged before: old log files still hold it.

## References
- OWASP Logging Cheat Sheet: data to exclude (https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html)
- CWE-532: Insertion of Sensitive Information into Log File
`,
});
