from celery import Celery
from kombu import Queue

celery_app = Celery(__name__)
celery_app.conf.update(result_backend="redis://redis:6379/1", result_expires=86400, task_acks_late=True)  # expect: celery-task-limits
celery_app.conf.task_queues = (Queue("default"),)
