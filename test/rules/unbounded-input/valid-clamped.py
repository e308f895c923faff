# shipguard-test: no-findings
from django.http import JsonResponse


def page(request):
    size = min(int(request.GET.get("size", 20)), 100)
    return JsonResponse({"size": size})
