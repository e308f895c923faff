from django.http import JsonResponse

from .models import Log


def logs(request):
    offset = int(request.GET.get("offset", 0))  # expect: unbounded-input
    limit = int(request.GET.get("limit", 100))  # expect: unbounded-input
    rows = Log.objects.all()[offset : offset + limit]
    return JsonResponse({"logs": list(rows.values())})
