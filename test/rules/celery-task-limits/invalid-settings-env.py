"""Settings read from the environment (paperless-ngx style)."""
from typing import Final

from paperless.settings.env import get_int_from_env

CELERY_TASK_TRACK_STARTED = True
CELERY_TASK_TIME_LIMIT: Final[int] = get_int_from_env("PAPERLESS_WORKER_TIMEOUT", 1800)  # expect: celery-task-limits

CELERY_CACHE_BACKEND = "default"
