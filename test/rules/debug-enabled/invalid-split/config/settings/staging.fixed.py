import os

from .production import *  # noqa: F401,F403

DEBUG = os.environ.get("DJANGO_DEBUG") == "1"  # expect: debug-enabled
ALLOWED_HOSTS = ["staging.shop.example.com"]
