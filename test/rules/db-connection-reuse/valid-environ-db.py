# shipguard-test: no-findings
import environ

env = environ.Env()

ROOT_URLCONF = "config.urls"

DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
