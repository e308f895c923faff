# shipguard-test: no-findings
import os

import environ
from decouple import config

env = environ.Env()

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
JWT_SECRET = env("JWT_SECRET")
STRIPE_API_KEY = config("STRIPE_API_KEY")
EMAIL_HOST_PASSWORD = os.getenv("EMAIL_HOST_PASSWORD", "")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = os.getenv("DJANGO_ALLOWED_HOSTS", "localhost").split(",")
PASSWORD_RESET_TIMEOUT = int(os.getenv("PASSWORD_RESET_TIMEOUT", "3600"))
STRIPE_PUBLIC_KEY = os.getenv("STRIPE_PUBLIC_KEY", "pk_test_123")
REDIS_URL = os.environ.get("REDIS_URL", "redis://localhost:6379/0")
TOKEN_TTL = os.environ.get("TOKEN_TTL", "900")
SECRET_KEY_FALLBACKS = os.environ.get("SECRET_KEY_FALLBACKS", "old").split(",")
API_KEY = os.environ.get("API_KEY", default_key()) if False else None


def default_key():
    return os.urandom(16).hex()
