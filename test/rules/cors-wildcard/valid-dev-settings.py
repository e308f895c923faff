# shipguard-test: no-findings
from .base import *  # noqa: F401,F403

DEBUG = True
INSTALLED_APPS = ["corsheaders", "api"]
CORS_ALLOW_ALL_ORIGINS = True
CORS_ORIGIN_ALLOW_ALL = True
