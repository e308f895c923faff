"""A Flask app and a Celery worker that fall back to development secrets."""
import os
from os import environ

from flask import Flask

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]  # expect: insecure-secret-fallback
os.environ["DJANGO_SECRET_KEY"]  # expect: insecure-secret-fallback
BROKER_PASSWORD = os.environ["RABBITMQ_PASSWORD"]  # expect: insecure-secret-fallback


def signing_key():
    return os.environ["SIGNING_KEY"]  # expect: insecure-secret-fallback
