# shipguard-test: no-findings
"""A token-authenticated GraphQL API: no sessions app, no CSRF middleware, no cookies to secure."""
import os

DEBUG = os.environ.get("DEBUG") == "1"
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.staticfiles",
    "graphene_django",
    "store",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
]
ROOT_URLCONF = "store.urls"
