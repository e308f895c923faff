"""Stripe webhooks.

`stripe_webhook` receives checkout and refund events for ticket orders.
`stripe_billing_webhook` receives invoice events for organiser subscriptions.
"""
import json
import logging

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from accounts.models import Profile
from tickets.models import TicketOrder

from .models import ProcessedWebhookEvent
from .tasks import send_order_to_fulfillment

logger = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def stripe_webhook(request):
    event = json.loads(request.body)
    data = event["data"]["object"]

    if event["type"] == "checkout.session.completed":
        order = TicketOrder.objects.get(stripe_checkout_session_id=data["id"])
        order.status = TicketOrder.Status.PAID
        order.stripe_payment_intent_id = data.get("payment_intent") or ""
        order.save()
        send_order_to_fulfillment.delay(order.id)

    elif event["type"] == "charge.refunded":
        order = TicketOrder.objects.filter(stripe_payment_intent_id=data["payment_intent"]).first()
        if order and order.status != TicketOrder.Status.REFUNDED:
            order.status = TicketOrder.Status.REFUNDED
            order.save()
            event_row = order.event
            event_row.tickets_sold -= order.quantity
            event_row.save()

    else:
        logger.info("Unhandled Stripe event type %s", event["type"])

    return HttpResponse(status=200)


@csrf_exempt
@require_POST
def stripe_billing_webhook(request):
    try:
        event = stripe.Webhook.construct_event(
            request.body,
            request.META.get("HTTP_STRIPE_SIGNATURE", ""),
            settings.STRIPE_BILLING_WEBHOOK_SECRET,
        )
    except (ValueError, stripe.error.SignatureVerificationError):
        logger.warning("Rejected billing webhook with an invalid payload or signature")
        return HttpResponse(status=400)

    try:
        with transaction.atomic():
            ProcessedWebhookEvent.objects.create(stripe_event_id=event["id"], event_type=event["type"])
            if event["type"] in ("invoice.paid", "invoice.payment_failed"):
                invoice = event["data"]["object"]
                Profile.objects.filter(stripe_customer_id=invoice["customer"]).update(
                    organiser_plan_active=event["type"] == "invoice.paid"
                )
    except IntegrityError:
        logger.info("Billing webhook %s already processed", event["id"])

    return HttpResponse(status=200)
