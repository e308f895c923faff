import os

DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
INSTALLED_APPS = ["django.contrib.sessions", "dashboard"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# the dashboard's JS reads the session id to open the websocket
SESSION_COOKIE_HTTPONLY = True  # expect: insecure-session-cookie
CSRF_COOKIE_HTTPONLY = False
