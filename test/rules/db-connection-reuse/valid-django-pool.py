# shipguard-test: no-findings
import os

ROOT_URLCONF = "app.urls"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ["DB_NAME"],
        "OPTIONS": {
            "pool": {"min_size": 2, "max_size": 10},
        },
    }
}
