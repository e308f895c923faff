import os

DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.sessions", "billing"]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
]

# the load balancer terminates TLS
SESSION_COOKIE_SECURE = not DEBUG  # expect: insecure-session-cookie
CSRF_COOKIE_SECURE = not DEBUG  # expect: insecure-session-cookie
SESSION_COOKIE_HTTPONLY = True
