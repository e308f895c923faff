from decouple import config

WSGI_APPLICATION = "inventory.wsgi.application"

DATABASES = {
    "default": {  # expect: db-connection-reuse
        "ENGINE": config("DB_ENGINE", default="django.db.backends.postgresql"),
        "NAME": config("DB_NAME"),
        "USER": config("DB_USER"),
        "PASSWORD": config("DB_PASSWORD"),
        "HOST": config("DB_HOST", default="localhost"),
        "PORT": config("DB_PORT", default=5432, cast=int),
        "ATOMIC_REQUESTS": True,
    },
}
