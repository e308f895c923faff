# shipguard-test: no-findings
import dj_database_url

ROOT_URLCONF = "app.urls"

DATABASES = {
    "default": dj_database_url.config(conn_max_age=600, conn_health_checks=True, ssl_require=True),
}
