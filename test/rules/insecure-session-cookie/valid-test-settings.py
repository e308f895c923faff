# shipguard-test: no-findings
from pathlib import Path

DEBUG = False
INSTALLED_APPS = ["django.contrib.sessions", "shop"]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(Path(__file__).parent / "test.sqlite3")}}
SESSION_COOKIE_SECURE = False
