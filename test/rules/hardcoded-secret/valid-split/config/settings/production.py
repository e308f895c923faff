# shipguard-test: no-findings
"""Production settings read every secret from the environment (django-environ)."""
import environ

from .base import *  # noqa: F401,F403

env = environ.Env()

SECRET_KEY = env("DJANGO_SECRET_KEY")
AWS_SECRET_ACCESS_KEY = env("DJANGO_AWS_SECRET_ACCESS_KEY")
STRIPE_PUBLISHABLE_KEY = "pk_live_51Hq2mWdK8fT4nR7xZpL3vB9c"
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
SESSION_COOKIE_NAME = "shop_sessionid"
CSRF_COOKIE_NAME = "shop_csrftoken"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [{"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"}]
