# shipguard-test: no-findings
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "test_shop",
    }
}
