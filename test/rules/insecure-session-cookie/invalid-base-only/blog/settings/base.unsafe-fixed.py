import os

SECRET_KEY = os.environ["SECRET_KEY"]
DEBUG = os.getenv("DEBUG", "0") == "1"  # expect: insecure-session-cookie
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
ALLOWED_HOSTS = os.getenv("ALLOWED_HOSTS", "").split(",")
INSTALLED_APPS = ["django.contrib.admin", "django.contrib.sessions", "blog"]

try:
    from .local import *  # noqa: F401,F403
except ImportError:
    pass
