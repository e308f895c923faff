from django.http import JsonResponse

from .models import Metric


def metrics(request):
    raw = request.GET.get("window", "60")
    window = int(raw)  # expect: unbounded-input
    return JsonResponse({"points": Metric.objects.last_minutes(window)})
