"""A Flask app and a Celery worker that fall back to development secrets."""
import os
from os import environ

from flask import Flask

app = Flask(__name__)
app.secret_key = environ.get("FLASK_SECRET_KEY", "dev")  # expect: insecure-secret-fallback
os.environ.setdefault("DJANGO_SECRET_KEY", "django-insecure-q7x2m9k4w8b6z1n3v0c5eh")  # expect: insecure-secret-fallback
BROKER_PASSWORD = os.getenv("RABBITMQ_PASSWORD", default="guest")  # expect: insecure-secret-fallback


def signing_key():
    return os.environ.get("SIGNING_KEY") or "local-signing-key"  # expect: insecure-secret-fallback
