# shipguard-test: no-findings
import os

DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
INSTALLED_APPS = ["django.contrib.sessions", "crm"]
MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]

if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True


def cookie_flags():
    SESSION_COOKIE_SECURE = False
    return SESSION_COOKIE_SECURE
