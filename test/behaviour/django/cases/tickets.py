"""The seed's ticket purchase service (audit 000, section 2), as it was before the audit."""
from django.core.exceptions import ValidationError
from django.db import models

from shop.models import Event, TicketOrder


def create_ticket_order(buyer, event_id, quantity):
    event = Event.objects.get(id=event_id)
    if event.available_tickets < quantity:
        raise ValidationError("Not enough tickets available")
    event.tickets_sold += quantity
    event.save()
    return TicketOrder.objects.create(event=event, buyer=buyer, quantity=quantity)
