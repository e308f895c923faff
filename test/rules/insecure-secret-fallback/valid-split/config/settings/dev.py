# shipguard-test: no-findings
"""Development settings: defaults are what this module is for."""
import os

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "django-insecure-dev-only")
STRIPE_SECRET_KEY = os.getenv("STRIPE_SECRET_KEY", "sk_test_local")
