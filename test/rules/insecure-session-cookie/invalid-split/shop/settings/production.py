from .base import *  # noqa: F401,F403  # expect: insecure-session-cookie

ALLOWED_HOSTS = ["shop.example.com"]
SECURE_HSTS_SECONDS = 3600
