from datetime import timedelta

from django.http import JsonResponse
from django.utils import timezone

from .models import Order


def report(request):
    since = timezone.now() - timedelta(days=int(request.GET["days"]))  # expect: unbounded-input
    return JsonResponse({"count": Order.objects.filter(created__gte=since).count()})
