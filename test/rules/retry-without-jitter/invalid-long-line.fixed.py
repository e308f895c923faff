import logging
import random
import time

from celery import shared_task
from celery.exceptions import MaxRetriesExceededError

task_logger = logging.getLogger(__name__)


@shared_task(bind=True, retry_backoff=30, retry_kwargs={"max_retries": 5})
def fetch_brand_data_task(self, app_id, extra):
    try:
        return time.monotonic()
    except OSError:
        try:
            countdown = (
                self.retry_backoff * (2**self.request.retries) * random.uniform(1, 1.5)
            )
            raise self.retry(countdown=countdown, **self.retry_kwargs)  # expect: retry-without-jitter
        except MaxRetriesExceededError:
            task_logger.info("Fetching brand data exceeded retry limit.", extra=extra)


@shared_task(bind=True)
def fetch(self, url):
    try:
        return time.monotonic()
    except OSError:
        delay = 2**self.request.retries * random.uniform(1, 1.5)
        raise self.retry(countdown=delay)  # expect: retry-without-jitter


def retry_webhook(celery_task, delivery):
    """A helper handed the task: the product of long names does not fit on its own line either."""
    if delivery.attempts < celery_task.max_retries:
        countdown = (
            celery_task.retry_backoff
            * (2**celery_task.request.retries)
            * random.uniform(1, 1.5)
        )
        celery_task.retry(countdown=countdown, **celery_task.retry_kwargs)  # expect: retry-without-jitter
