# shipguard-test: no-findings
import os

SECRET_KEY = os.environ["SECRET_KEY"]
DEBUG = os.environ.get("DEBUG") == "1"
INSTALLED_APPS = ["corsheaders", "api"]
CORS_ALLOW_ALL_ORIGINS = True
