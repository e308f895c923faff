import environ

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY")
INSTALLED_APPS = ["django.contrib.sessions", "api"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
