# shipguard-test: no-findings
from .base import *  # noqa: F401,F403

CORS_ALLOW_ALL_ORIGINS = True
