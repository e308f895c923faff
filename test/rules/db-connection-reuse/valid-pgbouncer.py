# shipguard-test: no-findings
import os

MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]

# pgbouncer in transaction mode holds the server connections
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ["DB_NAME"],
        "HOST": "pgbouncer",
        "PORT": 6432,
        "CONN_MAX_AGE": 0,
        "DISABLE_SERVER_SIDE_CURSORS": True,
    }
}
