import math

from myproject.celery import celery_app


@celery_app.task(bind=True, max_retries=6)
def resize_image(self, image_id):
    try:
        resize(image_id)
    except IOError as exc:
        raise self.retry(exc=exc, countdown=int(math.pow(2, self.request.retries)) * 10)  # expect: retry-without-jitter


@celery_app.task(bind=True, max_retries=4)
def notify(self, user_id):
    attempt = self.request.retries
    backoff = 15 * 2 ** attempt
    try:
        push(user_id)
    except ConnectionError as exc:
        raise self.retry(exc=exc, countdown=backoff)  # expect: retry-without-jitter


def send_with_retry(celery_task, delivery):
    try:
        deliver(delivery)
    except ConnectionError:
        countdown = celery_task.retry_backoff * (2**celery_task.request.retries)
        celery_task.retry(countdown=countdown, **celery_task.retry_kwargs)  # expect: retry-without-jitter
