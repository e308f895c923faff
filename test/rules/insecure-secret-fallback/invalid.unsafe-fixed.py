"""Production settings with development defaults left in."""
import os
from os import getenv

import environ
from decouple import config
from flask import Flask

env = environ.Env()
app = Flask(__name__)

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]  # expect: insecure-secret-fallback
JWT_SECRET = os.environ["JWT_SECRET"]  # expect: insecure-secret-fallback
STRIPE_API_KEY = os.environ["STRIPE_API_KEY"]  # expect: insecure-secret-fallback
EMAIL_HOST_PASSWORD = config("EMAIL_HOST_PASSWORD")  # expect: insecure-secret-fallback
SIGNING_SECRET = env("SIGNING_SECRET")  # expect: insecure-secret-fallback
AUTH_TOKEN = env.str("AUTH_TOKEN")  # expect: insecure-secret-fallback
app.config["SECRET_KEY"] = os.environ["FLASK_SECRET_KEY"]  # expect: insecure-secret-fallback
WEBHOOK_SECRET = os.environ["WEBHOOK_SECRET"]  # expect: insecure-secret-fallback
DATABASES = {"default": {"PASSWORD": os.environ["POSTGRES_PASSWORD"]}}  # expect: insecure-secret-fallback
