import { defineRule } from '../../engine/types';
import { python } from './python';
import { js } from './js';

export default defineRule({
  id: 'check-then-create',
  family: 'locking',
  severity: 'warning',
  languages: ['python', 'javascript', 'typescript'],
  fix: { availability: 'sometimes', maxApplicability: 'unsafe', title: 'Use `get_or_create` inside `transaction.atomic`' },
  python,
  js,
  docs: `## What it does
Flags code that checks that a row does not exist and then creates it (\`if not M.objects.filter(...).exists(): M.objects.create(...)\`, Prisma \`findUnique\` / \`findFirst\` then \`create\`).

## Why is this bad?
Between the check and the insert another request can run the same check, see nothing, and insert too:
double submits create two orders, two profiles, two votes, two generated audios for the same page. The
check gives a false sense of safety; only the database can decide atomically.

The rule matches the same model and lookup in the check and the create, in these shapes:
\`if not ...exists():\` / \`if ...first() is None:\` / \`if qs.count() == 0:\` with the create in the body;
\`if ...exists(): return\` (or \`raise\`) followed by the create; a local holding the lookup
(\`existing = ...first()\` then \`if not existing:\`); and \`try: M.objects.get(...)\` /
\`except M.DoesNotExist: M.objects.create(...)\`; and "update it if it exists, else create it"
(\`obj = ...first()\`, \`if obj: obj.x = ...; obj.save()\`, \`else: M.objects.create(...)\`), whose create
branch races the same way: its fix is one \`update_or_create(lookup, defaults={...})\` when both branches
write the same values (no \`transaction.atomic\` added: \`update_or_create\` runs in its own transaction and
locks the row it updates). It stays silent when a row lock taken earlier in an atomic function serializes
the check (the pattern of locking the parent row first), or when every caller of the function in the module
takes a row lock before calling it (directly or through the helpers that call it).

In JavaScript and TypeScript the rule matches Prisma: \`const existing = await prisma.vote.findUnique({ where })\`
(or \`findFirst\`, \`count() === 0\`) tested with \`!existing\` / \`=== null\` or as a guard clause, then
\`create\` on the same model with \`data\` covering the \`where\` fields (compound unique keys such as
\`userId_pollId\` are flattened), also as the else branch of \`if (row) { update } else { create }\`
(reported without a rewrite: the \`upsert\` needs the update branch's data). Code inside
\`prisma.$transaction\` is left alone.

## Example
\`\`\`python
def vote(user, poll, choice):
    if not Vote.objects.filter(user=user, poll=poll).exists():
        Vote.objects.create(user=user, poll=poll, choice=choice)
\`\`\`

## Use instead
\`\`\`python
from django.db import transaction

@transaction.atomic
def vote(user, poll, choice):
    Vote.objects.get_or_create(user=user, poll=poll, defaults={"choice": choice})
\`\`\`
In Prisma: \`await prisma.vote.upsert({ where: { userId_pollId: { userId, pollId } }, update: {}, create: { userId, pollId, choice } })\`,
with a unique constraint on the lookup fields
(\`models.UniqueConstraint(fields=["user", "poll"], name="one_vote_per_poll")\`).

## Fix safety
Unsafe. \`get_or_create\` is only race-free when the database enforces uniqueness of the lookup
fields: with a \`UniqueConstraint\` (or \`unique=True\`) the losing insert raises \`IntegrityError\`
inside \`get_or_create\`, which then returns the winner's row. Add the constraint (and a migration)
if the model does not have one: the fix title names the fields. The fix is offered for the simple
shapes (the \`if\` body or the \`except\` body is just the create, the lookup is plain keyword
equality with the same values as the create); the other shapes get the finding only. The function is
made atomic with \`@transaction.atomic\` directly above the \`def\`, importing \`transaction\` from
\`django.db\` (merged into an existing import).

In Prisma the fix replaces the \`findUnique\` and the \`if\` with one \`upsert\` (\`update: {}\` keeps an
existing row unchanged); it is offered only for \`findUnique\`, whose \`where\` is unique by type, when the
\`if\` body is just the create and the looked-up row is not used elsewhere.

## How to verify
Call the function from N threads at once, each with its own connection, on an empty table with the
unique constraint: before the fix some calls fail with \`IntegrityError\` (or, without the constraint,
duplicates appear); after it every call succeeds and exactly one row exists.

## References
- Django: get_or_create (https://docs.djangoproject.com/en/stable/ref/models/querysets/#get-or-create)
`,
});
