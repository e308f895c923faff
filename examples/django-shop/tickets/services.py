"""Ticket inventory: selling, holding and releasing seats."""
import logging
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import Event, Ticket, TicketOrder, WaitlistEntry

logger = logging.getLogger(__name__)


class SoldOut(ValidationError):
    pass


def _issue_tickets(order):
    Ticket.objects.bulk_create(
        [Ticket(order=order, code=secrets.token_urlsafe(12)) for _ in range(order.quantity)]
    )


def create_ticket_order(user, event_id, quantity):
    """Sell `quantity` tickets for a free or pay-at-door event."""
    event = Event.objects.get(id=event_id)

    if event.available_tickets < quantity:
        raise SoldOut("Not enough tickets available")

    event.tickets_sold += quantity
    event.save()

    order = TicketOrder.objects.create(
        user=user,
        event=event,
        quantity=quantity,
        amount_cents=event.price_cents * quantity,
        status=TicketOrder.Status.PAID,
    )
    _issue_tickets(order)
    return order


def hold_seats_for_checkout(user, event_id, quantity):
    """Reserve seats while the buyer is on the Stripe checkout page."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event_id)
        if event.capacity - event.tickets_sold < quantity:
            raise SoldOut("Not enough tickets available")
        event.tickets_sold = F("tickets_sold") + quantity
        event.save(update_fields=["tickets_sold"])
        return TicketOrder.objects.create(
            user=user,
            event=event,
            quantity=quantity,
            amount_cents=event.price_cents * quantity,
        )


@transaction.atomic
def release_seats(order):
    """Give the seats of an unpaid or refunded order back to the event."""
    Event.objects.filter(pk=order.event_id).update(tickets_sold=F("tickets_sold") - order.quantity)
    order.status = TicketOrder.Status.CANCELLED
    order.save(update_fields=["status", "updated_at"])


def check_in_ticket(code):
    ticket = Ticket.objects.select_for_update().get(code=code)
    if ticket.checked_in_at is not None:
        raise ValidationError("Ticket already scanned")
    ticket.checked_in_at = timezone.now()
    ticket.save(update_fields=["checked_in_at"])
    return ticket


def join_waitlist(event, email):
    if not WaitlistEntry.objects.filter(event=event, email=email).exists():
        WaitlistEntry.objects.create(event=event, email=email)
        logger.info("waitlist: %s joined for event %s", email, event.pk)


def notify_waitlist(event, limit=50):
    entries = WaitlistEntry.objects.filter(event=event, notified_at__isnull=True).order_by("created_at")[:limit]
    return [entry.email for entry in entries]
