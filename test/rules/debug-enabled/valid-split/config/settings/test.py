# shipguard-test: no-findings
from .base import *  # noqa: F401,F403

DEBUG = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
