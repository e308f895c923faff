import os

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
]

DATABASES = {}

DATABASES["default"] = {  # expect: db-connection-reuse
    "ENGINE": "django.db.backends.mysql",
    "NAME": os.environ["MYSQL_DATABASE"],
    "USER": os.environ["MYSQL_USER"],
    "PASSWORD": os.environ["MYSQL_PASSWORD"],
    "HOST": os.environ.get("MYSQL_HOST", "db")
}
