# shipguard-test: no-findings
import dj_database_url

ROOT_URLCONF = "app.urls"

DATABASES = {"default": dj_database_url.parse("sqlite:///local.db")}
