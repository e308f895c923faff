# shipguard-test: no-findings
from django.http import Http404, JsonResponse

PAGE_SIZES = (10, 25, 50)


def listing(request):
    size = int(request.GET.get("size", 10))
    if size not in PAGE_SIZES:
        raise Http404
    return JsonResponse({"size": size})
