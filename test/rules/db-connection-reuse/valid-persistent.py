# shipguard-test: no-findings
import os

INSTALLED_APPS = ["django.contrib.auth", "shop"]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ["POSTGRES_DB"],
        "HOST": os.environ["POSTGRES_HOST"],
        "CONN_MAX_AGE": int(os.environ.get("CONN_MAX_AGE", 60)),
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {"connect_timeout": 5, "options": "-c statement_timeout=30000"},
    },
    "analytics": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "warehouse",
        "CONN_MAX_AGE": None,
    },
}
