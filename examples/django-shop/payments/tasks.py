import logging

import requests
from celery import shared_task
from django.conf import settings

from tickets.models import TicketOrder

logger = logging.getLogger(__name__)

http = requests.Session()
http.headers.update({"User-Agent": "shop-backend/1.4"})


@shared_task(bind=True, max_retries=5)
def send_order_to_fulfillment(self, order_id):
    order = TicketOrder.objects.select_related("event__venue", "user").get(pk=order_id)
    payload = {
        "reference": f"order-{order.id}",
        "event": order.event.name,
        "venue": str(order.event.venue),
        "quantity": order.quantity,
        "ship_to": order.user.email,
    }
    try:
        response = requests.post(
            settings.FULFILLMENT_URL,
            json=payload,
            headers={"Authorization": f"Bearer {settings.FULFILLMENT_API_TOKEN}"},
        )
        response.raise_for_status()
    except requests.RequestException as e:
        logger.error(f"Fulfillment push failed for order {order_id}: {e}")
        raise self.retry(exc=e, countdown=30 * 2 ** self.request.retries)


@shared_task(bind=True, max_retries=3)
def sync_fulfillment_status(self, order_id):
    try:
        response = http.get(f"{settings.FULFILLMENT_URL}/order-{order_id}")
        response.raise_for_status()
    except requests.RequestException as exc:
        logger.warning("Fulfillment status unavailable for order %s", order_id)
        raise self.retry(exc=exc, countdown=60)
    return response.json().get("status")


@shared_task(
    autoretry_for=(requests.RequestException,),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=4,
)
def announce_sale(order_id):
    order = TicketOrder.objects.select_related("event").get(pk=order_id)
    if not settings.SLACK_SALES_WEBHOOK_URL:
        return
    requests.post(
        settings.SLACK_SALES_WEBHOOK_URL,
        json={"text": f"{order.quantity} ticket(s) sold for {order.event.name}"},
        timeout=5,
    ).raise_for_status()
