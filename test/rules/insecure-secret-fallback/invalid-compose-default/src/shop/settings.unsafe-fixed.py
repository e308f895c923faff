import os

SECRET_KEY = os.environ["SHOP_SECRET_KEY"]  # expect: insecure-secret-fallback

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": os.getenv("SHOP_DBHOST", "localhost"),
        "NAME": os.getenv("SHOP_DBNAME", "shop"),
        "USER": os.getenv("SHOP_DBUSER", "shop"),
        "PASSWORD": os.getenv("SHOP_DBPASS", "shop"),  # expect: insecure-secret-fallback
    }
}
