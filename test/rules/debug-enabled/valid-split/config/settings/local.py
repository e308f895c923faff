# shipguard-test: no-findings
from .base import *  # noqa: F401,F403

DEBUG = True
