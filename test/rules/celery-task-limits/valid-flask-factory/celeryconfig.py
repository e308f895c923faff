# shipguard-test: no-findings
import os
from datetime import timedelta

broker_url = os.environ["CELERY_BROKER_URL"]
result_backend = os.environ.get("CELERY_RESULT_BACKEND", "redis://redis:6379/1")
result_expires = timedelta(hours=int(os.environ.get("CELERY_RESULT_TTL_HOURS", "24")))
task_time_limit = int(os.environ.get("CELERY_TASK_TIME_LIMIT", "300"))
task_soft_time_limit = int(os.environ.get("CELERY_TASK_SOFT_TIME_LIMIT", "270"))
task_ignore_result = True
worker_prefetch_multiplier = 1
