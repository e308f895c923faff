import { defineRule } from '../../engine/types';
import { python } from './python';
import { js } from './js';

export default defineRule({
  id: 'json-file-race',
  family: 'locking',
  severity: 'error',
  languages: ['python', 'javascript', 'typescript'],
  fix: { availability: 'sometimes', maxApplicability: 'unsafe', title: 'Lock the file and write it atomically' },
  python,
  js,
  docs: `## What it does
Flags a function that reads a JSON file, changes the data and writes the same file back without a file lock.

## Why is this bad?
Web servers run several workers (gunicorn, uvicorn, Celery). Two of them load \`payments.json\` at
the same time, each adds its record, each writes the whole file back: the second write erases the
first worker's record. Payments and subscriptions vanish without an error. A plain \`open(p, "w")\`
also truncates the file before writing it, so a crash or a concurrent reader in that moment sees an
empty or half-written file.

The rule pairs reads (\`json.load(f)\` from \`with open(p) as f\` or \`open(p)\`, \`json.loads(f.read())\`,
\`json.loads(open(p).read())\`, \`json.loads(path.read_text())\`) with later writes (\`json.dump(data, f)\` into
\`open(p, "w")\`, \`f.write(json.dumps(data))\`, \`path.write_text(json.dumps(data))\`) of the same path
(\`Path(p)\` names \`p\`) in one function. It stays silent
when the function takes a file lock (\`filelock.FileLock\`, \`portalocker\`, \`fcntl.flock\`) and when
the read and the write use different files.

In JavaScript and TypeScript it pairs \`JSON.parse(fs.readFileSync(p))\`, \`JSON.parse(await readFile(p))\`
(\`fs/promises\`, \`fs.promises\`, also through a local \`const raw = ...\` or a \`fs.readFile\` callback)
and fs-extra \`readJson\` with a later \`fs.writeFileSync(p, ...)\`, \`await writeFile(p, ...)\` or
\`writeJson\` of the same path. It stays silent when the function takes a lock (\`proper-lockfile\`,
\`async-mutex\`, a call named like \`withLock\` / \`lockfile\`, or the function runs inside one), when
the write goes to a temp file that is renamed or through \`write-file-atomic\`, and for tooling files
such as \`package.json\` that release scripts rewrite once.

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

\`\`\`ts
import { readFile, writeFile } from "node:fs/promises";

export async function addPayment(record: object) {
  const payments = JSON.parse(await readFile("payments.json", "utf8"));
  payments.push(record);
  await writeFile("payments.json", JSON.stringify(payments));
}
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

\`\`\`ts
import { readFile } from "node:fs/promises";
import * as lockfile from "proper-lockfile";
import writeFileAtomic from "write-file-atomic";

export async function addPayment(record: object) {
  const release = await lockfile.lock("payments.json", { retries: { retries: 10, minTimeout: 20 }, realpath: false });
  try {
    const payments = JSON.parse(await readFile("payments.json", "utf8"));
    payments.push(record);
    await writeFileAtomic("payments.json", JSON.stringify(payments));
  } finally {
    await release();
  }
}
\`\`\`

## Fix safety
Unsafe, and it adds a dependency: the fix uses \`filelock.FileLock\` (\`pip install filelock\`), as its
title says. It wraps the statements from the read to the write in \`with FileLock(f"{path}.lock"):\`,
writes to a temporary file in the same folder and renames it over the target with \`os.replace\`
(atomic on POSIX and Windows); the temporary file is created with mode 0600, so the rewritten file
is readable by its owner only (\`os.chmod\` it if other users must read it). Every writer of the file must take the same lock for it to help. The
fix is offered when the write is \`with open(path, "w") as f: json.dump(...)\` and the read and the
write sit in one block; the other shapes get the finding only.

In JavaScript and TypeScript the fix adds \`proper-lockfile\` and \`write-file-atomic\` (\`npm install
proper-lockfile write-file-atomic\`), as its title says. In an async function it takes
\`await lockfile.lock(path, { retries: { retries: 10, minTimeout: 20 }, realpath: false })\` before the
read, releases it in \`finally\`, and replaces the write by \`await writeFileAtomic(path, data)\` (a temp
file renamed over the target). A function that is not async stays synchronous, because making it
async would hand its callers a promise: it takes \`lockfile.lockSync(path, { realpath: false })\`, which
does not wait, so a concurrent caller gets an \`ELOCKED\` error instead of silently losing data, and
writes with \`writeFileAtomic.sync\`. The lock is a \`<path>.lock\` directory next to the file
(\`realpath: false\`, so the file need not exist yet). The fix is offered for plain \`fs\` reads and
writes in one block (not for callbacks or fs-extra's \`writeJson\`). The lasting cure is a database.

## How to verify
Start several processes that each append entries to the file many times: before the fix entries are
lost (or the file is corrupted); after it every entry is there. \`npm run test:behaviour\` runs this
test on the codemod's output, for Python and for a TypeScript module run by several Node processes.

## References
- filelock (https://py-filelock.readthedocs.io/)
- Python: os.replace (https://docs.python.org/3/library/os.html#os.replace)
- proper-lockfile (https://github.com/moxystudio/node-proper-lockfile)
- write-file-atomic (https://github.com/npm/write-file-atomic)
`,
});
