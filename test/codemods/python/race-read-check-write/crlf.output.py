from django.db import transaction
from django.db.models import F
from shop.models import Event


@transaction.atomic
def buy(event_id, qty):
    event = Event.objects.select_for_update().get(id=event_id)
    if event.tickets_sold + qty > event.capacity:
        return False
    event.tickets_sold += qty
    event.save()
    return True
