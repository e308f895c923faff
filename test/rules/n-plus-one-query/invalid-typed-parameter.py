from django.db.models import QuerySet

from .models import Document


def render_rows(documents: QuerySet[Document]) -> list[str]:
    # built by the callers: the finding has no fix here
    return [f"{d.title} by {d.author.name}" for d in documents]  # expect: n-plus-one-query


def page_numbers(documents: "QuerySet[Document]") -> dict[int, list[int]]:
    out = {}
    for doc in documents:
        out[doc.pk] = [p.number for p in doc.pages.all()]  # expect: n-plus-one-query
    return out
