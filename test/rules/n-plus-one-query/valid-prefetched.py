# shipguard-test: no-findings
from django.http import JsonResponse

from .models import Document


def document_index(request):
    docs = Document.objects.filter(published=True).select_related("author", "reviewer").prefetch_related("pages", "tags")
    return JsonResponse([
        {
            "title": d.title,
            "author": d.author.name,
            "reviewer": d.reviewer.name if d.reviewer_id else None,
            "pages": d.pages.count(),
            "tags": [t.label for t in d.tags.all()],
        }
        for d in docs
    ], safe=False)
