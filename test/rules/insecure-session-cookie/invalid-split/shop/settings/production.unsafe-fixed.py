from .base import *  # noqa: F401,F403  # expect: insecure-session-cookie

SECURE_HSTS_SECONDS = 3600

SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
