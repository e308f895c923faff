from django.http import JsonResponse

from .models import Event


def recent_events(request):
    days = int(request.GET.get("days", 7))  # expect: unbounded-input
    rows = Event.objects.recent(days)
    return JsonResponse({"events": list(rows.values())})
