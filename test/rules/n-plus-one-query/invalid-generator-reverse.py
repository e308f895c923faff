from django.http import HttpResponse

from .models import Author


def contributors(request):
    authors = Author.objects.order_by("name")
    text = "\n".join(f"{a.name}: {a.profile.bio} ({a.documents.count()} documents)" for a in authors)  # expect: n-plus-one-query x2
    return HttpResponse(text, content_type="text/plain")
