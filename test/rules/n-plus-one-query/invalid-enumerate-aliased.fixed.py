from django.http import JsonResponse

from .models import Document as Doc


def tag_cloud(request):
    out = []
    for rank, item in enumerate(Doc.objects.filter(published=True).prefetch_related("tags")[:20], start=1):
        out.append({"rank": rank, "tags": [t.label for t in item.tags.all()]})  # expect: n-plus-one-query
    return JsonResponse(out, safe=False)
