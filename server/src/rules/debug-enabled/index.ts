import { defineRule } from '../../engine/types';
import { python } from './python';

export default defineRule({
  id: 'debug-enabled',
  family: 'secrets-auth-config',
  severity: 'error',
  languages: ['python'],
  fix: { availability: 'always', maxApplicability: 'safe', title: 'Read debug mode from the environment' },
  python,
  docs: `## What it does
Flags debug mode switched on in code that runs in production: \`DEBUG = True\` in a Django settings module not named for development or tests, and Flask \`app.run(debug=True)\`, \`app.debug = True\`, \`app.config["DEBUG"] = True\`.

A settings module is \`settings.py\`, a module of a \`settings/\` package, or a module that assigns
\`INSTALLED_APPS\`, \`MIDDLEWARE\`, \`DATABASES\` or \`ROOT_URLCONF\`. Modules named for development or
tests are not production: \`settings/dev.py\`, \`settings/local.py\`, \`settings/test.py\`,
\`settings_ci.py\`, \`dev_settings.py\`, or a module whose own folder is named so (\`local/settings.py\`).
A value read from the environment (\`DEBUG = env.bool("DEBUG")\`) is not flagged, nor
\`DEBUG = True\` inside a function or an \`if\` block. In split settings, \`base.py\` and
\`production.py\` are production modules.

## Why is this bad?
Django with \`DEBUG = True\` answers every error with the stack trace, local variables, settings
(minus a few masked names) and the SQL it ran, and keeps every query in memory. Flask's debug
mode starts the Werkzeug debugger, whose error page runs any Python code a visitor types.

## Example
\`\`\`python
from flask import Flask

app = Flask(__name__)

if __name__ == "__main__":
    app.run(host="0.0.0.0", debug=True)
\`\`\`

## Use instead
\`\`\`python
import os

from flask import Flask

app = Flask(__name__)

if __name__ == "__main__":
    app.run(host="0.0.0.0", debug=os.environ.get("FLASK_DEBUG") == "1")
\`\`\`

## Fix safety
Safe: debug mode is now off unless the environment turns it on (\`DJANGO_DEBUG=1\`,
\`FLASK_DEBUG=1\`), which is what production needs; a developer sets the variable locally to keep
the debug pages (the message names it). \`import os\` is added in the file's import style.

## How to verify
Start the app without the variable and open a URL that raises: the answer is a plain 500 page, not
a traceback. \`shipguard scan\` no longer reports the line.

## References
- Django: deployment checklist, DEBUG
- Flask: Debug Mode ("never use the debugger in production")
- Bandit B201 flask_debug_true
`,
});
