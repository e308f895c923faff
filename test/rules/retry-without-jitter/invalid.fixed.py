import logging
import random

import requests
from celery import Task, shared_task
from celery.exceptions import MaxRetriesExceededError

from config.celery import app
from .emails import send_receipt

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=5)
def sync_invoice(self, invoice_id):
    try:
        requests.post("https://accounting.example.com/invoices", json={"id": invoice_id}, timeout=10)
    except requests.RequestException as exc:
        raise self.retry(exc=exc, countdown=2 ** self.request.retries * random.uniform(1, 1.5))  # expect: retry-without-jitter


@app.task(bind=True, max_retries=8, acks_late=True)
def deliver_webhook(self, delivery_id):
    try:
        post_delivery(delivery_id)
    except ConnectionError as exc:
        raise self.retry(exc=exc, countdown=(60 * 2 ** self.request.retries + 5) * random.uniform(1, 1.5))  # expect: retry-without-jitter


@shared_task(bind=True)
def email_receipt(task, order_id):
    try:
        send_receipt(order_id)
    except OSError as exc:
        delay = min(3600, 30 * (2 ** task.request.retries)) * random.uniform(1, 1.5)
        logger.warning("Receipt for %s failed, retrying in %ss", order_id, delay)
        raise task.retry(exc=exc, countdown=delay)  # expect: retry-without-jitter


@shared_task(bind=True, max_retries=3)
def refresh_rates(self):
    try:
        fetch_rates()
    except TimeoutError as exc:
        self.retry(exc=exc, countdown=pow(2, self.request.retries) * random.uniform(1, 1.5))  # expect: retry-without-jitter


class BaseSyncTask(Task):
    def run(self, account_id):
        try:
            sync_account(account_id)
        except requests.HTTPError as exc:
            raise self.retry(exc=exc, countdown=(1 << self.request.retries) * random.uniform(1, 1.5), max_retries=6)  # expect: retry-without-jitter


@shared_task(bind=True)
def push_event(self, event_id):
    try:
        publish(event_id)
    except Exception as exc:
        raise self.retry(
            exc=exc,
            countdown=5 ** self.request.retries * random.uniform(1, 1.5),  # expect: retry-without-jitter
        )
