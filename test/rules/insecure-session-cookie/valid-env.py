# shipguard-test: no-findings
import environ

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
INSTALLED_APPS = ["django.contrib.sessions", "shop"]
MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_SAMESITE = env("SESSION_COOKIE_SAMESITE", default="Lax")
