"""A Django view that reads a row by the id in the URL."""
from django.http import JsonResponse

from shop.models import Event


def event_detail(request, pk):
    event = Event.objects.get(pk=pk)
    return JsonResponse({"name": event.name, "capacity": event.capacity})
