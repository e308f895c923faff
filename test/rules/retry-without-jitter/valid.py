# shipguard-test: no-findings
import random
from random import randint

from celery import shared_task
from requests.adapters import Retry


@shared_task(bind=True, max_retries=5)
def jittered(self, invoice_id):
    try:
        sync(invoice_id)
    except ConnectionError as exc:
        raise self.retry(exc=exc, countdown=2 ** self.request.retries + random.uniform(0, 1))


@shared_task(bind=True)
def randint_jitter(self, x):
    try:
        work(x)
    except OSError as exc:
        delay = 2 ** self.request.retries * 10 + randint(0, 10)
        raise self.retry(exc=exc, countdown=delay)


@shared_task(bind=True)
def constant(self, x):
    try:
        work(x)
    except OSError as exc:
        raise self.retry(exc=exc, countdown=30)


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, retry_jitter=True)
def auto(self, x):
    work(x)


@shared_task(bind=True)
def helper_jitter(self, x):
    try:
        work(x)
    except OSError as exc:
        raise self.retry(exc=exc, countdown=backoff_with_jitter(self.request.retries))


def not_a_task(session, attempt):
    session.retry(countdown=2 ** attempt)


@shared_task(bind=True)
def no_countdown(self, x):
    try:
        work(x)
    except OSError as exc:
        raise self.retry(exc=exc)


retry = Retry(total=5, backoff_factor=2)


@shared_task(bind=True)
def linear(self, x):
    try:
        work(x)
    except OSError as exc:
        raise self.retry(exc=exc, countdown=10 * (self.request.retries + 1))
