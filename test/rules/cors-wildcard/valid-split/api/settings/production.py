# shipguard-test: no-findings
from .base import *  # noqa: F401,F403

CORS_ALLOW_ALL_ORIGINS = False
CORS_ALLOWED_ORIGINS = os.environ["CORS_ALLOWED_ORIGINS"].split(",")  # noqa: F405
