# shipguard-test: no-findings
"""Settings of the project the reusable app is tried out in."""
SECRET_KEY = "not-secret"
DEBUG = True
INSTALLED_APPS = ["django.contrib.sessions", "widgets"]
MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]
ROOT_URLCONF = "testproject.urls"
