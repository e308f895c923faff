import os

DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
INSTALLED_APPS = ["corsheaders", "catalog"]
CORS_ALLOWED_ORIGINS = ["https://shop.example.com", "https://admin.example.com"]
# left over from a demo
CORS_ALLOW_ALL_ORIGINS = True  # expect: cors-wildcard
