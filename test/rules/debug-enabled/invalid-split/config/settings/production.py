"""Production settings of a split settings package, left in debug mode after a hotfix."""
from .base import *  # noqa: F401,F403

DEBUG = True  # expect: debug-enabled
ALLOWED_HOSTS = ["shop.example.com"]
