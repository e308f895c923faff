import logging

from celery import shared_task
from django.core.mail import send_mail

from .models import Order

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=3)
def email_receipts(self, day):
    orders = Order.objects.filter(total__gt=0).prefetch_related("lines").select_related("customer").iterator(chunk_size=500)
    for order in orders:
        skus = ", ".join(line.sku for line in order.lines.all())  # expect: n-plus-one-query
        send_mail(
            subject=f"Your receipt ({order.total})",
            message=f"Hello {order.customer.name}, you bought {skus}.",  # expect: n-plus-one-query
            from_email=None,
            recipient_list=[f"{order.customer_id}@example.com"],
        )
    logger.info("receipts sent for %s", day)
