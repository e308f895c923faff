from decouple import config

DEBUG = config("DEBUG", default=False, cast=bool)
INSTALLED_APPS = ["django.contrib.sessions", "accounts"]
SESSION_COOKIE_SECURE = config("SESSION_COOKIE_SECURE", default=True, cast=bool)
CSRF_COOKIE_SECURE = config("CSRF_COOKIE_SECURE", default=True, cast=bool)
SESSION_COOKIE_SAMESITE = "Lax"  # expect: insecure-session-cookie
