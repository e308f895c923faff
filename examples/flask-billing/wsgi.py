"""WSGI entry point for gunicorn (`gunicorn wsgi:app`): error tracking first, then the app."""
import os

import sentry_sdk

sentry_sdk.init(
    dsn=os.environ.get("SENTRY_DSN"),
    environment=os.environ.get("FLASK_ENV", "production"),
    traces_sample_rate=0.1,
    send_default_pii=False,
)

from app import app  # noqa: E402

__all__ = ["app"]
