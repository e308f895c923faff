from .production import *  # noqa: F401,F403

DEBUG = True  # expect: debug-enabled
ALLOWED_HOSTS = ["staging.shop.example.com"]
