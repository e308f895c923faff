# shipguard-test: no-findings
"""Django's own defaults, which every project's settings override (django/conf/global_settings.py)."""
DEBUG = False
INSTALLED_APPS = []
MIDDLEWARE = []
SESSION_COOKIE_NAME = "sessionid"
SESSION_COOKIE_SECURE = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = False
