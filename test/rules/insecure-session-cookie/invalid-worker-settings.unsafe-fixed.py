"""Settings for the worker deployment."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

INSTALLED_APPS = ["django.contrib.auth", "django.contrib.sessions", "reports"]  # expect: insecure-session-cookie
MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]
DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "reports"}}
if Path("/etc/reports/debug").exists():
    DEBUG = True

SESSION_COOKIE_SECURE = os.environ.get("DJANGO_DEBUG") != "1"
