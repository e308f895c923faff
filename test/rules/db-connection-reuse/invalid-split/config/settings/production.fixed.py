from .base import *  # noqa: F401,F403

import os

DEBUG = False

DATABASES = {
    "default": {  # expect: db-connection-reuse
        "ENGINE": "django.db.backends.postgresql_psycopg2",
        "NAME": os.environ["DB_NAME"],
        "USER": os.environ["DB_USER"],
        "PASSWORD": os.environ["DB_PASSWORD"],
        "HOST": os.environ["DB_HOST"],
        "OPTIONS": {"sslmode": "verify-full", "connect_timeout": 5},
        "CONN_MAX_AGE": 60,
    }
}
