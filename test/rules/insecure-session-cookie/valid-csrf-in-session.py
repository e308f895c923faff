# shipguard-test: no-findings
import os

DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
INSTALLED_APPS = ["django.contrib.sessions", "portal"]
MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]
SESSION_COOKIE_SECURE = True
# the CSRF token lives in the session, not in a cookie of its own
CSRF_USE_SESSIONS = True
