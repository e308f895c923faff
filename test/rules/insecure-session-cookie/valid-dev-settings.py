# shipguard-test: no-findings
DEBUG = True
INSTALLED_APPS = ["django.contrib.sessions", "shop"]
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SESSION_COOKIE_SAMESITE = None
