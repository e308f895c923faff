import logging

from celery import shared_task
from django.db import transaction

from billing.models import Subscription, UsageRecord

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=3)
@transaction.atomic
def close_billing_period(self, subscription_id):  # expect: multi-write-without-transaction
    subscription = Subscription.objects.get(pk=subscription_id)
    logger.info("closing period for %s", subscription_id)
    records = list(UsageRecord.objects.filter(subscription=subscription, billed=False))
    for record in records:
        record.billed = True
        record.save()
    subscription.period_start = subscription.period_end
    subscription.save()
