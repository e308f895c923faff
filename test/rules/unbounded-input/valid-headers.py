# shipguard-test: no-findings
from django.http import JsonResponse


def upload(request):
    length = int(request.META.get("CONTENT_LENGTH") or 0)
    return JsonResponse({"length": length})
