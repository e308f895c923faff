# shipguard-test: no-findings
from .base import *  # noqa: F401,F403

DEBUG = False

DATABASES["default"]["CONN_MAX_AGE"] = 60
DATABASES["default"]["OPTIONS"] = {"connect_timeout": 5}
