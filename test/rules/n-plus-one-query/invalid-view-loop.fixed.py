from django.http import JsonResponse
from django.views.decorators.http import require_GET

from .models import Document


@require_GET
def document_index(request):
    docs = Document.objects.filter(published=True).order_by("-id").prefetch_related("pages")
    rows = []
    for doc in docs:
        rows.append({
            "title": doc.title,
            "pages": [p.number for p in doc.pages.all()],  # expect: n-plus-one-query
        })
    return JsonResponse({"documents": rows})
