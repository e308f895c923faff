from dj_database_url import config as db_config

ROOT_URLCONF = 'mysite.urls'

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.sqlite3',
        'NAME': 'db.sqlite3',
    }
}

db_from_env = db_config(conn_max_age=60)  # expect: db-connection-reuse
DATABASES['default'].update(db_from_env)
