import os

from .base import *  # noqa: F401,F403

DEBUG = True  # expect: debug-enabled
DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": os.environ["DB_NAME"]}}
