import os

INSTALLED_APPS = ["rest_framework"]

REST_FRAMEWORK = {
    "DEFAULT_THROTTLE_CLASSES": [  # expect: in-memory-rate-limit
        "rest_framework.throttling.AnonRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {"anon": "100/hour"},
}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
    },
}
