# shipguard-test: no-findings
from django.http import JsonResponse


def color(request):
    value = int(request.GET["rgb"], 16)
    return JsonResponse({"value": value})
