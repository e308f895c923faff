import environ

env = environ.Env()

INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes", "billing"]

DATABASES = {
    'default': {  # expect: db-connection-reuse
        'ENGINE': 'django.contrib.gis.db.backends.postgis',
        'NAME': env('DB_NAME'),
        'USER': env('DB_USER'),
        'PASSWORD': env('DB_PASSWORD'),
        'HOST': env('DB_HOST'),
        'CONN_MAX_AGE': 60,
        'OPTIONS': {
            'sslmode': 'require',
            'connect_timeout': 5,
        },
    },
}
