from .base import *  # noqa

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")  # noqa: F405
# TLS ends at the proxy; Django sees http
SESSION_COOKIE_SECURE = not DEBUG  # expect: insecure-session-cookie
