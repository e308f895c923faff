# shipguard-test: no-findings
import os

from .parsers import env_list

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
INSTALLED_APPS = ["django.contrib.sessions", "shop"]
MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]
SESSION_COOKIE_HTTPONLY = True
