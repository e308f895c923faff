from django.http import HttpResponse
from django.template.loader import render_to_string

from . import models


def author_bios(request):
    documents = (
        models.Document.objects.filter(published=True)
        .exclude(title="")
        .order_by("title")
    )
    blocks = []
    for doc in documents:
        blocks.append(render_to_string("docs/bio.html", {"bio": doc.author.profile.bio}))  # expect: n-plus-one-query
    return HttpResponse("".join(blocks))
