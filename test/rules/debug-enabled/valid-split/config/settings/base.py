# shipguard-test: no-findings
import environ

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
INSTALLED_APPS = ["django.contrib.auth", "shop"]
