# shipguard-test: no-findings
import logging

from celery import shared_task
from django.utils import timezone

from .models import ShareLink

logger = logging.getLogger(__name__)


@shared_task
def delete_expired_links():
    for link in ShareLink.objects.filter(expires_at__lt=timezone.now()).iterator():
        try:
            link.delete()
        except Exception:
            logger.exception("could not delete share link %s", link.pk)
