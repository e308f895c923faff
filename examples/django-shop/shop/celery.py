import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")

app = Celery("shop")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.update(
    result_backend=os.getenv("CELERY_RESULT_BACKEND", "redis://localhost:6379/2"),
    result_expires=None,  # kept for the admin's task history page
    task_acks_late=True,
    worker_prefetch_multiplier=1,
    task_soft_time_limit=240,
    task_time_limit=300,
)
app.autodiscover_tasks()
