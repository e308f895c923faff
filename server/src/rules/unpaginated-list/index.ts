import { defineRule } from '../../engine/types';
import { python } from './python';
import { js } from './js';

export default defineRule({
  id: 'unpaginated-list',
  family: 'performance-operations',
  severity: 'warning',
  languages: ['python', 'javascript', 'typescript'],
  fix: { availability: 'sometimes', maxApplicability: 'unsafe', title: 'Paginate the list endpoint' },
  python,
  js,
  docs: `## What it does
Flags a list endpoint that returns the whole table in one response.

DRF: a \`ListAPIView\`,
\`ListCreateAPIView\`, \`ModelViewSet\`, \`ReadOnlyModelViewSet\` (or a generic view with
\`ListModelMixin\`) with no \`pagination_class\`, in a project whose settings set no
\`DEFAULT_PAGINATION_CLASS\` (the \`REST_FRAMEWORK\` setting of any settings module, split settings
included); Prisma \`findMany()\` with no \`take\` in a route handler (Express \`(req, res)\` handlers and
\`app.get(...)\` callbacks, Next.js \`route.ts\` handlers).

Not flagged: views that set \`pagination_class\` (\`None\` too: an explicit choice), that define
their own \`list\` / \`paginate_queryset\`, views built on a project base class (it may paginate); \`findMany\` with \`take\` or a \`cursor\`, with arguments built
elsewhere (a variable, a spread), filtered on an \`in:\` list, outside route handlers; test code.

## Why is this bad?
The endpoint serialises every row on every call. It is fast while the table is small; once it
holds a few hundred thousand rows, one request holds a worker and the database for seconds and the
response grows to many megabytes: a single client polling it degrades the whole API.

## Example
\`\`\`python
from rest_framework import viewsets

from .models import Invoice
from .serializers import InvoiceSerializer


class InvoiceViewSet(viewsets.ModelViewSet):
    queryset = Invoice.objects.order_by("-created")
    serializer_class = InvoiceSerializer
\`\`\`

\`\`\`js
app.get('/api/orders', async (req, res) => {
  res.json(await prisma.order.findMany({ orderBy: { createdAt: 'desc' } }));
});
\`\`\`

## Use instead
\`\`\`python
from rest_framework import viewsets
from rest_framework.pagination import PageNumberPagination

from .models import Invoice
from .serializers import InvoiceSerializer


class StandardResultsSetPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class InvoiceViewSet(viewsets.ModelViewSet):
    pagination_class = StandardResultsSetPagination
    queryset = Invoice.objects.order_by("-created")
    serializer_class = InvoiceSerializer
\`\`\`

\`\`\`js
app.get('/api/orders', async (req, res) => {
  const take = Math.min(Math.max(Number.parseInt(String(req.query.limit ?? '50'), 10) || 50, 1), 200);
  const skip = Math.max(Number.parseInt(String(req.query.offset ?? '0'), 10) || 0, 0);
  res.json(await prisma.order.findMany({ orderBy: { createdAt: 'desc' }, take, skip }));
});
\`\`\`

## Fix safety
Unsafe: the response changes shape, from a list to \`{"count", "next", "previous", "results"}\`,
and holds 50 rows unless the client asks for more with \`?page_size=\` (at most 200); clients that
read the whole list must follow \`next\`. The fix adds \`pagination_class\` to the view and, once per
module, the \`StandardResultsSetPagination\` class above it with its import. Setting
\`DEFAULT_PAGINATION_CLASS\` and \`PAGE_SIZE\` in \`REST_FRAMEWORK\` paginates every view at once.
For Prisma the fix declares \`take\` (from \`?limit=\`, 1 to 200, 50 when missing or not a number) and
\`skip\` (from \`?offset=\`, at least 0) before the statement and passes them to \`findMany\`: clients
get 50 rows unless they ask. A Next.js handler reads them from \`new URL(request.url).searchParams\`.
It is offered when the handler's request parameter is a plain name and no \`take\` / \`skip\` is in
the handler already.

## How to verify
Call the endpoint: it answers with \`count\`, \`next\` and 50 \`results\`; \`?page_size=1000\` gives
200; a Prisma route answers 50 rows, \`?limit=5&offset=5\` the second five. \`shipguard scan\` no longer
reports the endpoint.

## References
- Django REST framework: Pagination; Prisma: Pagination (take / skip)
- OWASP API Security Top 10: API4 Unrestricted Resource Consumption
- CWE-770: Allocation of Resources Without Limits or Throttling
`,
});
