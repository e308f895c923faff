import os

RATELIMIT_STORAGE_URI = os.environ["REDIS_URL"]
