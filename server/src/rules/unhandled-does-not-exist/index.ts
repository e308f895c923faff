import { defineRule } from '../../engine/types';
import { python } from './python';

export default defineRule({
  id: 'unhandled-does-not-exist',
  family: 'error-handling',
  severity: 'warning',
  languages: ['python'],
  fix: { availability: 'sometimes', maxApplicability: 'safe', title: 'Use `get_object_or_404()`' },
  python,
  docs: `## What it does
Flags \`Model.objects.get(...)\` in a Django or DRF view with no handler for \`Model.DoesNotExist\` around it, so a missing row answers 500 instead of 404.

## Why is this bad?
\`get()\` raises \`DoesNotExist\` when no row matches. Neither Django nor DRF turns that
exception into a 404 (DRF only maps \`Http404\`, \`PermissionDenied\` and its own
exceptions), so a stale link, a deleted object or a guessed id gives the client a 500,
pages the on-call engineer through the error tracker, and in \`DEBUG\` shows the query.

Views are functions whose first parameter is \`request\`, methods taking
\`(self, request, ...)\`, and the hooks of class-based views (\`get_object\`,
\`perform_create\`, \`get_context_data\`, ...). Not flagged: a \`get()\` inside a \`try\` whose
handlers catch \`DoesNotExist\`, \`ObjectDoesNotExist\` or \`Exception\`; one guarded by
\`if Model.objects.filter(...).exists():\`; the signed-in user
(\`User.objects.get(pk=request.user.pk)\`); a \`get()\` without lookup (a singleton row);
helpers, management commands, Celery tasks, migrations and tests.

## Example
\`\`\`python
from django.http import JsonResponse

from .models import Order

def order_detail(request, pk):
    order = Order.objects.get(pk=pk, customer=request.user)
    return JsonResponse({"id": order.id, "total": str(order.total)})
\`\`\`

## Use instead
\`\`\`python
from django.http import JsonResponse
from django.shortcuts import get_object_or_404

from .models import Order

def order_detail(request, pk):
    order = get_object_or_404(Order, pk=pk, customer=request.user)
    return JsonResponse({"id": order.id, "total": str(order.total)})
\`\`\`

## Fix safety
Safe in views: \`get_object_or_404(Model, ...)\` runs the same query (a queryset built with
\`filter\` / \`select_related\` is passed as it is) and returns the same row; only the missing
row case changes, from an unhandled exception (500) to \`Http404\` (404), which is what a
view means. The lookup arguments keep their text; the import is merged into an existing
\`from django.shortcuts import ...\`, and a module that already imports DRF's
\`rest_framework.generics.get_object_or_404\` keeps using it.

## How to verify
Request the view with an id that does not exist: the response is a 404 (DRF: \`{"detail":
"Not found."}\`) and no exception reaches the logs.

## References
- Django: \`get_object_or_404\` (https://docs.djangoproject.com/en/stable/topics/http/shortcuts/#get-object-or-404)
- DRF: exception handling (https://www.django-rest-framework.org/api-guide/exceptions/)
`,
});
