# shipguard-test: no-findings
import os


class Production:
    CORS_ORIGINS = os.environ["CORS_ALLOWED_ORIGINS"].split(",")
