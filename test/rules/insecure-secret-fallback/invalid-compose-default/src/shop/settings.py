import os

SECRET_KEY = os.environ.get("SHOP_SECRET_KEY", "insecure-7f3k2m9q")  # expect: insecure-secret-fallback

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": os.getenv("SHOP_DBHOST", "localhost"),
        "NAME": os.getenv("SHOP_DBNAME", "shop"),
        "USER": os.getenv("SHOP_DBUSER", "shop"),
        "PASSWORD": os.getenv("SHOP_DBPASS", "shop"),  # expect: insecure-secret-fallback
    }
}
