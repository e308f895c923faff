import { defineRule } from '../../engine/types';
import { python } from './python';

export default defineRule({
  id: 'unpaginated-list',
  family: 'performance-operations',
  severity: 'warning',
  languages: ['python'],
  fix: { availability: 'always', maxApplicability: 'unsafe', title: 'Paginate the list endpoint' },
  python,
  docs: `## What it does
Flags a DRF list endpoint that returns the whole table in one response: a \`ListAPIView\`,
\`ListCreateAPIView\`, \`ModelViewSet\`, \`ReadOnlyModelViewSet\` (or a generic view with
\`ListModelMixin\`) with no \`pagination_class\`, in a project whose settings set no
\`DEFAULT_PAGINATION_CLASS\` (the \`REST_FRAMEWORK\` setting of any settings module, split settings
included).

Not flagged: views that set \`pagination_class\` (\`None\` too: an explicit choice), that define
their own \`list\` / \`paginate_queryset\`, views built on a project base class (it may paginate),
projects whose settings cannot be found, test code.

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

## Fix safety
Unsafe: the response changes shape, from a list to \`{"count", "next", "previous", "results"}\`,
and holds 50 rows unless the client asks for more with \`?page_size=\` (at most 200); clients that
read the whole list must follow \`next\`. The fix adds \`pagination_class\` to the view and, once per
module, the \`StandardResultsSetPagination\` class above it with its import. Setting
\`DEFAULT_PAGINATION_CLASS\` and \`PAGE_SIZE\` in \`REST_FRAMEWORK\` paginates every view at once.

## How to verify
Call the endpoint: it answers with \`count\`, \`next\` and 50 \`results\`; \`?page_size=1000\` gives
200. \`shipguard scan\` no longer reports the class.

## References
- Django REST framework: Pagination
- OWASP API Security Top 10: API4 Unrestricted Resource Consumption
- CWE-770: Allocation of Resources Without Limits or Throttling
`,
});
