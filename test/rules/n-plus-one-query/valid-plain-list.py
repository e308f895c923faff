# shipguard-test: no-findings
from .models import Document


def render_rows(documents):
    # the caller decides how the queryset is loaded
    return [f"{d.title} by {d.author.name}" for d in documents]


def cached_titles(cache):
    docs = cache.get("recent-documents") or []
    return [d.author.name for d in docs]


def newest(request):
    doc = Document.objects.select_related("author").latest("id")
    pages = [p.number for p in doc.pages.all()]
    return doc.author.name, pages
