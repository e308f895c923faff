import os

import dj_database_url

SECRET_KEY = os.environ["SECRET_KEY"]
ROOT_URLCONF = "blog.urls"

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.config(conn_health_checks=True)}  # expect: db-connection-reuse
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": "blog.sqlite3",
        }
    }
