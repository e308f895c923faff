import os

from celery import Celery

app = Celery("shop", broker=os.environ["REDIS_URL"], backend=os.environ["REDIS_URL"])
app.conf.update(  # expect: celery-task-limits
    task_serializer="json",
    task_time_limit=600,
    worker_prefetch_multiplier=1,
    task_soft_time_limit=540,
)
app.autodiscover_tasks()
