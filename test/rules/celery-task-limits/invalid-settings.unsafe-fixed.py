"""Django settings for the shop project."""
import os

import environ

env = environ.Env()

DEBUG = False
CELERY_BROKER_URL = env("REDIS_URL", default="redis://localhost:6379/0")
CELERY_RESULT_BACKEND = "django-db"
CELERY_TASK_RESULT_EXPIRES = 86400  # expect: celery-task-limits
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_TIME_LIMIT = 30 * 60  # expect: celery-task-limits
CELERY_TASK_SOFT_TIME_LIMIT = 1620
CELERY_TIMEZONE = "UTC"
