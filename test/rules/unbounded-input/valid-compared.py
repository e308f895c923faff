# shipguard-test: no-findings
from django.http import HttpResponseBadRequest, JsonResponse


def history(request):
    days = int(request.GET.get("days", 7))
    if days < 1 or days > 90:
        return HttpResponseBadRequest("days: 1 to 90")
    return JsonResponse({"days": days})
