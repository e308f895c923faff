# shipguard-test: no-findings
import os

INSTALLED_APPS = ["django.contrib.auth", "library"]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("DB_NAME", "library"),
    }
}
