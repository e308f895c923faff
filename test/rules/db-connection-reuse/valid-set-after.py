# shipguard-test: no-findings
import dj_database_url

INSTALLED_APPS = ["django.contrib.admin", "orders"]

DATABASES = {"default": dj_database_url.config()}
DATABASES["default"]["CONN_MAX_AGE"] = 600
