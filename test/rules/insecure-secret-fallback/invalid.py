"""Production settings with development defaults left in."""
import os
from os import getenv

import environ
from decouple import config
from flask import Flask

env = environ.Env()
app = Flask(__name__)

SECRET_KEY = os.getenv("DJANGO_SECRET_KEY", "django-insecure-q7x2m9k4w8b6z1n3v0c5eh")  # expect: insecure-secret-fallback
JWT_SECRET = os.environ.get("JWT_SECRET", "dev-secret")  # expect: insecure-secret-fallback
STRIPE_API_KEY = getenv("STRIPE_API_KEY", "sk_test_placeholder")  # expect: insecure-secret-fallback
EMAIL_HOST_PASSWORD = config("EMAIL_HOST_PASSWORD", default="password123")  # expect: insecure-secret-fallback
SIGNING_SECRET = env("SIGNING_SECRET", default="changeme")  # expect: insecure-secret-fallback
AUTH_TOKEN = env.str("AUTH_TOKEN", default="local-token")  # expect: insecure-secret-fallback
app.config["SECRET_KEY"] = os.environ.get("FLASK_SECRET_KEY", "dev-secret-change-me")  # expect: insecure-secret-fallback
WEBHOOK_SECRET = os.environ.get("WEBHOOK_SECRET") or "whsec_dev"  # expect: insecure-secret-fallback
DATABASES = {"default": {"PASSWORD": os.getenv("POSTGRES_PASSWORD", "postgres")}}  # expect: insecure-secret-fallback
