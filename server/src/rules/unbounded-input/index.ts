import { defineRule } from '../../engine/types';
import { python } from './python';

export default defineRule({
  id: 'unbounded-input',
  family: 'performance-operations',
  severity: 'warning',
  languages: ['python'],
  fix: { availability: 'always', maxApplicability: 'unsafe', title: 'Parse the number with a bounded helper' },
  python,
  docs: `## What it does
Flags a number taken from the request and used without validation or bounds.

It looks for \`int(...)\` of a query or form value (Django / DRF \`request.GET\`, \`query_params\`,
\`POST\`, \`data\`; Flask \`request.args\`, \`form\`, \`values\`), directly or through a local name, outside
any \`try\`, whose result is never compared, clamped with \`min\` / \`max\`, or checked with \`in\` /
\`range\` afterwards.

Not flagged: parses inside a \`try\` with a handler, clamped or compared values, Flask's
\`request.args.get("n", type=int)\`, URL converters and FastAPI-typed parameters (validated before
the handler runs), \`int(x, 16)\`, test code.

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
file's style. Lower the \`maximum=\` argument where 1000 is too much for the query.

## How to verify
Call the endpoint with \`?days=abc\`: a 400, not a 500; with \`?days=99999999\`: the query uses 1000.
\`shipguard scan\` no longer reports the line.

## References
- OWASP API Security Top 10: API4 Unrestricted Resource Consumption
- CWE-20: Improper Input Validation; CWE-770: Allocation of Resources Without Limits
`,
});
