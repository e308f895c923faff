# shipguard-test: no-findings
from django.http import HttpResponseBadRequest, JsonResponse


def recent(request):
    try:
        days = int(request.GET.get("days", 7))
    except ValueError:
        return HttpResponseBadRequest("days must be a number")
    return JsonResponse({"days": days})
