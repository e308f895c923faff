"""A row lock taken outside a transaction."""
from shop.models import Event


def reserve(event_id):
    event = Event.objects.select_for_update().get(id=event_id)
    event.tickets_sold += 1
    event.save()
    return event.tickets_sold
