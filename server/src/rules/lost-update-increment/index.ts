import { defineRule } from '../../engine/types';
import { python } from './python';
import { js } from './js';

export default defineRule({
  id: 'lost-update-increment',
  family: 'locking',
  severity: 'warning',
  languages: ['python', 'javascript', 'typescript'],
  fix: { availability: 'sometimes', maxApplicability: 'unsafe', title: 'Increment in the database with `F()`' },
  python,
  js,
  docs: `## What it does
Flags counters computed in application code and written back (Django \`obj.n += k\` then \`obj.save()\`, Prisma \`data: { n: row.n + k }\`), which loses updates under concurrency.

## Why is this bad?
\`obj.views += 1; obj.save()\` reads the value when the object was loaded, adds in Python and writes the
result. Two requests that load the row at the same time both write \`old + 1\`: one increment is lost.
Stock counts drift, credits are spent twice, download counters undercount. An \`F()\` expression makes the
database do the arithmetic (\`UPDATE ... SET n = n + 1\`), which is atomic per row.

\`obj.n = (obj.n or 0) + k\` (a NULL column counted as 0) is the same increment; its fix is
\`Coalesce(F("n"), 0) + k\`, because \`F("n") + k\` on a NULL column stays NULL.

The rule needs the object to be saved after the increment in the same function. It stays silent for
objects read with \`select_for_update()\` inside \`transaction.atomic\` (the row is locked), for objects
created in the same function, for amounts that are already \`F()\` expressions, and for a parameter
whose every caller in the module calls after taking a row lock (\`select_for_update()\`, or a project
helper named \`*select_for_update\`), directly or by handing the parameter on. A module that locks rows
elsewhere does not make other functions' parameters locked rows.

In Prisma, \`update({ data: { views: post.views + 1 } })\` writes the value computed from an earlier
read; \`{ views: { increment: 1 } }\` makes the database add. The rule recognises Prisma clients through
\`new PrismaClient()\` bindings, typed parameters, the \`prisma\` singleton convention and the \`tx\`
client of \`$transaction\`.

## Example
\`\`\`python
def record_download(file_id):
    doc = Document.objects.get(pk=file_id)
    doc.downloads += 1
    doc.save()
\`\`\`

## Use instead
\`\`\`python
from django.db.models import F

def record_download(file_id):
    doc = Document.objects.get(pk=file_id)
    doc.downloads = F("downloads") + 1
    doc.save(update_fields=["downloads"])
\`\`\`

In Prisma: \`prisma.post.update({ where: { id }, data: { views: { increment: 1 } } })\`.

## Fix safety
Unsafe: in Prisma the fix replaces \`n: row.n + k\` with \`n: { increment: k }\` (\`decrement\` for \`-\`);
the returned row holds the new value, but \`row\` itself still holds the old one. In Django the value is computed by the database, so code that reads \`obj.n\` afterwards would see an
expression, not a number. The fix therefore adds \`obj.refresh_from_db(fields=["n"])\` after the save
whenever the object is used later (or comes from outside the function), and gives no fix when the field
is read between the increment and the save. \`save(update_fields=[...])\` lists every field the function
changed when the function read the object itself; for objects passed in, \`save()\` keeps its arguments.
\`F\` is imported from \`django.db.models\` (merged into an existing import, or \`models.F\` when the
module is already imported as \`models\`). A check on the old value (\`if stock >= qty\`) is a separate
race: see \`race-read-check-write\`.

## How to verify
Run N threads that each load the row and call the function, each with its own connection: before the fix
the counter ends below N; after it, at exactly N. \`npm run test:behaviour\` runs this test.

## References
- Django: Avoiding race conditions using F() (https://docs.djangoproject.com/en/stable/ref/models/expressions/#avoiding-race-conditions-using-f)
`,
});
