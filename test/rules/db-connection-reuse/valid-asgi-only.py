# shipguard-test: no-findings
import os

ASGI_APPLICATION = "chat.asgi.application"
INSTALLED_APPS = ["daphne", "channels", "chat"]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ["DB_NAME"],
    }
}
