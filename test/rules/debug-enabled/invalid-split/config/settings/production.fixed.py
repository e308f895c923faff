"""Production settings of a split settings package, left in debug mode after a hotfix."""
import os

from .base import *  # noqa: F401,F403

DEBUG = os.environ.get("DJANGO_DEBUG") == "1"  # expect: debug-enabled
ALLOWED_HOSTS = ["shop.example.com"]
