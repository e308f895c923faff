# shipguard-test: no-findings
import environ

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
INSTALLED_APPS = ["django.contrib.auth", "shop"]
TEMPLATE_DEBUG = True


def debug_toolbar_settings():
    DEBUG = True
    return {"SHOW_TOOLBAR_CALLBACK": lambda request: DEBUG}
