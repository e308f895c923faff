import os

ROOT_URLCONF = "core.urls"

_PG = "django.db.backends.postgresql"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "orders",
        "HOST": os.environ["PRIMARY_HOST"],
        "CONN_MAX_AGE": 300,
    },
    "replica": {"ENGINE": "django.db.backends.postgresql", "NAME": "orders", "HOST": os.environ["REPLICA_HOST"], "CONN_MAX_AGE": 60, "OPTIONS": {"connect_timeout": 5}},  # expect: db-connection-reuse
}

DATABASE_ROUTERS = ["core.routers.PrimaryReplicaRouter"]
