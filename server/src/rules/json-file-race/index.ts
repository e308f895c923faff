import { defineRule } from '../../engine/types';
import { python } from './python';

export default defineRule({
  id: 'json-file-race',
  family: 'locking',
  severity: 'error',
  languages: ['python'],
  fix: { availability: 'sometimes', maxApplicability: 'unsafe', title: 'Lock the file and write it atomically' },
  python,
  docs: `## What it does
Flags a function that reads a JSON file, changes the data and writes the same file back without a file lock.

## Why is this bad?
Web servers run several workers (gunicorn, uvicorn, Celery). Two of them load \`payments.json\` at
the same time, each adds its record, each writes the whole file back: the second write erases the
first worker's record. Payments and subscriptions vanish without an error. A plain \`open(p, "w")\`
also truncates the file before writing it, so a crash or a concurrent reader in that moment sees an
empty or half-written file.

The rule pairs reads (\`json.load(f)\` from \`with open(p) as f\` or \`open(p)\`, \`json.loads(open(p).read())\`,
\`json.loads(path.read_text())\`) with later writes (\`json.dump(data, f)\` into \`open(p, "w")\`,
\`path.write_text(json.dumps(data))\`) of the same path expression in one function. It stays silent
when the function takes a file lock (\`filelock.FileLock\`, \`portalocker\`, \`fcntl.flock\`) and when
the read and the write use different files.

## Example
\`\`\`python
import json

def add_payment(record):
    with open("payments.json") as f:
        payments = json.load(f)
    payments.append(record)
    with open("payments.json", "w") as f:
        json.dump(payments, f)
\`\`\`

## Use instead
\`\`\`python
import json
import os
import tempfile
from filelock import FileLock

def add_payment(record):
    with FileLock("payments.json.lock"):
        with open("payments.json") as f:
            payments = json.load(f)
        payments.append(record)
        with tempfile.NamedTemporaryFile("w", dir=os.path.dirname(os.path.abspath("payments.json")), delete=False) as f:
            json.dump(payments, f)
        os.replace(f.name, "payments.json")
\`\`\`

## Fix safety
Unsafe, and it adds a dependency: the fix uses \`filelock.FileLock\` (\`pip install filelock\`), as its
title says. It wraps the statements from the read to the write in \`with FileLock(f"{path}.lock"):\`,
writes to a temporary file in the same folder and renames it over the target with \`os.replace\`
(atomic on POSIX and Windows); the temporary file is created with mode 0600, so the rewritten file
is readable by its owner only (\`os.chmod\` it if other users must read it). Every writer of the file must take the same lock for it to help. The
fix is offered when the write is \`with open(path, "w") as f: json.dump(...)\` and the read and the
write sit in one block; the other shapes get the finding only. The lasting cure is a database.

## How to verify
Start several processes that each append entries to the file many times: before the fix entries are
lost (or the file is corrupted); after it every entry is there. \`npm run test:behaviour\` runs this
test on the codemod's output.

## References
- filelock (https://py-filelock.readthedocs.io/)
- Python: os.replace (https://docs.python.org/3/library/os.html#os.replace)
`,
});
