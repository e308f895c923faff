import { defineRule } from '../../engine/types';
import { python } from './python';
import { js } from './js';

export default defineRule({
  id: 'unbounded-input',
  family: 'performance-operations',
  severity: 'warning',
  languages: ['python', 'javascript', 'typescript'],
  fix: { availability: 'sometimes', maxApplicability: 'unsafe', title: 'Parse the number with a bounded helper' },
  python,
  js,
  docs: `## What it does
Flags a number taken from the request and used without validation or bounds.

It looks for \`int(...)\` of a query or form value (Django / DRF \`request.GET\`, \`query_params\`,
\`POST\`, \`data\`; Flask \`request.args\`, \`form\`, \`values\`), directly or through a local name, outside
any \`try\`, whose result is never compared, clamped with \`min\` / \`max\`, or checked with \`in\` /
\`range\` afterwards.

JavaScript / TypeScript: \`Number(...)\`, \`parseInt(..., 10)\`, \`parseFloat\` or unary \`+\` of \`req.query\` /
\`req.body\` / \`req.params\` (Express, Next.js pages/api) or a Next.js \`searchParams.get(...)\`, in a route
handler, whose value reaches a size: Prisma / Sequelize / TypeORM \`take\` / \`skip\` / \`limit\` / \`offset\`,
Mongoose / Knex \`.limit(n)\` / \`.skip(n)\`, SQL \`LIMIT \${n}\` or \`LIMIT $1\` with the value, \`Array(n)\`,
\`.repeat(n)\`, a loop's bound. A \`findMany\` with \`take: Number(req.query.limit)\` is this rule's, not
\`unpaginated-list\`'s (that one only reports a \`findMany\` with no \`take\`).

Not flagged: parses inside a \`try\` with a handler, clamped or compared values, Flask's
\`request.args.get("n", type=int)\`, URL converters and FastAPI-typed parameters (validated before
the handler runs), \`int(x, 16)\`, test code. In JavaScript: values clamped with \`Math.min\` / \`Math.max\`,
compared before use, validated by an express-validator chain with a \`max\` (\`query('limit').isInt({ max: 100 })\`)
or a schema (\`z.coerce.number().max(100)\`, Joi, yup), numbers that never reach a size, \`parseInt(x, 16)\`,
headers and cookies.

## Why is this bad?
\`?days=abc\` raises \`ValueError\`: a 500 and an error report for a client typo. \`?days=100000000\` or
\`?page_size=10000000\` goes straight into the query: one request scans or returns the whole table
(or builds a huge date range), which is how a single client takes the API down.

## Example
\`\`\`python
from django.http import JsonResponse

from .models import Event


def recent_events(request):
    days = int(request.GET.get("days", 7))
    rows = Event.objects.recent(days)
    return JsonResponse({"events": list(rows.values())})
\`\`\`

## Use instead
\`\`\`python
from django.core.exceptions import BadRequest
from django.http import JsonResponse

from .models import Event


def parse_bounded_int(value, maximum=1000):
    """A whole number from the request, clamped to 0..maximum; a 400 for anything else."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise BadRequest("Expected a whole number") from None
    return max(0, min(number, maximum))


def recent_events(request):
    days = parse_bounded_int(request.GET.get("days", 7))
    rows = Event.objects.recent(days)
    return JsonResponse({"events": list(rows.values())})
\`\`\`

## Fix safety
Unsafe: values above 1000 are clamped to 1000 and negative values to 0, and a value that is no
whole number now gets a 400 instead of a 500. The fix renames the \`int\` call to
\`parse_bounded_int\` and adds that helper above the function (once per module); it answers the 400
with Flask's \`abort(400)\`, DRF's \`ValidationError\`, or Django's \`BadRequest\`, imported in the
file's style. In JavaScript the conversion becomes \`parseBoundedInt(req.query.limit, { fallback: 20 })\`
(a \`|| 20\` / \`?? 20\` default is kept as the fallback), followed by
\`if (limit === null) return res.status(400).json({ error: 'limit must be a whole number' })\` (a Next.js
route handler returns \`NextResponse.json(..., { status: 400 })\`, or \`Response.json\`); a conversion inside
an expression is first hoisted to a \`const\` named after the field. The helper is added once per file,
after the imports (typed in TypeScript), and clamps to 0..1000 (pass \`{ max }\` to change it; raise it
for offsets). Lower the \`maximum=\` argument where 1000 is too much for the query.

## How to verify
Call the endpoint with \`?days=abc\`: a 400, not a 500; with \`?days=99999999\`: the query uses 1000.
\`shipguard scan\` no longer reports the line.

## References
- OWASP API Security Top 10: API4 Unrestricted Resource Consumption
- CWE-20: Improper Input Validation; CWE-770: Allocation of Resources Without Limits
`,
});
