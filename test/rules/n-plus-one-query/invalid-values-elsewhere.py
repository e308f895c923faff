from django.http import JsonResponse

from .models import Document


def dashboard(request):
    docs = Document.objects.filter(published=True)
    titles = list(docs.values_list("title", flat=True))
    # a prefetch on `docs` would break the values_list above: no fix for `pages`, only for `author`
    cards = [(d.author.name, d.pages.count()) for d in docs]  # expect: n-plus-one-query x2
    return JsonResponse({"titles": titles, "cards": cards})
