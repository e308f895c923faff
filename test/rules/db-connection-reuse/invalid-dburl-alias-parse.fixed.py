import os

import dj_database_url as db_url

INSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth", "api"]

DATABASES = {}
DATABASES["default"] = db_url.parse(  # expect: db-connection-reuse
    os.environ["DATABASE_URL"],
    ssl_require=True,
    conn_max_age=60,
)
