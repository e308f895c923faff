from django.shortcuts import render

from .models import Document


def feed(request):
    latest = Document.objects.filter(published=True).order_by("-id")[:25]
    return render(request, "docs/feed.html", {"items": latest})


def authors_csv(request):
    lines = [f"{d.title},{d.author.name}" for d in Document.objects.order_by("title").select_related("author")]  # expect: n-plus-one-query
    return "\n".join(lines)
